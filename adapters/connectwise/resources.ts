import type { Agent } from '../../src/canonical/agent.js'
import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { CustomFieldResource, CustomFieldWrite } from '../../src/canonical/custom-field.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import { integerPathId } from '../../src/mapping/ids.js'
import type { NestedDeclaration, ResourceDeclaration } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { ConnectWiseApi, ConnectWiseQuery } from './api.js'
import { connectWiseContacts } from './contacts.js'
import { customFieldsOf } from './custom-fields.js'
import {
  assetFromConnectWise,
  commentFromConnectWise,
  companyCreateFields,
  companyFieldNames,
  companyFields,
  companyIdentifier,
  configurationFieldNames,
  configurationFields,
  customerFromConnectWise,
  noteBody,
  noteFieldNames,
  type ConnectWiseMapOptions,
} from './map.js'
import {
  companyConditions,
  configurationConditions,
  CONNECTWISE_FILTERS,
  listQuery,
  noteConditions,
  type CustomFieldDefinitions,
} from './query.js'
import type { ConnectWiseReference } from './reference.js'
import { connectWiseTickets, ticketPath } from './tickets.js'
import { connectWiseTimeEntries } from './time-entries.js'
import type { CwCommunicationType, CwCompany, CwConfiguration, CwCustomFieldValue, CwNote } from './types.js'

export interface ConnectWiseResourceContext {
  api: ConnectWiseApi
  reference: ConnectWiseReference
  mapOptions: ConnectWiseMapOptions
  /** Whether ConnectWise may mail the customer about the gateway's writes (the connection's setting). */
  notifications: boolean
  /** The board new tickets go to when a create names none (the connection's defaultBoardId). */
  defaultBoardId?: string
  /** The site's communication types (what a contact's email and phones are written with), cached. */
  communicationTypes: (ctx: CallContext) => Promise<CwCommunicationType[]>
  /** Each resource's custom field definitions, cached (what a customField filter is written with). */
  definitions: CustomFieldDefinitions
  /** The agents (members), cached: what time entries name their agents by. */
  agents: (ctx: CallContext) => Promise<Agent[]>
}

/**
 * ConnectWise's tickets, comments (ticket notes), customers (companies), assets (configurations) and contacts
 * (company contacts) and time entries (charged to service tickets), declared.
 */
export function connectWiseResources({
  api,
  reference,
  mapOptions,
  notifications,
  defaultBoardId,
  communicationTypes,
  definitions,
  agents,
}: ConnectWiseResourceContext) {
  /**
   * ConnectWise's Ticket and ServiceNote models: `processNotifications` "can be set to false to skip notification
   * processing when adding or updating a ticket (Defaults to True)" (spinen/connectwise-service-php-client,
   * docs/Model/Ticket.md, ServiceNote.md): board rules may otherwise mail the customer about the gateway's
   * writes. Sent on every ticket and note write, false unless the connection allows notifications.
   */
  const notifying = { processNotifications: notifications }

  const tickets = connectWiseTickets({ api, reference, mapOptions, notifying, defaultBoardId, definitions })

  const comments: NestedDeclaration<ConnectWiseQuery, CwNote, Comment, CommentCreate> = {
    path: (ticketId) => `${ticketPath(ticketId)}/notes`,
    filters: CONNECTWISE_FILTERS.comments,
    query: (filters) => ({ conditions: noteConditions(filters) }),
    toCanonical: (notes) => notes.map(commentFromConnectWise),
    createBody: (body) => ({ ...noteBody(body), ...notifying }),
    fieldNames: noteFieldNames,
  }

  const customers: ResourceDeclaration<
    ConnectWiseQuery,
    CwCompany,
    Customer,
    CustomerCreate,
    CustomerUpdate
  > = {
    path: '/company/companies',
    itemPath: companyPath,
    filters: CONNECTWISE_FILTERS.customers,
    query: (filters, ctx) =>
      listQuery(companyConditions(filters), filters, { resource: 'customers', definitions }, ctx),
    toCanonical: (companies) => companies.map(customerFromConnectWise),
    createBody: (body, ctx) =>
      withCustomFields(
        { identifier: companyIdentifier(body.name), ...companyCreateFields(body) },
        body.customFields,
        'customers',
        ctx,
      ),
    updateBody: (body, ctx, id) =>
      updatedWithCustomFields(companyFields(body), body.customFields, companyPath(id), 'customers', ctx),
    fieldNames: companyFieldNames,
  }

  const assets: ResourceDeclaration<ConnectWiseQuery, CwConfiguration, Asset, AssetCreate, AssetUpdate> = {
    path: '/company/configurations',
    itemPath: configurationPath,
    filters: CONNECTWISE_FILTERS.assets,
    query: (filters, ctx) =>
      listQuery(configurationConditions(filters), filters, { resource: 'assets', definitions }, ctx),
    toCanonical: (configurations) => configurations.map(assetFromConnectWise),
    createBody: (body, ctx) => withCustomFields(configurationFields(body), body.customFields, 'assets', ctx),
    updateBody: (body, ctx, id) =>
      updatedWithCustomFields(
        configurationFields(body),
        body.customFields,
        configurationPath(id),
        'assets',
        ctx,
      ),
    fieldNames: configurationFieldNames,
  }

  const contacts = connectWiseContacts({ api, communicationTypes, definitions })

  const timeEntries = connectWiseTimeEntries({ api, agents })

  /**
   * An update's fields with its custom fields, if it sets any: ConnectWise takes a record's whole set, so the
   * record is read first and its other values sent along (see customFieldsToConnectWise).
   */
  async function updatedWithCustomFields(
    fields: Record<string, unknown>,
    writes: readonly CustomFieldWrite[] | undefined,
    path: string,
    resource: CustomFieldResource,
    ctx: CallContext,
  ): Promise<Record<string, unknown>> {
    if (writes === undefined) return fields
    const [current, fieldDefinitions] = await Promise.all([
      api.read<{ customFields?: CwCustomFieldValue[] }>({ path }, ctx),
      definitions(resource, ctx),
    ])
    return { ...fields, customFields: customFieldsOf(current.customFields ?? [], writes, fieldDefinitions) }
  }

  /** A create's fields with the custom fields it sets (only those: a new record has no others to keep). */
  async function withCustomFields(
    fields: Record<string, unknown>,
    writes: readonly CustomFieldWrite[] | undefined,
    resource: CustomFieldResource,
    ctx: CallContext,
  ): Promise<Record<string, unknown>> {
    if (writes === undefined) return fields
    return { ...fields, customFields: customFieldsOf([], writes, await definitions(resource, ctx)) }
  }

  return { tickets, comments, customers, assets, contacts, timeEntries }
}

const companyPath = (id: string) => `/company/companies/${integerPathId('connectwise', id)}`
const configurationPath = (id: string) => `/company/configurations/${integerPathId('connectwise', id)}`
