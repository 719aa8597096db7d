import type { ListFilters } from '../../src/canonical/list-query.js'
import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { validationFailed } from '../../src/errors.js'
import type { CallContext } from '../types.js'
import {
  haloId,
  prioritiesFromHalo,
  statusFromHalo,
  ticketTypeFromHalo,
  type HaloMapOptions,
  type ResolvedTicketWrite,
} from './map.js'
import type { HaloPriority, HaloStatus, HaloTicketType } from './types.js'

export interface HaloReferenceSource {
  statuses(ctx: CallContext): Promise<HaloStatus[]>
  priorities(ctx: CallContext): Promise<HaloPriority[]>
  ticketTypes(ctx: CallContext): Promise<HaloTicketType[]>
  mapOptions: HaloMapOptions
}

/** HaloPSA's reference data in canonical form, and the resolution of canonical filters and writes to Halo ids. */
export class HaloReference {
  constructor(private readonly source: HaloReferenceSource) {}

  async statuses(ctx: CallContext): Promise<Status[]> {
    const statuses = [...(await this.source.statuses(ctx))].sort(
      (a, b) => (a.sequence ?? 0) - (b.sequence ?? 0) || a.id - b.id,
    )
    return statuses.map((status) => statusFromHalo(status, this.source.mapOptions))
  }

  async priorities(ctx: CallContext): Promise<Priority[]> {
    return prioritiesFromHalo(await this.source.priorities(ctx), this.source.mapOptions)
  }

  async ticketTypes(ctx: CallContext): Promise<TicketType[]> {
    return (await this.source.ticketTypes(ctx))
      .filter((type) => type.visible !== false)
      .map(ticketTypeFromHalo)
  }

  /** The status ids the status/statusId filters allow (an empty list matches nothing). */
  async statusIdsFor(filters: ListFilters, ctx: CallContext): Promise<number[] | undefined> {
    if (filters.status === undefined && filters.statusId === undefined) return undefined
    const statuses = await this.statuses(ctx)
    if (filters.statusId !== undefined && !statuses.some((status) => status.id === filters.statusId)) {
      throw noMatch('statusId', filters.statusId, 'statuses')
    }
    return statuses
      .filter((status) => filters.status === undefined || filters.status.includes(status.category))
      .filter((status) => filters.statusId === undefined || status.id === filters.statusId)
      .map((status) => Number(status.id))
  }

  /** Turns a category or status id, a level or priority id, into the ids Halo stores. */
  async resolveTicketWrite(
    body: TicketCreate | TicketUpdate,
    ctx: CallContext,
  ): Promise<ResolvedTicketWrite> {
    const resolved: ResolvedTicketWrite = {}
    if (body.statusId !== undefined || body.status !== undefined) {
      const byId = body.statusId !== undefined
      if (byId) haloId(body.statusId!, 'statusId')
      const match = (await this.statuses(ctx)).find((status) =>
        byId ? status.id === body.statusId : status.category === body.status,
      )
      if (!match) throw noMatch(byId ? 'statusId' : 'status', byId ? body.statusId : body.status, 'statuses')
      resolved.statusId = Number(match.id)
    }
    if (body.priorityId !== undefined || body.priority !== undefined) {
      const byId = body.priorityId !== undefined
      if (byId) haloId(body.priorityId!, 'priorityId')
      const match = (await this.priorities(ctx)).find((priority) =>
        byId ? priority.id === body.priorityId : priority.level === body.priority,
      )
      if (!match)
        throw noMatch(byId ? 'priorityId' : 'priority', byId ? body.priorityId : body.priority, 'priorities')
      resolved.priorityId = Number(match.id)
    }
    return resolved
  }
}

const noMatch = (field: string, value: string | undefined, list: string) =>
  validationFailed(`halopsa has nothing matching ${field} '${value}'`, [
    { field, message: `no match in this connection's ${list}; see /${list}` },
  ])
