import { castId, hasField } from '../body-fields.js'
import { matchingById } from '../../shared/id-table.js'
import { readContactInput } from '../inputs/contact-input.js'
import type { RouteHandler } from '../http-types.js'
import { paginate } from '../paging.js'
import { queryInteger, queryPage } from '../query-params.js'
import type { ContactRecord } from '../records.js'
import { contactInvalid, notFound } from '../vendor-errors.js'
import { contactView } from '../views/customers.js'
import { recordId } from './record-id.js'

// Contacts as syncro-openapi.json has them (/contacts, /contacts/{id}): single records answer unwrapped (no
// `contact` key), unlike tickets, customers and assets.

/**
 * `GET /contacts`: the spec documents `customer_id` and `page`, nothing else (no text search, no date): other
 * parameters are ignored, as the vendor ignores them. The answer is `{contacts: [...], meta}` with the vendor's page
 * size (the example's `per_page` is 50). Id ascending.
 */
export const listContacts: RouteHandler = ({ query }, { db, pageSizes }) => {
  const customerId = queryInteger(query, 'customer_id')
  const contacts = matchingById(
    db.contacts,
    customerId === undefined ? undefined : (contact) => contact.customer_id === customerId,
  )
  const { records, meta } = paginate(contacts, queryPage(query), pageSizes.contacts)
  return { status: 200, body: { contacts: records.map(contactView), meta } }
}

/** `GET /contacts/{id}`: the spec's 200 schema is the contact itself, not wrapped in a `contact` key. */
export const getContact: RouteHandler = ({ params }, { db }) => {
  const contact = db.contacts.get(recordId(params.id))
  return contact ? { status: 200, body: contactView(contact) } : notFound()
}

const NEW_CONTACT = {
  address1: null,
  address2: null,
  city: null,
  state: null,
  zip: null,
  email: null,
  phone: null,
  mobile: null,
  title: null,
  notes: null,
  opt_out: false,
  extension: null,
  properties: {},
} satisfies Partial<ContactRecord>

/**
 * `POST /contacts`: `customer_id` is the body's one required field; a missing or unknown customer is the spec's 404
 * ("Customer not found", `{"message": "Not found"}`). A refused contact answers the spec's 422: the unsaved record
 * (no id, no timestamps, with the `processed_phone` and `processed_mobile` the example shows) and the messages.
 */
export const createContact: RouteHandler = ({ body }, { db, now }) => {
  const customerId = castId(body.customer_id)
  if (customerId === null || !db.customers.has(customerId)) return notFound()
  const input = readContactInput(db, body)
  const timestamp = now().toISOString()
  const fields = {
    ...NEW_CONTACT,
    name: '',
    customer_id: customerId,
    created_at: timestamp,
    updated_at: timestamp,
  }
  if (!input.ok) {
    const unsaved = { ...contactView({ ...fields, id: 0 }), ...input.attempt }
    return contactInvalid(
      {
        ...unsaved,
        id: null,
        created_at: null,
        updated_at: null,
        processed_phone: null,
        processed_mobile: null,
      },
      input.messages,
    )
  }
  const contact = db.insertContact({ ...fields, ...input.changes })
  return { status: 200, body: contactView(contact) }
}

/**
 * `PUT /contacts/{id}`: only the fields sent change; a refused update answers the record as it would have been.
 * The spec's PUT body lists `name` as required (syncro-openapi.json, /contacts/{id} put, requestBody): a body
 * without it is refused as a blank name would be.
 */
export const updateContact: RouteHandler = ({ params, body }, { db, now }) => {
  const contact = db.contacts.get(recordId(params.id))
  if (!contact) return notFound()
  if (!hasField(body, 'name')) return contactInvalid(contactView(contact), ["Name can't be blank"])
  const input = readContactInput(db, body, contact)
  if (!input.ok) return contactInvalid({ ...contactView(contact), ...input.attempt }, input.messages)
  db.updateContact(contact, { ...input.changes, updated_at: now().toISOString() })
  return { status: 200, body: contactView(contact) }
}

/** `DELETE /contacts/{id}`: the spec's 200 has no body. */
export const deleteContact: RouteHandler = ({ params }, { db }) =>
  db.deleteContact(recordId(params.id)) ? { status: 200 } : notFound()
