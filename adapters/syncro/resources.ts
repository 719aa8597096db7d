import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import type { CustomFieldWrite } from '../../src/canonical/custom-field.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import type { Agent } from '../../src/canonical/agent.js'
import { agentNamesOf } from '../../src/mapping/agents.js'
import type { NestedDeclaration, ResourceDeclaration, VendorApi } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { SyncroListQuery } from './api.js'
import { contactFieldNames, contactFromSyncro, syncroContactBody } from './contacts-map.js'
import { ownerOfWrites, propertiesWith } from './custom-fields.js'
import {
  assetFieldNames,
  assetFromSyncro,
  commentFieldNames,
  commentFromSyncro,
  commentNeedsAuthorName,
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
  type ResolvedTicketWrite,
  type SyncroMapOptions,
} from './map.js'
import {
  assetQuery,
  commentQuery,
  contactQuery,
  customerQuery,
  SYNCRO_FILTERS,
  ticketQueries,
} from './query.js'
import type { SyncroReference } from './reference.js'
import type { SyncroAsset, SyncroComment, SyncroContact, SyncroCustomer, SyncroTicket } from './types.js'

/** Syncro takes per_page on comments only; its other lists have a page size Syncro fixes. */
const COMMENTS_PER_PAGE = 100

export const ticketPath = (id: string) => `/tickets/${syncroPathId(id)}`
const assetPath = (id: string) => `/customer_assets/${syncroPathId(id)}`
const customerPath = (id: string) => `/customers/${syncroPathId(id)}`
const contactPath = (id: string) => `/contacts/${syncroPathId(id)}`

/** Some custom fields written (an empty list writes none). */
const writesSome = (writes: CustomFieldWrite[] | undefined): writes is CustomFieldWrite[] =>
  writes !== undefined && writes.length > 0

export interface SyncroResourceContext {
  api: VendorApi<SyncroListQuery>
  reference: SyncroReference
  mapOptions: SyncroMapOptions
  /** Whether Syncro may mail the customer about the gateway's writes (the connection's setting). */
  notifications: boolean
  /** The users (cached), which name a comment's author where the comment gives its user_id alone. */
  agents: (ctx: CallContext) => Promise<Agent[]>
}

/**
 * Syncro's tickets, comments, customers, assets and contacts, declared. Custom fields are written in `properties`,
 * which Syncro replaces whole: an update that writes some reads the record's others first and sends them back (two
 * concurrent updates of one record's custom fields: the last one wins).
 */
export function syncroResources({
  api,
  reference,
  mapOptions,
  notifications,
  agents,
}: SyncroResourceContext) {
  /**
   * A ticket's custom fields belong to its ticket type: a create takes the type of the fields written, an update of
   * a ticket without one too; fields of another type than the ticket's are a 400.
   */
  const ticketFieldWrite = async (
    writes: CustomFieldWrite[] | undefined,
    ctx: CallContext,
    id?: string,
  ): Promise<Pick<ResolvedTicketWrite, 'properties' | 'ticketTypeId'>> => {
    if (!writesSome(writes)) return {}
    const fields = await reference.customFields('tickets', ctx)
    const current =
      id === undefined
        ? undefined
        : await api.read<SyncroTicket>({ path: ticketPath(id), key: 'ticket' }, ctx)
    const typeId = ownerOfWrites(writes, fields, current?.ticket_type_id ?? undefined, 'ticket type')
    return {
      properties: propertiesWith(current?.properties ?? {}, writes, fields),
      ticketTypeId: current?.ticket_type_id ? undefined : (typeId ?? undefined),
    }
  }

  const customerProperties = async (
    writes: CustomFieldWrite[] | undefined,
    ctx: CallContext,
    id?: string,
  ) => {
    if (!writesSome(writes)) return undefined
    const current =
      id === undefined
        ? undefined
        : await api.read<SyncroCustomer>({ path: customerPath(id), key: 'customer' }, ctx)
    return propertiesWith(current?.properties ?? {}, writes, await reference.customFields('customers', ctx))
  }

  /** An asset's custom fields belong to its asset type (the one the write names, else the asset's own). */
  const assetBody = async (body: AssetCreate | AssetUpdate, ctx: CallContext, id?: string) => {
    const touchesProperties =
      body.manufacturer !== undefined || body.model !== undefined || writesSome(body.customFields)
    if (!touchesProperties) return syncroAssetBody(body)
    const current =
      id === undefined ? undefined : await api.read<SyncroAsset>({ path: assetPath(id), key: 'asset' }, ctx)
    if (!writesSome(body.customFields)) return syncroAssetBody(body, current?.properties ?? {})
    const [fields, typeIds] = await Promise.all([
      reference.customFields('assets', ctx),
      reference.assetTypeIds(ctx),
    ])
    const typeName = body.typeId ?? current?.asset_type
    ownerOfWrites(body.customFields, fields, typeName ? typeIds[typeName] : undefined, 'asset type')
    return syncroAssetBody(body, current?.properties ?? {}, fields)
  }

  const tickets: ResourceDeclaration<SyncroListQuery, SyncroTicket, Ticket, TicketCreate, TicketUpdate> = {
    path: '/tickets',
    itemPath: ticketPath,
    envelope: { one: 'ticket', many: 'tickets' },
    filters: SYNCRO_FILTERS.tickets,
    query: async (filters, ctx) => {
      const statuses = filters.status || filters.statusId ? await reference.statuses(ctx) : []
      return { queries: ticketQueries(filters, statuses) }
    },
    toCanonical: async (records, ctx) => {
      const fields = await reference.customFields('tickets', ctx)
      return records.map((ticket) => ticketFromSyncro(ticket, mapOptions, fields))
    },
    createBody: async (body, ctx) =>
      syncroTicketCreateBody(
        body,
        {
          ...(await reference.resolveTicketWrite(body, ctx)),
          ...(await ticketFieldWrite(body.customFields, ctx)),
        },
        notifications,
      ),
    updateBody: async (body, ctx, id) =>
      syncroTicketUpdateBody(body, {
        ...(await reference.resolveTicketWrite(body, ctx)),
        ...(await ticketFieldWrite(body.customFields, ctx, id)),
      }),
    fieldNames: ticketFieldNames,
  }

  const comments: NestedDeclaration<SyncroListQuery, SyncroComment, Comment, CommentCreate> = {
    path: (ticketId) => `${ticketPath(ticketId)}/comments`,
    createPath: (ticketId) => `${ticketPath(ticketId)}/comment`,
    envelope: { one: 'comment', many: 'comments' },
    filters: SYNCRO_FILTERS.comments,
    query: (filters) => ({ queries: [commentQuery(filters)], perPage: COMMENTS_PER_PAGE }),
    toCanonical: async (records, ctx) => {
      const agentNames = records.some(commentNeedsAuthorName) ? agentNamesOf(await agents(ctx)) : undefined
      return records.map((comment) => commentFromSyncro(comment, agentNames))
    },
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
    itemPath: customerPath,
    envelope: { one: 'customer', many: 'customers' },
    filters: SYNCRO_FILTERS.customers,
    query: (filters) => ({ queries: [customerQuery(filters)] }),
    toCanonical: async (records, ctx) => {
      const fields = await reference.customFields('customers', ctx)
      return records.map((customer) => customerFromSyncro(customer, fields))
    },
    createBody: async (body, ctx) =>
      syncroCustomerBody(body, await customerProperties(body.customFields, ctx)),
    updateBody: async (body, ctx, id) =>
      syncroCustomerBody(body, await customerProperties(body.customFields, ctx, id)),
    fieldNames: customerFieldNames,
  }

  const assets: ResourceDeclaration<SyncroListQuery, SyncroAsset, Asset, AssetCreate, AssetUpdate> = {
    path: '/customer_assets',
    itemPath: assetPath,
    envelope: { one: 'asset', many: 'assets' },
    filters: SYNCRO_FILTERS.assets,
    query: (filters) => ({ queries: [assetQuery(filters)] }),
    toCanonical: async (records, ctx) => {
      const [fields, typeIds] = await Promise.all([
        reference.customFields('assets', ctx),
        reference.assetTypeIds(ctx),
      ])
      return records.map((asset) => assetFromSyncro(asset, fields, typeIds))
    },
    // Manufacturer and model are properties too: an update of them reads the others first, as for custom fields.
    createBody: (body, ctx) => assetBody(body, ctx),
    updateBody: (body, ctx, id) => assetBody(body, ctx, id),
    fieldNames: assetFieldNames,
  }

  /** Contacts come bare, not under a `contact` key (syncro-openapi.json, /contacts/{id} and the writes). */
  const contacts: ResourceDeclaration<SyncroListQuery, SyncroContact, Contact, ContactCreate, ContactUpdate> =
    {
      path: '/contacts',
      itemPath: contactPath,
      envelope: { many: 'contacts' },
      filters: SYNCRO_FILTERS.contacts,
      query: (filters) => ({ queries: [contactQuery(filters)] }),
      toCanonical: (records) => records.map(contactFromSyncro),
      createBody: (body) => syncroContactBody(body),
      // Syncro keeps one name, which its PUT requires (syncro-openapi.json, /contacts/{id} put): an update that
      // does not send both parts reads the contact's name first.
      updateBody: async (body, ctx, id) => {
        if (body.firstName !== undefined && body.lastName !== undefined) return syncroContactBody(body)
        const current = await api.read<SyncroContact>({ path: contactPath(id) }, ctx)
        return syncroContactBody(body, current.name)
      },
      fieldNames: contactFieldNames,
    }

  return { tickets, comments, customers, assets, contacts }
}
