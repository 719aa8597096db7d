import {
  castId,
  castObject,
  castStringList,
  castText,
  castTimestamp,
  hasField,
  isBlank,
} from '../body-fields.js'
import type { SyncroDatabase } from '../database.js'
import type { SyncroReply } from '../http-types.js'
import type { TicketRecord } from '../records.js'
import { customerRequired, recordInvalid, validationFailed, type FieldError } from '../vendor-errors.js'
import { readNestedCommentInputs, type CommentDraft } from './comment-input.js'

export type TicketChanges = Partial<Omit<TicketRecord, 'id' | 'created_at' | 'updated_at' | 'resolved_at'>>

export type TicketInput =
  { ok: true; changes: TicketChanges; comments: CommentDraft[] } | { ok: false; reply: SyncroReply }

/**
 * Reads a `POST /tickets` (create) or `PUT /tickets/{id}` (update: only the fields sent) body.
 * Checks run in the order the vendor's layers would meet them: the API's required customer, then references
 * to other records (all failures in one "Validation failed"), then model validations (`success: false`).
 */
export function readTicketInput(
  db: SyncroDatabase,
  body: Record<string, unknown>,
  creating: boolean,
): TicketInput {
  const customerId = castId(body.customer_id)
  if ((creating || hasField(body, 'customer_id')) && customerId === null)
    return { ok: false, reply: customerRequired() }

  const referenceErrors = missingReferences(db, body)
  if (referenceErrors.length > 0) return { ok: false, reply: validationFailed(referenceErrors) }

  const subject = castText(body.subject)
  const nested = readNestedCommentInputs(body.comments_attributes)
  const messages = [
    ...((creating || hasField(body, 'subject')) && isBlank(subject) ? ["Subject can't be blank"] : []),
    ...nested.messages,
  ]
  if (messages.length > 0) return { ok: false, reply: recordInvalid(messages) }

  return { ok: true, changes: ticketChanges(body), comments: nested.drafts }
}

function missingReferences(db: SyncroDatabase, body: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = []
  const doesNotExist = (field: string) => errors.push({ field, message: 'does not exist' })
  const references: [string, (id: number) => boolean][] = [
    ['customer_id', (id) => db.customers.has(id)],
    ['contact_id', (id) => db.contacts.has(id)],
    ['user_id', (id) => db.users.has(id)],
    ['ticket_type_id', (id) => db.ticketTypes.has(id)],
  ]
  for (const [field, exists] of references) {
    const id = castId(body[field])
    if (id !== null && !exists(id)) doesNotExist(field)
  }
  if (hasField(body, 'status') && !db.statuses.includes(castText(body.status) ?? '')) {
    errors.push({ field: 'status', message: 'is not included in the list' })
  }
  if (hasField(body, 'asset_ids') && !assetIdList(body.asset_ids).every((id) => db.assets.has(id))) {
    doesNotExist('asset_ids')
  }
  return errors
}

function ticketChanges(body: Record<string, unknown>): TicketChanges {
  const changes: TicketChanges = {}
  const given = (field: string) => hasField(body, field)
  const optionalId = (field: string) => {
    const id = castId(body[field])
    return id === null || Number.isNaN(id) ? null : id
  }
  if (given('subject')) changes.subject = castText(body.subject) ?? ''
  if (given('customer_id')) changes.customer_id = castId(body.customer_id) as number
  if (given('contact_id')) changes.contact_id = castId(body.contact_id)
  if (given('user_id')) changes.user_id = castId(body.user_id)
  if (given('ticket_type_id')) changes.ticket_type_id = castId(body.ticket_type_id)
  if (given('status')) changes.status = castText(body.status) as string
  // Priority and Issue Type are stored as sent, not checked against GET /settings: no source shows Syncro
  // refusing one, and the spec's own ticket example carries priority "High", which is not on its /settings list.
  if (given('priority')) changes.priority = castText(body.priority)
  if (given('problem_type')) changes.problem_type = castText(body.problem_type)
  if (given('due_date')) changes.due_date = castTimestamp(body.due_date)
  if (given('start_at')) changes.start_at = castTimestamp(body.start_at)
  if (given('end_at')) changes.end_at = castTimestamp(body.end_at)
  if (given('location_id')) changes.location_id = optionalId('location_id')
  if (given('sla_id')) changes.sla_id = optionalId('sla_id')
  if (given('properties')) changes.properties = castObject(body.properties) ?? {}
  if (given('tag_list')) changes.tag_list = castStringList(body.tag_list)
  if (given('asset_ids')) changes.asset_ids = assetIdList(body.asset_ids)
  const number = optionalId('number')
  if (number !== null && number > 0) changes.number = number
  return changes
}

function assetIdList(value: unknown): number[] {
  return Array.isArray(value) ? value.map(castId).filter((id): id is number => id !== null) : []
}
