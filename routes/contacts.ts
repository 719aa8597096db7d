import { Contact, ContactCreate, ContactUpdate } from '../src/canonical/contact.js'
import { ContactListQuery } from '../src/canonical/list-query.js'
import { ContactPage } from '../src/canonical/shared-schemas.js'
import { resourceRoutes } from './resource-routes.js'

export const contactRoutes = resourceRoutes({
  resource: 'contacts',
  singular: 'contact',
  tag: 'Contacts',
  item: Contact,
  page: ContactPage,
  listQuery: ContactListQuery,
  create: ContactCreate,
  update: ContactUpdate,
  operations: (adapter) => adapter.contacts,
  // The contact an earlier create made: of the customer, created since, with exactly those names and email.
  duplicate: {
    filters: (body: ContactCreate, since) => ({ customerId: body.customerId, createdSince: since }),
    matches: (contact: Contact, body) =>
      contact.customer?.id === body.customerId &&
      contact.firstName === body.firstName &&
      (contact.lastName ?? null) === (body.lastName ?? null) &&
      (contact.email ?? null) === (body.email ?? null),
  },
})
