import type { PriorityLevel, StatusCategory } from '../../src/canonical/common.js'
import type { ListFilters } from '../../src/canonical/list-query.js'
import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import { validationFailed } from '../../src/errors.js'
import type { CallContext } from '../types.js'
import {
  priorityFromConnectWise,
  priorityLevels,
  statedLevel,
  statusCategory,
  statusFromConnectWise,
  ticketTypeFromConnectWise,
  type ConnectWiseMapOptions,
  type TicketLookups,
} from './map.js'
import { cwId } from './query.js'
import type { CwBoard, CwBoardStatus, CwBoardType, CwPriority } from './types.js'

/** What the reference cache holds for a ConnectWise connection (plain JSON, shared through Redis). */
export interface BoardStatuses {
  boards: CwBoard[]
  statuses: Array<CwBoardStatus & { boardId: number }>
}

export interface ConnectWiseReferenceSource {
  boardStatuses(ctx: CallContext): Promise<BoardStatuses>
  boardTypes(
    ctx: CallContext,
  ): Promise<{ boards: CwBoard[]; types: Array<CwBoardType & { boardId: number }> }>
  priorities(ctx: CallContext): Promise<CwPriority[]>
  mapOptions: ConnectWiseMapOptions
}

/** Resolved ids for a ticket write; a status id also fixes the board it belongs to. */
export interface ResolvedTicketRefs {
  statusId?: number
  boardId?: number
  priorityId?: number
}

/** ConnectWise's statuses (per board), priorities and types in canonical form, and write/filter resolution. */
export class ConnectWiseReference {
  constructor(private readonly source: ConnectWiseReferenceSource) {}

  async statuses(ctx: CallContext): Promise<Status[]> {
    const { boards, statuses } = await this.source.boardStatuses(ctx)
    const boardById = new Map(boards.map((board) => [board.id, board]))
    return statuses.flatMap((status) => {
      const board = boardById.get(status.boardId)
      return board ? [statusFromConnectWise(status, board, this.source.mapOptions)] : []
    })
  }

  async priorities(ctx: CallContext): Promise<Priority[]> {
    const priorities = await this.source.priorities(ctx)
    const levels = priorityLevels(priorities, this.source.mapOptions)
    return priorities.map((priority) => priorityFromConnectWise(priority, levels.get(priority.id)!))
  }

  async ticketTypes(ctx: CallContext): Promise<TicketType[]> {
    const { boards, types } = await this.source.boardTypes(ctx)
    const boardById = new Map(boards.map((board) => [board.id, board]))
    return types.flatMap((type) => {
      const board = boardById.get(type.boardId)
      return board && !type.inactiveFlag ? [ticketTypeFromConnectWise(type, board)] : []
    })
  }

  /** Reference data a ticket's mapping reads: one cached lookup per list, never a call per record. */
  async ticketLookups(ctx: CallContext): Promise<TicketLookups> {
    const [{ statuses }, priorities] = await Promise.all([
      this.source.boardStatuses(ctx),
      this.source.priorities(ctx),
    ])
    const closed = new Map(statuses.map((status) => [status.id, status.closedStatus === true]))
    const levels = priorityLevels(priorities, this.source.mapOptions)
    return {
      statusClosed: (statusId) => closed.get(statusId),
      // A priority created since the cache was filled has no rank yet: its name or level decides.
      priorityLevel: (priority) =>
        levels.get(priority.id) ?? statedLevel(priority, this.source.mapOptions) ?? 'medium',
    }
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

  async priorityIdsFor(filters: ListFilters, ctx: CallContext): Promise<number[] | undefined> {
    if (filters.priority === undefined) return undefined
    const levels = filters.priority
    return (await this.priorities(ctx))
      .filter((priority) => levels.includes(priority.level))
      .map((priority) => Number(priority.id))
  }

  /**
   * Turns a category or status id, and a level or priority id, into ConnectWise ids. Statuses belong to a
   * board: a category resolves on `boardId` (the ticket's board), a status id brings its own board along.
   */
  async resolveTicketWrite(
    body: { status?: StatusCategory; statusId?: string; priority?: PriorityLevel; priorityId?: string },
    boardId: number | undefined,
    ctx: CallContext,
  ): Promise<ResolvedTicketRefs> {
    const resolved: ResolvedTicketRefs = {}
    if (body.statusId !== undefined || body.status !== undefined) {
      Object.assign(resolved, await this.#resolveStatus(body, boardId, ctx))
    }
    if (body.priorityId !== undefined) {
      const id = cwId(body.priorityId, 'priorityId')
      if (!(await this.source.priorities(ctx)).some((priority) => priority.id === id))
        throw noMatch('priorityId', body.priorityId, 'priorities')
      resolved.priorityId = id
    } else if (body.priority !== undefined) {
      const match = (await this.priorities(ctx)).find((priority) => priority.level === body.priority)
      if (!match) throw noMatch('priority', body.priority, 'priorities')
      resolved.priorityId = Number(match.id)
    }
    return resolved
  }

  async #resolveStatus(
    body: { status?: StatusCategory; statusId?: string },
    boardId: number | undefined,
    ctx: CallContext,
  ): Promise<{ statusId: number; boardId: number }> {
    const { statuses } = await this.source.boardStatuses(ctx)
    if (body.statusId !== undefined) {
      const id = cwId(body.statusId, 'statusId')
      const status = statuses.find((candidate) => candidate.id === id)
      if (!status) throw noMatch('statusId', body.statusId, 'statuses')
      if (boardId !== undefined && status.boardId !== boardId) {
        throw validationFailed(
          `connectwise status ${id} belongs to board ${status.boardId}, not ${boardId}`,
          [{ field: 'statusId', message: `not a status of board ${boardId}; see /statuses (boardId)` }],
        )
      }
      return { statusId: id, boardId: status.boardId }
    }
    if (boardId === undefined) {
      throw validationFailed(
        'connectwise statuses belong to boards: name the board to resolve a status category',
        [{ field: 'boardId', message: "required with status (or set the connection's defaultBoardId)" }],
      )
    }
    const category = (status: CwBoardStatus) =>
      statusCategory(
        { id: status.id, name: status.name, closed: status.closedStatus === true },
        this.source.mapOptions,
      )
    // The board's default status first (a new ticket's usual status), then ConnectWise's sort order.
    const [match] = statuses
      .filter(
        (status) =>
          status.boardId === boardId && status.inactive !== true && category(status) === body.status,
      )
      .sort(
        (a, b) =>
          Number(b.defaultFlag === true) - Number(a.defaultFlag === true) ||
          (a.sortOrder ?? 0) - (b.sortOrder ?? 0) ||
          a.id - b.id,
      )
    if (!match) throw noMatch('status', body.status, `statuses of board ${boardId}`)
    return { statusId: match.id, boardId }
  }
}

const noMatch = (field: string, value: string | undefined, list: string) =>
  validationFailed(`connectwise has nothing matching ${field} '${value}'`, [
    { field, message: `no match in this connection's ${list}; see /${list.split(' ')[0]}` },
  ])
