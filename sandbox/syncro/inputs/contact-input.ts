import { castId, castText, hasField, isBlank, isEmail } from '../body-fields.js'
import type { SyncroDatabase } from '../database.js'
import type { ContactRecord } from '../records.js'

/**
 * The text fields of the spec's contact bodies (syncro-openapi.json, POST /contacts and PUT /contacts/{id}). Only
 * the PUT body lists `title`; the emulator takes it on a create too (our reading: one set of permitted parameters
 * for both, as Rails controllers usually have). Fields neither body lists (`properties`, `opt_out`, `extension`)
 * are dropped, as Rails' permitted parameters drop them.
 */
const TEXT_FIELDS = [
  'name',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
  'email',
  'phone',
  'mobile',
  'title',
  'notes',
] as const

/** The values a body gives, as the record would take them (a blank customer as null). */
export type ContactAttempt = Partial<Record<(typeof TEXT_FIELDS)[number], string | null>> & {
  customer_id?: number | null
}

export type ContactChanges = Partial<Omit<ContactRecord, 'id' | 'created_at' | 'updated_at'>>

export type ContactInput =
  { ok: true; changes: ContactChanges } | { ok: false; attempt: ContactAttempt; messages: string[] }

/**
 * Reads a `POST /contacts` body (`existing` undefined: the route has found its customer) or a partial
 * `PUT /contacts/{id}` body, and checks the contact as it would be saved. Messages in the vendor's words: "Customer
 * can't be blank" (the PUT's 422 example) for a customer sent empty or unknown, "Email is not an email" (the POST's
 * 422 example), and "Name can't be blank" (our wording: the PUT body requires `name`, so a contact has one).
 */
export function readContactInput(
  db: SyncroDatabase,
  body: Record<string, unknown>,
  existing?: ContactRecord,
): ContactInput {
  const attempt: ContactAttempt = {}
  for (const field of TEXT_FIELDS) if (hasField(body, field)) attempt[field] = castText(body[field])
  if (hasField(body, 'customer_id')) attempt.customer_id = castId(body.customer_id)

  const customerId = attempt.customer_id
  const saved = { name: existing?.name ?? null, email: existing?.email ?? null, ...attempt }
  const messages = [
    ...(customerId !== undefined && (customerId === null || !db.customers.has(customerId))
      ? ["Customer can't be blank"]
      : []),
    ...(isBlank(saved.name) ? ["Name can't be blank"] : []),
    ...(!isBlank(saved.email) && !isEmail(saved.email ?? '') ? ['Email is not an email'] : []),
  ]
  // Without messages, a customer sent is a known id and a name sent is text.
  return messages.length > 0
    ? { ok: false, attempt, messages }
    : { ok: true, changes: attempt as ContactChanges }
}
