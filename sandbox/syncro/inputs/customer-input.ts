import { castBoolean, castId, castObject, castText, hasField, isBlank, isEmail } from '../body-fields.js'
import type { SyncroReply } from '../http-types.js'
import type { CustomerRecord } from '../records.js'
import { recordInvalid } from '../vendor-errors.js'

const TEXT_FIELDS = [
  'business_name',
  'firstname',
  'lastname',
  'email',
  'phone',
  'mobile',
  'address',
  'address_2',
  'city',
  'state',
  'zip',
  'notes',
  'referred_by',
  'notification_email',
  'invoice_cc_emails',
] as const
const FLAG_FIELDS = ['get_sms', 'opt_out', 'no_email'] as const
const ID_FIELDS = ['ref_customer_id', 'tax_rate_id', 'invoice_term_id'] as const

export type CustomerChanges = Partial<Omit<CustomerRecord, 'id' | 'created_at' | 'updated_at'>>
export type CustomerInput = { ok: true; changes: CustomerChanges } | { ok: false; reply: SyncroReply }

/**
 * Reads a `POST /customers` body (`existing` undefined) or a partial `PUT /customers/{id}` body. The name rule
 * applies to the record as it would be saved; a create's 422 echoes the params sent, as the vendor's does.
 */
export function readCustomerInput(body: Record<string, unknown>, existing?: CustomerRecord): CustomerInput {
  const changes = customerChanges(body)
  const saved = { ...existing, ...changes }
  const messages: string[] = []
  if (
    isBlank(saved.business_name ?? null) &&
    isBlank(saved.firstname ?? null) &&
    isBlank(saved.lastname ?? null)
  ) {
    messages.push("Business name or last name can't be blank")
  }
  if (hasField(body, 'email') && !isBlank(changes.email ?? null) && !isEmail(changes.email ?? '')) {
    messages.push('Email is not an email')
  }
  if (messages.length > 0) return { ok: false, reply: recordInvalid(messages, existing ? undefined : body) }
  return { ok: true, changes }
}

function customerChanges(body: Record<string, unknown>): CustomerChanges {
  const changes: CustomerChanges = {}
  for (const field of TEXT_FIELDS) if (hasField(body, field)) changes[field] = castText(body[field])
  for (const field of FLAG_FIELDS)
    if (hasField(body, field)) changes[field] = castBoolean(body[field]) ?? false
  for (const field of ID_FIELDS) {
    if (hasField(body, field)) {
      const id = castId(body[field])
      changes[field] = id === null || Number.isNaN(id) ? null : id
    }
  }
  if (hasField(body, 'properties')) changes.properties = castObject(body.properties) ?? {}
  return changes
}
