import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { BoardRecord, PriorityRecord, StatusRecord, TicketTypeRecord } from '../records.js'
import { withoutNulls } from './json.js'
import { ID_NAME, namedRef } from './references.js'

// Service desk reference data: boards, their statuses and ticket types, and priorities.

export const BOARD_SCHEMA = {
  id: 'integer',
  name: 'string',
  inactiveFlag: 'boolean',
} as const satisfies FieldSchema

export function boardView(board: BoardRecord): JsonObject {
  return { id: board.id, name: board.name, inactiveFlag: board.inactiveFlag }
}

export const STATUS_SCHEMA = {
  id: 'integer',
  name: 'string',
  board: ID_NAME,
  sortOrder: 'integer',
  closedStatus: 'boolean',
  inactive: 'boolean',
  defaultFlag: 'boolean',
  escalationStatus: 'string',
  timeEntryNotAllowed: 'boolean',
} as const satisfies FieldSchema

export function statusView(db: ConnectWiseDatabase, status: StatusRecord): JsonObject {
  return withoutNulls({
    id: status.id,
    name: status.name,
    board: namedRef(db.boards, status.boardId),
    sortOrder: status.sortOrder,
    closedStatus: status.closedStatus,
    inactive: status.inactive,
    defaultFlag: status.defaultFlag,
    escalationStatus: status.escalationStatus,
    timeEntryNotAllowed: status.timeEntryNotAllowed,
  })
}

export const TYPE_SCHEMA = {
  id: 'integer',
  name: 'string',
  board: ID_NAME,
  inactiveFlag: 'boolean',
} as const satisfies FieldSchema

export function typeView(db: ConnectWiseDatabase, type: TicketTypeRecord): JsonObject {
  return withoutNulls({
    id: type.id,
    name: type.name,
    board: namedRef(db.boards, type.boardId),
    inactiveFlag: type.inactiveFlag,
  })
}

export const PRIORITY_SCHEMA = {
  id: 'integer',
  name: 'string',
  /** An enum name (see PriorityColor), not a hex code. */
  color: 'string',
  sortOrder: 'integer',
  defaultFlag: 'boolean',
  level: 'string',
} as const satisfies FieldSchema

export function priorityView(priority: PriorityRecord): JsonObject {
  const { id, name, color, sortOrder, defaultFlag, level } = priority
  return { id, name, color, sortOrder, defaultFlag, level }
}
