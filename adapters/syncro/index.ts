import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { vendorClientOn, type VendorCall } from '../../src/vendor-http/client.js'
import { categoryMapsOf, notificationsAllowed } from '../../src/connection-config.js'
import { adapterFrom } from '../kit/adapter.js'
import type { NestedDeclaration, ResourceDeclaration } from '../kit/resource.js'
import { vendorModule } from '../kit/vendor-module.js'
import type { AdapterDeps, CallContext } from '../types.js'
import { syncroApi, type SyncroListQuery } from './api.js'
import { syncroAuth } from './auth.js'
import {
  SyncroConnectionConfig,
  syncroBaseUrl,
  syncroBucket,
  syncroConfigProblems,
  syncroConnectionFromEnv,
} from './config.js'
import { describeSyncroError } from './errors.js'
import {
  assetFieldNames,
  assetFromSyncro,
  commentFieldNames,
  commentFromSyncro,
  customerFieldNames,
  customerFromSyncro,
  syncroAssetBody,
  syncroCommentBody,
  syncroCustomerBody,
  syncroPathId,
  syncroTicketCreateBody,
  syncroTicketUpdateBody,
  ticketFieldNames,
  ticketFromSyncro,
} from './map.js'
import { assetQuery, commentQuery, customerQuery, SYNCRO_FILTERS, ticketQueries } from './query.js'
import { accountListsOf, SyncroReference } from './reference.js'
import type {
  SyncroAccountSettings,
  SyncroAsset,
  SyncroComment,
  SyncroCustomer,
  SyncroTicket,
  SyncroTicketSettings,
} from './types.js'

/** Syncro takes per_page on comments only; its other lists have a page size Syncro fixes. */
const COMMENTS_PER_PAGE = 100

const ticketPath = (id: string) => `/tickets/${syncroPathId(id)}`

function connectSyncro(config: SyncroConnectionConfig, deps: AdapterDeps) {
  const baseUrl = syncroBaseUrl(config)
  const mapOptions = { ...categoryMapsOf(config), webOrigin: new URL(baseUrl).origin }
  const client = vendorClientOn(deps, {
    connectionId: config.id,
    vendor: 'syncro',
    baseUrl,
    bucket: syncroBucket(config),
    auth: syncroAuth(config.apiKey),
    describeError: describeSyncroError,
  })
  const api = syncroApi(client)
  const send = async (call: VendorCall, ctx: CallContext): Promise<unknown> =>
    (await client.send(call, ctx)).body
  const cached = <T>(name: string, load: () => Promise<T>) => deps.referenceCache.get(config.id, name, load)
  const notifications = notificationsAllowed(config)

  const reference = new SyncroReference({
    mapOptions,
    priorityNames: config.priorities,
    // Priorities and Issue Types: GET /settings -> ticket.priorities, ticket.problem_types (the spec's
    // /settings example: "0 Urgent", "1 High", …; "Virus", "Hardware", …).
    accountLists: (ctx) =>
      cached('account-settings', async () =>
        accountListsOf((await send({ method: 'GET', path: '/settings' }, ctx)) as SyncroAccountSettings),
      ),
    ticketSettings: (ctx) =>
      cached('ticket-settings', async () => {
        const settings = (await send(
          { method: 'GET', path: '/tickets/settings' },
          ctx,
        )) as SyncroTicketSettings
        return { ticket_status_list: settings.ticket_status_list ?? [] }
      }),
  })

  const tickets: ResourceDeclaration<SyncroListQuery, SyncroTicket, Ticket, TicketCreate, TicketUpdate> = {
    path: '/tickets',
    itemPath: ticketPath,
    envelope: { one: 'ticket', many: 'tickets' },
    filters: SYNCRO_FILTERS.tickets,
    query: async (filters, ctx) => {
      const statuses = filters.status || filters.statusId ? await reference.statuses(ctx) : []
      return { queries: ticketQueries(filters, statuses) }
    },
    toCanonical: (records) => records.map((ticket) => ticketFromSyncro(ticket, mapOptions)),
    createBody: async (body, ctx) =>
      syncroTicketCreateBody(body, await reference.resolveTicketWrite(body, ctx), notifications),
    updateBody: async (body, ctx) =>
      syncroTicketUpdateBody(body, await reference.resolveTicketWrite(body, ctx)),
    fieldNames: ticketFieldNames,
  }

  const comments: NestedDeclaration<SyncroListQuery, SyncroComment, Comment, CommentCreate> = {
    path: (ticketId) => `${ticketPath(ticketId)}/comments`,
    createPath: (ticketId) => `${ticketPath(ticketId)}/comment`,
    envelope: { one: 'comment', many: 'comments' },
    filters: SYNCRO_FILTERS.comments,
    query: (filters) => ({ queries: [commentQuery(filters)], perPage: COMMENTS_PER_PAGE }),
    toCanonical: (records) => records.map(commentFromSyncro),
    createBody: (body) => syncroCommentBody(body, notifications),
    fieldNames: commentFieldNames,
  }

  const customers: ResourceDeclaration<
    SyncroListQuery,
    SyncroCustomer,
    Customer,
    CustomerCreate,
    CustomerUpdate
  > = {
    path: '/customers',
    itemPath: (id) => `/customers/${syncroPathId(id)}`,
    envelope: { one: 'customer', many: 'customers' },
    filters: SYNCRO_FILTERS.customers,
    query: (filters) => ({ queries: [customerQuery(filters)] }),
    toCanonical: (records) => records.map(customerFromSyncro),
    createBody: syncroCustomerBody,
    updateBody: syncroCustomerBody,
    fieldNames: customerFieldNames,
  }

  const assetPath = (id: string) => `/customer_assets/${syncroPathId(id)}`
  const assets: ResourceDeclaration<SyncroListQuery, SyncroAsset, Asset, AssetCreate, AssetUpdate> = {
    path: '/customer_assets',
    itemPath: assetPath,
    envelope: { one: 'asset', many: 'assets' },
    filters: SYNCRO_FILTERS.assets,
    query: (filters) => ({ queries: [assetQuery(filters)] }),
    toCanonical: (records) => records.map(assetFromSyncro),
    createBody: (body) => syncroAssetBody(body),
    // Syncro replaces the whole properties object, so the others are read first and sent back. Two concurrent
    // updates of one asset's manufacturer/model can therefore lose one (last write wins).
    updateBody: async (body, ctx, id) => {
      if (body.manufacturer === undefined && body.model === undefined) return syncroAssetBody(body, {})
      const current = await api.read<SyncroAsset>({ path: assetPath(id), key: 'asset' }, ctx)
      return syncroAssetBody(body, current.properties ?? {})
    },
    fieldNames: assetFieldNames,
  }

  return adapterFrom({
    connectionId: config.id,
    vendor: 'syncro',
    api,
    health: () => client.health.report(),
    tickets,
    comments,
    customers,
    assets,
    reference: {
      statuses: (ctx) => reference.statuses(ctx),
      priorities: (ctx) => reference.priorities(ctx),
      ticketTypes: (ctx) => reference.ticketTypes(ctx),
    },
  })
}

export const syncro = vendorModule({
  schema: SyncroConnectionConfig,
  problems: syncroConfigProblems,
  fromEnv: syncroConnectionFromEnv,
  bucket: syncroBucket,
  connect: connectSyncro,
})
