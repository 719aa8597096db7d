import type { Asset } from '../../src/canonical/asset.js'
import type { Comment } from '../../src/canonical/comment.js'
import type { Customer } from '../../src/canonical/customer.js'
import type { Ticket } from '../../src/canonical/ticket.js'
import { fillPage, pagePositionOf } from '../../src/paging/fill-page.js'
import { recordIn, recordsIn } from '../../src/vendor-http/answer.js'
import { vendorClientOn, type VendorCall } from '../../src/vendor-http/client.js'
import { categoryMapsOf, notificationsAllowed } from '../../src/connection-config.js'
import type { Adapter, AdapterDeps, CallContext, ListRequest, ListResult } from '../types.js'
import { syncroAuth } from './auth.js'
import { syncroBaseUrl, syncroBucket, type SyncroConnectionConfig } from './config.js'
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
  type SyncroMapOptions,
} from './map.js'
import {
  assetQuery,
  commentQuery,
  customerQuery,
  SYNCRO_FILTERS,
  ticketQueries,
  type SyncroQuery,
} from './query.js'
import { accountListsOf, SyncroReference } from './reference.js'
import type {
  SyncroAccountSettings,
  SyncroAsset,
  SyncroComment,
  SyncroCustomer,
  SyncroMeta,
  SyncroTicket,
  SyncroTicketSettings,
} from './types.js'

export {
  SyncroConnectionConfig,
  syncroBucket,
  syncroConfigProblems,
  syncroConnectionFromEnv,
} from './config.js'

/** Syncro takes per_page on comments only; its other lists have a page size Syncro fixes. */
const COMMENTS_PER_PAGE = 100

interface ListSpec<R, T> {
  path: string
  /** The key the records come under: `tickets`, `customers`, `assets`, `comments`. */
  key: string
  queries: SyncroQuery[]
  perPage?: number
  map: (record: R) => T
}

export function createSyncroAdapter(config: SyncroConnectionConfig, deps: AdapterDeps): Adapter {
  const baseUrl = syncroBaseUrl(config)
  const mapOptions: SyncroMapOptions = {
    ...categoryMapsOf(config),
    webOrigin: new URL(baseUrl).origin,
  }
  const client = vendorClientOn(deps, {
    connectionId: config.id,
    vendor: 'syncro',
    baseUrl,
    bucket: syncroBucket(config),
    auth: syncroAuth(config.apiKey),
    describeError: describeSyncroError,
  })

  const send = async (call: VendorCall, ctx: CallContext): Promise<unknown> =>
    (await client.send(call, ctx)).body
  const sendFor = async <T>(key: string, call: VendorCall, ctx: CallContext): Promise<T> =>
    recordIn<T>(await send(call, ctx), key, 'syncro')

  const reference = new SyncroReference({
    mapOptions,
    priorityNames: config.priorities,
    // Priorities and Issue Types: GET /settings -> ticket.priorities, ticket.problem_types (the spec's
    // /settings example: "0 Urgent", "1 High", …; "Virus", "Hardware", …).
    accountLists: (ctx) =>
      deps.referenceCache.get(config.id, 'account-settings', async () =>
        accountListsOf((await send({ method: 'GET', path: '/settings' }, ctx)) as SyncroAccountSettings),
      ),
    ticketSettings: (ctx) =>
      deps.referenceCache.get(config.id, 'ticket-settings', async () => {
        const settings = (await send(
          { method: 'GET', path: '/tickets/settings' },
          ctx,
        )) as SyncroTicketSettings
        return { ticket_status_list: settings.ticket_status_list ?? [] }
      }),
  })

  /** Syncro's page size per list, as its answers told it (never assumed: it varies by account and version). */
  const pageSizes = new Map<string, number>()

  /** Walks Syncro's pages (their size read from each answer) to fill the requested page. */
  async function list<R, T>(
    request: ListRequest,
    ctx: CallContext,
    spec: ListSpec<R, T>,
  ): Promise<ListResult<T>> {
    const { records, next } = await fillPage<R>({
      pageSize: request.pageSize,
      from: pagePositionOf(request.position),
      vendorPageSize: pageSizes.get(spec.key),
      expectCalls: (calls) => ctx.admission?.expect(calls),
      queryKeys: spec.queries.map((query) => String(query.status ?? '')),
      fetchPage: async (query, page) => {
        const body = await send(
          { method: 'GET', path: spec.path, query: { ...spec.queries[query], page, per_page: spec.perPage } },
          ctx,
        )
        const records = recordsIn<R>(body, spec.key, 'syncro')
        const meta = (body as { meta?: SyncroMeta }).meta
        if (meta?.per_page) pageSizes.set(spec.key, meta.per_page)
        const totalPages = meta?.total_pages
        return { records, isLast: totalPages === undefined ? records.length === 0 : page >= totalPages }
      },
    })
    return { data: records.map(spec.map), nextPosition: next }
  }

  const toTicket = (ticket: SyncroTicket): Ticket => ticketFromSyncro(ticket, mapOptions)
  const ticketPath = (id: string) => `/tickets/${syncroPathId(id)}`
  const customerPath = (id: string) => `/customers/${syncroPathId(id)}`
  const assetPath = (id: string) => `/customer_assets/${syncroPathId(id)}`

  return {
    connectionId: config.id,
    vendor: 'syncro',
    filters: SYNCRO_FILTERS,
    health: () => client.health.report(),

    tickets: {
      async list(request, ctx) {
        const { status, statusId } = request.filters
        const statuses = status || statusId ? await reference.statuses(ctx) : []
        return list(request, ctx, {
          path: '/tickets',
          key: 'tickets',
          queries: ticketQueries(request.filters, statuses),
          map: toTicket,
        })
      },
      get: async (id, ctx) => toTicket(await sendFor('ticket', { method: 'GET', path: ticketPath(id) }, ctx)),
      async create(body, ctx) {
        const vendorBody = syncroTicketCreateBody(
          body,
          await reference.resolveTicketWrite(body, ctx),
          notificationsAllowed(config),
        )
        const call: VendorCall = {
          method: 'POST',
          path: '/tickets',
          body: vendorBody,
          fieldNames: ticketFieldNames,
        }
        return toTicket(await sendFor('ticket', call, ctx))
      },
      async update(id, body, ctx) {
        const vendorBody = syncroTicketUpdateBody(body, await reference.resolveTicketWrite(body, ctx))
        const call: VendorCall = {
          method: 'PUT',
          path: ticketPath(id),
          body: vendorBody,
          fieldNames: ticketFieldNames,
        }
        return toTicket(await sendFor('ticket', call, ctx))
      },
    },

    comments: {
      list: (ticketId, request, ctx) =>
        list<SyncroComment, Comment>(request, ctx, {
          path: `${ticketPath(ticketId)}/comments`,
          key: 'comments',
          queries: [commentQuery(request.filters)],
          perPage: COMMENTS_PER_PAGE,
          map: commentFromSyncro,
        }),
      async create(ticketId, body, ctx) {
        const path = `${ticketPath(ticketId)}/comment`
        const call: VendorCall = {
          method: 'POST',
          path,
          body: syncroCommentBody(body, notificationsAllowed(config)),
          fieldNames: commentFieldNames,
        }
        return commentFromSyncro(await sendFor('comment', call, ctx))
      },
    },

    customers: {
      list: (request, ctx) =>
        list<SyncroCustomer, Customer>(request, ctx, {
          path: '/customers',
          key: 'customers',
          queries: [customerQuery(request.filters)],
          map: customerFromSyncro,
        }),
      get: async (id, ctx) =>
        customerFromSyncro(await sendFor('customer', { method: 'GET', path: customerPath(id) }, ctx)),
      async create(body, ctx) {
        const call: VendorCall = {
          method: 'POST',
          path: '/customers',
          body: syncroCustomerBody(body),
          fieldNames: customerFieldNames,
        }
        return customerFromSyncro(await sendFor('customer', call, ctx))
      },
      async update(id, body, ctx) {
        const call: VendorCall = {
          method: 'PUT',
          path: customerPath(id),
          body: syncroCustomerBody(body),
          fieldNames: customerFieldNames,
        }
        return customerFromSyncro(await sendFor('customer', call, ctx))
      },
    },

    assets: {
      list: (request, ctx) =>
        list<SyncroAsset, Asset>(request, ctx, {
          path: '/customer_assets',
          key: 'assets',
          queries: [assetQuery(request.filters)],
          map: assetFromSyncro,
        }),
      get: async (id, ctx) =>
        assetFromSyncro(await sendFor('asset', { method: 'GET', path: assetPath(id) }, ctx)),
      async create(body, ctx) {
        const call: VendorCall = {
          method: 'POST',
          path: '/customer_assets',
          body: syncroAssetBody(body),
          fieldNames: assetFieldNames,
        }
        return assetFromSyncro(await sendFor('asset', call, ctx))
      },
      async update(id, body, ctx) {
        // Syncro replaces the whole properties object, so the others are read first and sent back. Two
        // concurrent updates of one asset's manufacturer/model can therefore lose one (last write wins).
        const touchesProperties = body.manufacturer !== undefined || body.model !== undefined
        const current = touchesProperties
          ? ((await sendFor<SyncroAsset>('asset', { method: 'GET', path: assetPath(id) }, ctx)).properties ??
            {})
          : {}
        const call: VendorCall = {
          method: 'PUT',
          path: assetPath(id),
          body: syncroAssetBody(body, current),
          fieldNames: assetFieldNames,
        }
        return assetFromSyncro(await sendFor('asset', call, ctx))
      },
    },

    reference: {
      statuses: (ctx) => reference.statuses(ctx),
      priorities: (ctx) => reference.priorities(ctx),
      ticketTypes: (ctx) => reference.ticketTypes(ctx),
    },
  }
}
