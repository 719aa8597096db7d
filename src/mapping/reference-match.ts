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

/** The categories a finished ticket is in. */
const FINISHED: readonly StatusCategory[] = ['resolved', 'closed']

/** How a vendor's status reads: its category, and whether the vendor's own flag says it finishes a ticket. */
export interface StatusReading<S> {
  category(status: S): StatusCategory
  finished(status: S): boolean
}

/**
 * The first of `statuses` (in the vendor's order of preference) of a category. A vendor may mark a finished status
 * only with a flag of its own (ConnectWise's `closedStatus`, Autotask's system status Complete), so it may have no
 * status of category `resolved` (or, with a statusMap, none of `closed`): then both take the first of its finished
 * statuses, and the ticket reads as that status's category.
 */
export function statusOfCategory<S>(
  statuses: readonly S[],
  category: StatusCategory,
  reading: StatusReading<S>,
): S | undefined {
  const match = statuses.find((status) => reading.category(status) === category)
  if (match !== undefined || !FINISHED.includes(category)) return match
  return statuses.find((status) => reading.finished(status))
}

/**
 * The status a write names, by id or as the first of its category (`finished`: the vendor's own flag for a
 * finished status, for a category it has no status of: statusOfCategory); undefined when it names none.
 */
export function statusForWrite(
  vendor: string,
  statuses: Status[],
  body: { status?: StatusCategory; statusId?: string },
  finished: (status: Status) => boolean = () => false,
): Status | undefined {
  if (body.statusId === undefined && body.status === undefined) return undefined
  const byId = body.statusId !== undefined
  const match = byId
    ? statuses.find((status) => status.id === body.statusId)
    : statusOfCategory(statuses, body.status!, { category: (status) => status.category, finished })
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
