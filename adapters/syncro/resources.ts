import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import type { NestedDeclaration, ResourceDeclaration, VendorApi } from '../kit/resource.js'
import type { SyncroListQuery } from './api.js'
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
  type SyncroMapOptions,
} from './map.js'
import { assetQuery, commentQuery, customerQuery, SYNCRO_FILTERS, ticketQueries } from './query.js'
import type { SyncroReference } from './reference.js'
import type { SyncroAsset, SyncroComment, SyncroCustomer, SyncroTicket } from './types.js'

/** Syncro takes per_page on comments only; its other lists have a page size Syncro fixes. */
const COMMENTS_PER_PAGE = 100

const ticketPath = (id: string) => `/tickets/${syncroPathId(id)}`
const assetPath = (id: string) => `/customer_assets/${syncroPathId(id)}`

export interface SyncroResourceContext {
  api: VendorApi<SyncroListQuery>
  reference: SyncroReference
  mapOptions: SyncroMapOptions
  /** Whether Syncro may mail the customer about the gateway's writes (the connection's setting). */
  notifications: boolean
}

/** Syncro's tickets, comments, customers and assets, declared. */
export function syncroResources({ api, reference, mapOptions, notifications }: SyncroResourceContext) {
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

  return { tickets, comments, customers, assets }
}
