import type { ListFilters } from '../../src/canonical/list-query.js'
import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { priorityForWrite, statusesForFilters, statusForWrite } from '../../src/mapping/reference-match.js'
import type { CallContext } from '../types.js'
import {
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
    return statusesForFilters('halopsa', await this.statuses(ctx), filters)?.map((status) =>
      Number(status.id),
    )
  }

  /** Turns a category or status id, a level or priority id, into the ids Halo stores. */
  async resolveTicketWrite(
    body: TicketCreate | TicketUpdate,
    ctx: CallContext,
  ): Promise<ResolvedTicketWrite> {
    const needsStatus = body.status !== undefined || body.statusId !== undefined
    const needsPriority = body.priority !== undefined || body.priorityId !== undefined
    const status = needsStatus ? statusForWrite('halopsa', await this.statuses(ctx), body) : undefined
    const priority = needsPriority ? priorityForWrite('halopsa', await this.priorities(ctx), body) : undefined
    return {
      statusId: status && Number(status.id),
      priorityId: priority && Number(priority.id),
    }
  }
}
