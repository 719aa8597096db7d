import { IdTable } from '../../shared/id-table.js'
import type { RouteHandler } from '../http-types.js'
import { listReply, recordReply } from '../listing/list.js'
import { recordNotFound } from '../vendor-errors.js'
import { MEMBER_SCHEMA, memberView } from '../views/members.js'
import {
  BOARD_SCHEMA,
  boardView,
  PRIORITY_SCHEMA,
  priorityView,
  STATUS_SCHEMA,
  statusView,
  TYPE_SCHEMA,
  typeView,
} from '../views/service.js'
import { recordId } from './common.js'

// Reference data: boards with their statuses and types, priorities, members. Read-only here.

export const listBoards: RouteHandler = (request, context) =>
  listReply(request, context, BOARD_SCHEMA, { records: context.db.boards, view: boardView })

export const getBoard: RouteHandler = (request, { db }) => {
  const board = db.boards.get(recordId(request.params.id))
  return board
    ? recordReply(request, BOARD_SCHEMA, boardView(board))
    : recordNotFound('Board', request.params.id)
}

export const listBoardStatuses: RouteHandler = (request, context) => {
  const { db } = context
  const board = db.boards.get(recordId(request.params.id))
  if (!board) return recordNotFound('Board', request.params.id)
  return listReply(request, context, STATUS_SCHEMA, {
    records: new IdTable(db.statusesOf(board.id)),
    view: (status) => statusView(db, status),
  })
}

export const listBoardTypes: RouteHandler = (request, context) => {
  const { db } = context
  const board = db.boards.get(recordId(request.params.id))
  if (!board) return recordNotFound('Board', request.params.id)
  return listReply(request, context, TYPE_SCHEMA, {
    records: new IdTable(db.typesOf(board.id)),
    view: (type) => typeView(db, type),
  })
}

export const listPriorities: RouteHandler = (request, context) =>
  listReply(request, context, PRIORITY_SCHEMA, { records: context.db.priorities, view: priorityView })

export const listMembers: RouteHandler = (request, context) =>
  listReply(request, context, MEMBER_SCHEMA, { records: context.db.members, view: memberView })

export const getMember: RouteHandler = (request, { db }) => {
  const member = db.members.get(recordId(request.params.id))
  return member
    ? recordReply(request, MEMBER_SCHEMA, memberView(member))
    : recordNotFound('Member', request.params.id)
}
