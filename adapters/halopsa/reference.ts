import type { ListFilters } from '../../src/canonical/list-query.js'
import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { validationFailed } from '../../src/errors.js'
import { integerId } from '../../src/mapping/ids.js'
import {
  noMatch,
  priorityForWrite,
  statusesForFilters,
  statusForWrite,
} from '../../src/mapping/reference-match.js'
import type { CallContext } from '../types.js'
import {
  prioritiesFromHalo,
  priorityLevel,
  statusFromHalo,
  ticketTypeFromHalo,
  type HaloMapOptions,
  type HaloStatusTypes,
  type ResolvedTicketWrite,
} from './map.js'
import type { HaloPriority, HaloStatus, HaloTeam, HaloTicketType } from './types.js'

export interface HaloReferenceSource {
  /** Every status, and the type values Halo classes as closed and pending. */
  statuses(ctx: CallContext): Promise<{ statuses: HaloStatus[]; types: HaloStatusTypes }>
  priorities(ctx: CallContext): Promise<HaloPriority[]>
  ticketTypes(ctx: CallContext): Promise<HaloTicketType[]>
  teams(ctx: CallContext): Promise<HaloTeam[]>
  mapOptions: HaloMapOptions
}

/** HaloPSA's reference data in canonical form, and the resolution of canonical filters and writes to Halo ids. */
export class HaloReference {
  constructor(private readonly source: HaloReferenceSource) {}

  async statuses(ctx: CallContext): Promise<Status[]> {
    const { statuses, types } = await this.source.statuses(ctx)
    return [...statuses]
      .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0) || a.id - b.id)
      .map((status) => statusFromHalo(status, this.source.mapOptions, types))
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

  /**
   * The priority ids (`priorityid`, what `/Tickets?priority=` takes) whose level is one of those asked. Priorities
   * belong to SLAs: an id whose level differs between SLAs cannot be filtered by level exactly, so it is refused
   * (a 400 naming the field) rather than matching tickets of the other level. An empty list matches nothing.
   */
  async priorityIdsFor(filters: ListFilters, ctx: CallContext): Promise<number[] | undefined> {
    if (filters.priority === undefined) return undefined
    const wanted = new Set(filters.priority)
    const rows = (await this.source.priorities(ctx)).filter((row) => !row.ishidden)
    const levelsById = new Map<number, Set<string>>()
    for (const row of rows) {
      const levels = levelsById.get(row.priorityid) ?? new Set<string>()
      levels.add(priorityLevel(row, this.source.mapOptions))
      levelsById.set(row.priorityid, levels)
    }
    const ids: number[] = []
    for (const [id, levels] of levelsById) {
      const matching = [...levels].filter((level) => wanted.has(level as never))
      if (matching.length === 0) continue
      if (matching.length !== levels.size) {
        throw validationFailed(`halopsa's SLAs give priority ${id} different levels`, [
          {
            field: 'priority',
            message: "the level differs between this connection's SLAs: filter by status instead",
          },
        ])
      }
      ids.push(id)
    }
    return ids.sort((a, b) => a - b)
  }

  /** Turns a category or status id, a level or priority id, into the ids Halo stores. */
  async resolveTicketWrite(
    body: TicketCreate | TicketUpdate,
    ctx: CallContext,
  ): Promise<ResolvedTicketWrite> {
    const needsStatus = body.status !== undefined || body.statusId !== undefined
    const needsPriority = body.priority !== undefined || body.priorityId !== undefined
    const status = needsStatus ? statusForWrite('halopsa', await this.statuses(ctx), body) : undefined
    const priorityId = needsPriority ? await this.#priorityFor(body, ctx) : undefined
    const team = body.boardId === undefined ? undefined : await this.#teamFor(body.boardId, ctx)
    return { statusId: status && Number(status.id), priorityId, team }
  }

  /** The team list, for a ticket's board (tickets hold the team's name only). */
  teams(ctx: CallContext): Promise<HaloTeam[]> {
    return this.source.teams(ctx)
  }

  /** A board is a team, which a ticket takes by name (`Faults.team`): the id is looked up in the team list. */
  async #teamFor(boardId: string, ctx: CallContext): Promise<string> {
    const id = integerId('halopsa', boardId, 'boardId')
    const team = (await this.source.teams(ctx)).find((candidate) => candidate.id === id)
    if (!team) throw noMatch('halopsa', 'boardId', boardId, 'teams')
    return team.name
  }

  /**
   * Priorities belong to SLAs, and a ticket's SLA is Halo's to decide: a level is accepted only where it is the
   * same priority number in every SLA (else the caller names the priorityId); Halo checks the number against
   * the ticket's SLA itself.
   */
  async #priorityFor(body: TicketCreate | TicketUpdate, ctx: CallContext): Promise<number> {
    if (body.priority === undefined) {
      return Number(priorityForWrite('halopsa', await this.priorities(ctx), body)!.id)
    }
    const rows = (await this.source.priorities(ctx)).filter((row) => !row.ishidden)
    const perSla = new Map<number, number>()
    for (const row of [...rows].sort((a, b) => a.priorityid - b.priorityid)) {
      const sla = row.slaid ?? 0
      if (!perSla.has(sla) && priorityLevel(row, this.source.mapOptions) === body.priority)
        perSla.set(sla, row.priorityid)
    }
    const numbers = new Set(perSla.values())
    if (numbers.size === 1) return [...numbers][0]!
    if (numbers.size === 0) throw noMatch('halopsa', 'priority', body.priority, 'priorities')
    throw validationFailed(`halopsa's SLAs give the level '${body.priority}' to different priorities`, [
      { field: 'priority', message: "differs between this connection's SLAs: send priorityId instead" },
    ])
  }
}
