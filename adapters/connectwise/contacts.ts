import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import { withoutUndefined, integerPathId } from '../../src/mapping/ids.js'
import type { ResourceDeclaration } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { ConnectWiseApi, ConnectWiseQuery } from './api.js'
import {
  communicationItemsAfter,
  contactCreateBody,
  contactFieldNames,
  contactFields,
  contactFromConnectWise,
} from './contacts-map.js'
import { customFieldsOf } from './custom-fields.js'
import {
  CONNECTWISE_FILTERS,
  contactConditions,
  definitionsFor,
  listQuery,
  type CustomFieldDefinitions,
} from './query.js'
import type { CwCommunicationType, CwContact } from './types.js'

const CONTACTS_PATH = '/company/contacts'
const contactPath = (id: string) => `${CONTACTS_PATH}/${integerPathId('connectwise', id)}`

export interface ConnectWiseContactContext {
  api: ConnectWiseApi
  /** The site's communication types, through the reference cache. */
  communicationTypes: (ctx: CallContext) => Promise<CwCommunicationType[]>
  definitions: CustomFieldDefinitions
}

/**
 * ConnectWise's company contacts. An update that sets an email, phone, mobile or custom field reads the contact
 * first: ConnectWise takes its items and its custom fields as whole lists, so the write sends them whole, with
 * the caller's changes (a change made by someone else between the read and the write is overwritten).
 */
export function connectWiseContacts({
  api,
  communicationTypes,
  definitions,
}: ConnectWiseContactContext): ResourceDeclaration<
  ConnectWiseQuery,
  CwContact,
  Contact,
  ContactCreate,
  ContactUpdate
> {
  return {
    path: CONTACTS_PATH,
    itemPath: contactPath,
    filters: CONNECTWISE_FILTERS.contacts,
    query: (filters, ctx) =>
      listQuery(contactConditions(filters), filters, { resource: 'contacts', definitions }, ctx),
    toCanonical: (contacts) => contacts.map(contactFromConnectWise),
    createBody: async (body, ctx) =>
      contactCreateBody(
        body,
        body.email || body.phone || body.mobile ? await communicationTypes(ctx) : [],
        await definitionsFor(definitions, 'contacts', body.customFields, ctx),
      ),
    async updateBody(body, ctx, id) {
      const fields = contactFields(body)
      const slots = body.email !== undefined || body.phone !== undefined || body.mobile !== undefined
      if (!slots && body.customFields === undefined) return fields
      const [current, types, fieldDefinitions] = await Promise.all([
        api.read<CwContact>({ path: contactPath(id) }, ctx),
        slots ? communicationTypes(ctx) : [],
        definitionsFor(definitions, 'contacts', body.customFields, ctx),
      ])
      return withoutUndefined({
        ...fields,
        communicationItems:
          communicationItemsAfter(current.communicationItems ?? [], body, types) ?? undefined,
        customFields: customFieldsOf(current.customFields ?? [], body.customFields, fieldDefinitions),
      })
    },
    fieldNames: contactFieldNames,
  }
}
