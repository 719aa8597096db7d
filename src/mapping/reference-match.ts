import type { ListFilters } from '../canonical/list-query.js'
import type { Priority, Status } from '../canonical/reference.js'
import type { PriorityLevel, StatusCategory } from '../canonical/common.js'
import { validationFailed } from '../errors.js'

/** Canonical filters and writes matched against a connection's canonical reference data. */

export const noMatch = (vendor: string, field: string, value: string | undefined, list: string) =>
  validationFailed(`${vendor} has nothing matching ${field} '${value}'`, [
    { field, message: `no match in this connection's ${list}; see /${list.split(' ')[0]}` },
  ])

/** The statuses the status/statusId filters allow; undefined when neither is set. An unknown statusId is a 400. */
export function statusesForFilters(
  vendor: string,
  statuses: Status[],
  filters: ListFilters,
): Status[] | undefined {
  if (filters.status === undefined && filters.statusId === undefined) return undefined
  if (filters.statusId !== undefined && !statuses.some((status) => status.id === filters.statusId)) {
    throw noMatch(vendor, 'statusId', filters.statusId, 'statuses')
  }
  return statuses
    .filter((status) => filters.status === undefined || filters.status.includes(status.category))
    .filter((status) => filters.statusId === undefined || status.id === filters.statusId)
}

/** The status a write names, by id or as the first of its category; undefined when it names none. */
export function statusForWrite(
  vendor: string,
  statuses: Status[],
  body: { status?: StatusCategory; statusId?: string },
): Status | undefined {
  if (body.statusId === undefined && body.status === undefined) return undefined
  const byId = body.statusId !== undefined
  const match = statuses.find((status) =>
    byId ? status.id === body.statusId : status.category === body.status,
  )
  if (!match)
    throw noMatch(vendor, byId ? 'statusId' : 'status', byId ? body.statusId : body.status, 'statuses')
  return match
}

/** The priority a write names, by id or as the first of its level; undefined when it names none. */
export function priorityForWrite(
  vendor: string,
  priorities: Priority[],
  body: { priority?: PriorityLevel; priorityId?: string },
): Priority | undefined {
  if (body.priorityId === undefined && body.priority === undefined) return undefined
  const byId = body.priorityId !== undefined
  const match = priorities.find((priority) =>
    byId ? priority.id === body.priorityId : priority.level === body.priority,
  )
  if (!match)
    throw noMatch(
      vendor,
      byId ? 'priorityId' : 'priority',
      byId ? body.priorityId : body.priority,
      'priorities',
    )
  return match
}
