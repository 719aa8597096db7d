import type { SyncroDatabase } from '../database.js'
import type { CommentRecord } from '../records.js'
import { userView } from './reference.js'

/** A comment as nested in a ticket and as `POST /tickets/{id}/comment` answers it. */
export function commentView(comment: CommentRecord) {
  return {
    id: comment.id,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    ticket_id: comment.ticket_id,
    subject: comment.subject,
    body: comment.body,
    tech: comment.tech,
    hidden: comment.hidden,
    user_id: comment.user_id,
  }
}

/**
 * `GET /tickets/{id}/comments` adds the rich-text flag and the author (`is_rich_text`, `user`: the spec's example of
 * that list; its `user` is `{}` there, so its fields are unsourced: chosen to be the user as GET /users/{id}
 * shows it, and null for a comment with no user_id).
 */
export function listedCommentView(db: SyncroDatabase, comment: CommentRecord) {
  const user = comment.user_id === null ? undefined : db.users.get(comment.user_id)
  // Object.assign, not a spread followed by fields: see ticketCore in tickets.ts.
  return Object.assign(commentView(comment), { is_rich_text: false, user: user ? userView(user) : null })
}
