import { readCommentInput } from '../inputs/comment-input.js'
import type { RouteHandler } from '../http-types.js'
import { paginate } from '../paging.js'
import { queryDate, queryPage, queryValue } from '../query-params.js'
import type { CommentRecord } from '../records.js'
import { notFound, recordInvalid } from '../vendor-errors.js'
import { commentView, listedCommentView } from '../views/comments.js'
import { recordId } from './record-id.js'

const DEFAULT_PER_PAGE = 10
// The vendor documents the default only; larger requests are capped at 100 here (an assumption).
const MAX_PER_PAGE = 100

/** `sort_by` created_at (default) or updated_at, `sort_direction` DESC (default) or ASC; ties by id. */
export const listComments: RouteHandler = ({ params, query }, { db }) => {
  const ticket = db.tickets.get(recordId(params.id))
  if (!ticket) return notFound()
  const bounds = {
    createdAfter: queryDate(query, 'created_after'),
    createdBefore: queryDate(query, 'created_before'),
    updatedAfter: queryDate(query, 'updated_after'),
    updatedBefore: queryDate(query, 'updated_before'),
  }
  const sortField = queryValue(query, 'sort_by') === 'updated_at' ? 'updated_at' : 'created_at'
  const direction = queryValue(query, 'sort_direction')?.toUpperCase() === 'ASC' ? 1 : -1
  const comments = db
    .commentsOf(ticket.id)
    .filter((comment) => withinBounds(comment, bounds))
    .sort((a, b) => direction * (a[sortField].localeCompare(b[sortField]) || a.id - b.id))
  const { records, meta } = paginate(comments, queryPage(query), perPage(queryValue(query, 'per_page')))
  return { status: 200, body: { comments: records.map((comment) => listedCommentView(db, comment)), meta } }
}

/**
 * The comment is the API key owner's (`user_id`; the spec's answer example carries user_id 1); `hidden` defaults to
 * false; the ticket counts as updated. Its `tech` is the one the body gave, else null (unsourced: the spec's answer
 * example shows "Joe" beside no request; null chosen so that a client never relies on a name Syncro may not fill in).
 */
export const createComment: RouteHandler = ({ params, body }, context) => {
  const { db } = context
  const ticket = db.tickets.get(recordId(params.id))
  if (!ticket) return notFound()
  const input = readCommentInput(body)
  if (!input.ok) return recordInvalid(input.messages)
  const now = context.now().toISOString()
  const comment = db.insertComment({
    ...input.draft,
    ticket_id: ticket.id,
    user_id: context.apiUserId,
    created_at: now,
    updated_at: now,
  })
  db.updateTicket(ticket, { updated_at: now })
  return { status: 200, body: { comment: commentView(comment) } }
}

function perPage(value: string | undefined): number {
  const requested = value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : 0
  return requested < 1 ? DEFAULT_PER_PAGE : Math.min(requested, MAX_PER_PAGE)
}

interface Bounds {
  createdAfter?: number
  createdBefore?: number
  updatedAfter?: number
  updatedBefore?: number
}

function withinBounds(comment: CommentRecord, bounds: Bounds): boolean {
  const created = Date.parse(comment.created_at)
  const updated = Date.parse(comment.updated_at)
  return (
    (bounds.createdAfter === undefined || created > bounds.createdAfter) &&
    (bounds.createdBefore === undefined || created < bounds.createdBefore) &&
    (bounds.updatedAfter === undefined || updated > bounds.updatedAfter) &&
    (bounds.updatedBefore === undefined || updated < bounds.updatedBefore)
  )
}
