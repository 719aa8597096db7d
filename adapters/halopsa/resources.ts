import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import type { CustomFieldResource, CustomFieldWrite } from '../../src/canonical/custom-field.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { integerPathId } from '../../src/mapping/ids.js'
import { timeSpanOf } from '../../src/mapping/time-span.js'
import type { NestedDeclaration, ResourceDeclaration, TimeEntryDeclaration } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { HaloApi, HaloListQuery } from './api.js'
import { fieldIdsFor, type AssetFieldSource } from './asset-fields.js'
import { siteOfCustomer } from './contact-site.js'
import { contactFromHalo, haloUserFields, userFieldNames } from './contacts-map.js'
import { haloCustomFieldWrites } from './custom-fields.js'
import {
  actionFieldNames,
  assetFieldNames,
  assetFromHalo,
  clientFieldNames,
  commentFromHalo,
  customerFromHalo,
  haloActionBody,
  haloAssetFields,
  haloClientFields,
  haloTicketFields,
  ticketFieldNames,
  ticketFromHalo,
  type HaloMapOptions,
} from './map.js'
import {
  actionQuery,
  assetQuery,
  clientQuery,
  HALO_FILTERS,
  ticketQuery,
  timeEntryQuery,
  userQuery,
} from './query.js'
import type { HaloReference } from './reference.js'
import type {
  HaloAction,
  HaloAgent,
  HaloAsset,
  HaloClient,
  HaloFieldInfo,
  HaloTicket,
  HaloUser,
} from './types.js'
import {
  haloTimeEntryBody,
  timeEntryFieldNames,
  timeEntryFromHalo,
  timeEntryMatches,
} from './time-entries-map.js'

const pathId = (id: string) => integerPathId('halopsa', id)

export interface HaloResourceContext {
  api: HaloApi
  reference: HaloReference
  /** Every agent, disabled ones too (old actions name them); cached. */
  agents: (ctx: CallContext) => Promise<HaloAgent[]>
  assetFields: AssetFieldSource
  /** A resource's custom field definitions, with their selection values; cached. */
  fieldInfos: (resource: CustomFieldResource, ctx: CallContext) => Promise<HaloFieldInfo[]>
  mapOptions: HaloMapOptions
  /** Whether Halo may mail the customer about the gateway's writes (the connection's setting). */
  notifications: boolean
}

/** HaloPSA's tickets, comments (actions), customers (clients), assets and contacts (end-users), declared. */
export function haloResources(context: HaloResourceContext) {
  const { api, reference, agents, assetFields, fieldInfos, mapOptions, notifications } = context

  /** A write's Halo fields with its custom fields (`customfields: [{id, value}]`), when it sets any. */
  const withCustomFields = async (
    resource: CustomFieldResource,
    fields: Record<string, unknown>,
    body: { customFields?: CustomFieldWrite[] },
    ctx: CallContext,
  ) =>
    body.customFields === undefined
      ? fields
      : { ...fields, customfields: haloCustomFieldWrites(body.customFields, await fieldInfos(resource, ctx)) }

  /**
   * Tickets name their team only: the team list (cached) gives the board's id, fetched when a ticket has one; the
   * status list (cached) gives each status's category from its type.
   */
  const tickets: ResourceDeclaration<HaloListQuery, HaloTicket, Ticket, TicketCreate, TicketUpdate> = {
    path: '/Tickets',
    itemPath: (id) => `/Tickets/${pathId(id)}`,
    itemQuery: { includedetails: true },
    envelope: { many: 'tickets' },
    filters: HALO_FILTERS.tickets,
    query: async (filters, ctx) => {
      const statusIds = await reference.statusIdsFor(filters, ctx)
      const priorityIds = await reference.priorityIdsFor(filters, ctx)
      // A filter that no status (or priority) satisfies matches nothing: no vendor call is needed.
      if (statusIds?.length === 0 || priorityIds?.length === 0) return null
      return { params: ticketQuery(filters, statusIds, priorityIds), pages: true }
    },
    toCanonical: async (records, ctx) => {
      if (records.length === 0) return []
      const [teams, statuses] = await Promise.all([
        records.some((ticket) => ticket.team) ? reference.teams(ctx) : [],
        reference.statuses(ctx),
      ])
      return records.map((ticket) => ticketFromHalo(ticket, mapOptions, { teams, statuses }))
    },
    createBody: async (body, ctx) =>
      withCustomFields(
        'tickets',
        haloTicketFields(body, await reference.resolveTicketWrite(body, ctx)),
        body,
        ctx,
      ),
    updateBody: async (body, ctx) =>
      withCustomFields(
        'tickets',
        haloTicketFields(body, await reference.resolveTicketWrite(body, ctx)),
        body,
        ctx,
      ),
    fieldNames: ticketFieldNames,
  }

  /** Actions mapped with the agents that name their authors: the list (cached) is read when a page has one. */
  const namedByAgents =
    <T>(map: (action: HaloAction, agents: HaloAgent[]) => T) =>
    async (actions: HaloAction[], ctx: CallContext) => {
      const known = actions.some((action) => action.who_agentid) ? await agents(ctx) : []
      return actions.map((action) => map(action, known))
    }

  /**
   * A new action on ticket `ticketId`, with the agents that name its author: read first, so that once the action is
   * written nothing is left to fail. An action on a ticket Halo does not have is refused on `ticket_id`: a 404 for
   * the ticket.
   */
  const writeAction = async (
    ticketId: string,
    item: Record<string, unknown>,
    fieldNames: Record<string, string>,
    ctx: CallContext,
  ) => {
    const known = await agents(ctx)
    const missing = { field: 'ticketId', what: `ticket ${ticketId}` }
    const action = await api.write<HaloAction>('/Actions', item, { fieldNames, missing }, ctx)
    return { action, known }
  }

  /** A ticket's actions, those with time taken (its time entries) among them, as Halo's timeline shows them. */
  const comments: NestedDeclaration<HaloListQuery, HaloAction, Comment, CommentCreate> = {
    path: '/Actions',
    envelope: { many: 'actions' },
    filters: HALO_FILTERS.comments,
    query: (filters, _ctx, ticketId) => ({ params: actionQuery(pathId(ticketId), filters), pages: false }),
    toCanonical: namedByAgents(commentFromHalo),
    fieldNames: actionFieldNames,
    custom: {
      async create(ticketId, body, ctx) {
        const item = haloActionBody(pathId(ticketId), body, notifications)
        const { action, known } = await writeAction(ticketId, item, actionFieldNames, ctx)
        return commentFromHalo(action, known)
      },
    },
  }

  const customers: ResourceDeclaration<HaloListQuery, HaloClient, Customer, CustomerCreate, CustomerUpdate> =
    {
      path: '/Client',
      itemPath: (id) => `/Client/${pathId(id)}`,
      envelope: { many: 'clients' },
      filters: HALO_FILTERS.customers,
      query: (filters) => ({ params: clientQuery(filters), pages: true }),
      toCanonical: (records) => records.map(customerFromHalo),
      createBody: (body, ctx) => withCustomFields('customers', haloClientFields(body), body, ctx),
      updateBody: (body, ctx) => withCustomFields('customers', haloClientFields(body), body, ctx),
      fieldNames: clientFieldNames,
    }

  const assets: ResourceDeclaration<HaloListQuery, HaloAsset, Asset, AssetCreate, AssetUpdate> = {
    path: '/Asset',
    itemPath: (id) => `/Asset/${pathId(id)}`,
    envelope: { many: 'assets' },
    filters: HALO_FILTERS.assets,
    query: (filters) => ({ params: assetQuery(filters), pages: true }),
    toCanonical: (records) => records.map(assetFromHalo),
    createBody: async (body, ctx) =>
      withCustomFields(
        'assets',
        haloAssetFields(body, await fieldIdsFor(assetFields, body, undefined, ctx)),
        body,
        ctx,
      ),
    updateBody: async (body, ctx, id) =>
      withCustomFields(
        'assets',
        haloAssetFields(body, await fieldIdsFor(assetFields, body, pathId(id), ctx)),
        body,
        ctx,
      ),
    fieldNames: assetFieldNames,
  }

  /** A contact's customer is its site's client: a write naming a customer puts the contact at its main site. */
  const siteFields = async (customerId: string | undefined, ctx: CallContext) =>
    customerId === undefined
      ? {}
      : siteOfCustomer((id, c) => api.read<HaloClient>({ path: `/Client/${id}` }, c), customerId, ctx)

  const contacts: ResourceDeclaration<HaloListQuery, HaloUser, Contact, ContactCreate, ContactUpdate> = {
    path: '/Users',
    itemPath: (id) => `/Users/${pathId(id)}`,
    envelope: { many: 'users' },
    filters: HALO_FILTERS.contacts,
    query: (filters) => ({ params: userQuery(filters), pages: true }),
    toCanonical: (records) => records.map(contactFromHalo),
    createBody: async (body, ctx) =>
      withCustomFields(
        'contacts',
        { ...haloUserFields(body, 'create'), ...(await siteFields(body.customerId, ctx)) },
        body,
        ctx,
      ),
    // An update naming the customer the contact already has leaves it at its site.
    updateBody: async (body, ctx, id) => {
      const moving =
        body.customerId !== undefined &&
        String((await api.read<HaloUser>({ path: `/Users/${pathId(id)}` }, ctx)).client_id) !==
          body.customerId
      return withCustomFields(
        'contacts',
        { ...haloUserFields(body, 'update'), ...(moving ? await siteFields(body.customerId, ctx) : {}) },
        body,
        ctx,
      )
    },
    fieldNames: userFieldNames,
  }

  /**
   * Actions with time taken, of one ticket or of every ticket (the ticket's id '' for all): Halo answers either
   * list whole, so the filters it lacks are applied to that answer (timeEntryMatches).
   */
  const timeEntries: TimeEntryDeclaration<HaloListQuery, HaloAction> = {
    path: '/Actions',
    envelope: { many: 'actions' },
    filters: HALO_FILTERS['time-entries'],
    query: (filters, _ctx, ticketId) => ({
      params: timeEntryQuery(ticketId === '' ? undefined : pathId(ticketId)),
      pages: false,
      keep: timeEntryMatches(filters),
    }),
    toCanonical: namedByAgents(timeEntryFromHalo),
    fieldNames: timeEntryFieldNames,
    custom: {
      async create(ticketId, body, ctx) {
        const item = haloTimeEntryBody(pathId(ticketId), body, timeSpanOf(body))
        const { action, known } = await writeAction(ticketId, item, timeEntryFieldNames, ctx)
        return timeEntryFromHalo(action, known)
      },
    },
  }

  return { tickets, comments, customers, assets, contacts, timeEntries }
}
