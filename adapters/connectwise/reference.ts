import type { PriorityLevel, StatusCategory } from '../../src/canonical/common.js'
import type { ListFilters } from '../../src/canonical/list-query.js'
import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import { categoryFromName } from '../../src/mapping/names.js'
import { noMatch as sharedNoMatch, statusOfCategory } from '../../src/mapping/reference-match.js'
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

/**
 * Where reference data comes from, each piece through the reference cache on its own: a board's statuses are
 * one entry per board, so a tenant with many boards fills its cache over several requests if it must (what one
 * request loaded stays loaded), and a write or a ticket never waits for boards it does not touch.
 */
export interface ConnectWiseReferenceSource {
  boards(ctx: CallContext): Promise<CwBoard[]>
  statusesOf(boardId: number, ctx: CallContext): Promise<CwBoardStatus[]>
  typesOf(boardId: number, ctx: CallContext): Promise<CwBoardType[]>
  priorities(ctx: CallContext): Promise<CwPriority[]>
  mapOptions: ConnectWiseMapOptions
}

type StatusOfBoard = CwBoardStatus & { board: CwBoard }

/** ConnectWise's statuses (per board), priorities and types in canonical form, and filter/write resolution. */
export class ConnectWiseReference {
  constructor(private readonly source: ConnectWiseReferenceSource) {}

  async #allStatuses(ctx: CallContext): Promise<StatusOfBoard[]> {
    const boards = await this.source.boards(ctx)
    const perBoard = await Promise.all(
      boards.map(async (board) =>
        (await this.source.statusesOf(board.id, ctx)).map((status) => ({ ...status, board })),
      ),
    )
    return perBoard.flat()
  }

  #category(status: CwBoardStatus): StatusCategory {
    return statusCategory(
      { id: status.id, name: status.name, closed: status.closedStatus === true },
      this.source.mapOptions,
    )
  }

  async statuses(ctx: CallContext): Promise<Status[]> {
    return (await this.#allStatuses(ctx)).map((status) =>
      statusFromConnectWise(status, status.board, this.source.mapOptions),
    )
  }

  /** The statuses a ticket can be set to: ConnectWise refuses an inactive status, and a board that is inactive. */
  async writableStatuses(ctx: CallContext): Promise<Status[]> {
    return (await this.#allStatuses(ctx))
      .filter((status) => status.inactive !== true && status.board.inactiveFlag !== true)
      .map((status) => statusFromConnectWise(status, status.board, this.source.mapOptions))
  }

  async priorities(ctx: CallContext): Promise<Priority[]> {
    const priorities = await this.source.priorities(ctx)
    const levels = priorityLevels(priorities, this.source.mapOptions)
    return priorities.map((priority) => priorityFromConnectWise(priority, levels.get(priority.id)!))
  }

  async ticketTypes(ctx: CallContext): Promise<TicketType[]> {
    const boards = await this.source.boards(ctx)
    const perBoard = await Promise.all(
      boards.map(async (board) =>
        (await this.source.typesOf(board.id, ctx))
          .filter((type) => !type.inactiveFlag)
          .map((type) => ticketTypeFromConnectWise(type, board)),
      ),
    )
    return perBoard.flat()
  }

  /** What a ticket's mapping reads besides the ticket: the priorities' levels, one cached list. */
  async ticketLookups(ctx: CallContext): Promise<TicketLookups> {
    const levels = priorityLevels(await this.source.priorities(ctx), this.source.mapOptions)
    return {
      // A priority created since the cache was filled has no rank yet: its name or level decides.
      priorityLevel: (priority) =>
        levels.get(priority.id) ?? statedLevel(priority, this.source.mapOptions) ?? 'medium',
    }
  }

  /** The status ids the status/statusId filters allow (an empty list matches nothing). */
  async statusIdsFor(filters: ListFilters, ctx: CallContext): Promise<number[] | undefined> {
    const byId = filters.statusId === undefined ? undefined : cwId(filters.statusId, 'statusId')
    if (filters.status === undefined) return byId === undefined ? undefined : [byId]
    const categories = filters.status
    return (await this.#allStatuses(ctx))
      .filter((status) => categories.includes(this.#category(status)))
      .filter((status) => byId === undefined || status.id === byId)
      .map((status) => status.id)
  }

  async priorityIdsFor(filters: ListFilters, ctx: CallContext): Promise<number[] | undefined> {
    if (filters.priority === undefined) return undefined
    const levels = filters.priority
    return (await this.priorities(ctx))
      .filter((priority) => levels.includes(priority.level))
      .map((priority) => Number(priority.id))
  }

  /** The board a status belongs to (a create naming a status but no board goes to the status's board). */
  async boardOfStatus(statusId: number, ctx: CallContext): Promise<number> {
    const status = (await this.#allStatuses(ctx)).find((candidate) => candidate.id === statusId)
    if (!status) throw noMatch('statusId', String(statusId), 'statuses')
    return status.board.id
  }

  /**
   * The board's status of this category: one whose name says the category first ("Closed" before "Resolved"
   * when both are closed statuses), one whose name says the work was abandoned ("Cancelled") last, then the
   * board's default status, then ConnectWise's sort order.
   * ConnectWise marks a finished status only with `closedStatus` (vendors.md), so a board may have no status of
   * category `resolved` (or, with a statusMap, none of `closed`): then both `resolved` and `closed` take one
   * of the board's closed statuses in the same order ("Resolved" for resolved, "Closed" or "Completed" for
   * closed, never "Cancelled" while another is there: statusOfCategory). The ticket then reads as that status's
   * category.
   */
  async statusOnBoard(category: StatusCategory, boardId: number, ctx: CallContext): Promise<number> {
    const active = (await this.source.statusesOf(boardId, ctx)).filter((status) => status.inactive !== true)
    const rank = (status: CwBoardStatus) =>
      ABANDONED.test(status.name) ? 2 : categoryFromName(status.name) === category ? 0 : 1
    const match = statusOfCategory(
      active.sort((a, b) => rank(a) - rank(b) || statusOrder(a, b)),
      category,
      { category: (status) => this.#category(status), finished: (status) => status.closedStatus === true },
    )
    if (!match) throw noMatch('status', category, `statuses of board ${boardId}`)
    return match.id
  }

  /** A priority id the tenant has, or the priority of a level: the default one first, then by sort order. */
  async priorityFor(
    body: { priority?: PriorityLevel; priorityId?: string },
    ctx: CallContext,
  ): Promise<number | undefined> {
    const priorities = await this.source.priorities(ctx)
    if (body.priorityId !== undefined) {
      const id = cwId(body.priorityId, 'priorityId')
      if (!priorities.some((priority) => priority.id === id))
        throw noMatch('priorityId', body.priorityId, 'priorities')
      return id
    }
    if (body.priority === undefined) return undefined
    const levels = priorityLevels(priorities, this.source.mapOptions)
    const [match] = priorities
      .filter((priority) => levels.get(priority.id) === body.priority)
      .sort(statusOrder)
    if (!match) throw noMatch('priority', body.priority, 'priorities')
    return match.id
  }
}

/** Statuses (and priorities) in ConnectWise's order: the default first, then by sort order, then by id. */
const statusOrder = (a: Ordered, b: Ordered) =>
  Number(b.defaultFlag === true) - Number(a.defaultFlag === true) ||
  (a.sortOrder ?? 0) - (b.sortOrder ?? 0) ||
  a.id - b.id

type Ordered = { id: number; defaultFlag?: boolean; sortOrder?: number }

/** A finished status that says the work was not done: the last choice for resolving or closing a ticket. */
const ABANDONED = /\b(cancel+ed|cancel|archived?|void(ed)?|rejected|duplicate|spam)\b/i

const noMatch = (field: string, value: string | undefined, list: string) =>
  sharedNoMatch('connectwise', field, value, list)
