import { matchingById } from '../../shared/id-table.js'
import type { RouteHandler } from '../http-types.js'
import { paginate } from '../paging.js'
import { queryInteger, queryPage } from '../query-params.js'
import { notFound } from '../vendor-errors.js'
import { contactView } from '../views/customers.js'
import { recordId } from './record-id.js'

/**
 * `GET /contacts`: the spec documents `customer_id` and `page` (syncro-openapi.json, /contacts); the answer is
 * `{contacts: [...], meta}` with the vendor's page size (the example's `per_page` is 50). Id ascending.
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
