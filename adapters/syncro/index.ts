import type { Asset } from '../../src/canonical/asset.js'
import type { Priority, Status } from '../../src/canonical/reference.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { bucketFor } from '../../src/connection-config.js'
import { notFound, validationFailed } from '../../src/errors.js'
import { fillPage, PagePosition } from '../../src/paging/fill-page.js'
import { readPosition } from '../../src/paging/cursor.js'
import { VendorClient, type VendorCall } from '../../src/vendor-http/client.js'
import type { Adapter, AdapterDeps, CallContext, ListRequest, ListResult } from '../types.js'
import { syncroAuth } from './auth.js'
import {
  DEFAULT_SYNCRO_PRIORITIES,
  SYNCRO_RATE_LIMIT,
  syncroBaseUrl,
  type SyncroConnectionConfig,
} from './config.js'
import { describeSyncroError } from './errors.js'
import {
  assetFieldNames,
  assetFromSyncro,
  commentFieldNames,
  commentFromSyncro,
  customerFieldNames,
  customerFromSyncro,
  priorityFromSyncro,
  statusFromSyncro,
  syncroAssetBody,
  syncroCommentBody,
  syncroCustomerBody,
  syncroTicketCreateBody,
  syncroTicketUpdateBody,
  ticketFieldNames,
  ticketFromSyncro,
  ticketTypeFromSyncro,
  type ResolvedTicketWrite,
  type SyncroMapOptions,
} from './map.js'
import { assetQuery, commentQuery, customerQuery, SYNCRO_FILTERS, ticketQueries } from './query.js'
import type {
  SyncroAsset,
  SyncroComment,
  SyncroCustomer,
  SyncroMeta,
  SyncroTicket,
  SyncroTicketSettings,
} from './types.js'

export { SyncroConnectionConfig, syncroConfigProblems, syncroConnectionFromEnv } from './config.js'

/** Syncro asks for per_page on comments only; the other lists have a page size Syncro fixes. */
const COMMENTS_PER_PAGE = 100

type Envelope<K extends string, R> = { [key in K]?: R[] } & { meta?: SyncroMeta }

export function createSyncroAdapter(config: SyncroConnectionConfig, deps: AdapterDeps): Adapter {
  const baseUrl = syncroBaseUrl(config)
  const mapOptions: SyncroMapOptions = {
    statusMap: config.statusMap ?? {},
    priorityMap: config.priorityMap ?? {},
    webOrigin: new URL(baseUrl).origin,
  }
  const client = new VendorClient({
    connectionId: config.id,
    vendor: 'syncro',
    baseUrl,
    pools: deps.pools,
    limiter: deps.limiter,
    bucket: bucketFor('syncro', config.id, SYNCRO_RATE_LIMIT, config.rateLimit),
    auth: syncroAuth(config.apiKey),
    describeError: describeSyncroError,
    settings: deps.vendorHttp,
  })

  const send = async <T>(call: VendorCall, ctx: CallContext): Promise<T> =>
    (await client.send<T>(call, ctx.log)).body

  /** Walks Syncro's fixed-size pages (size read from each answer) to fill the requested page. */
  async function listPages<R, T>(
    request: ListRequest,
    ctx: CallContext,
    options: {
      path: string
      key: string
      queries: Array<Record<string, string | number | boolean | undefined>>
      perPage?: number
    },
    map: (record: R) => T,
  ): Promise<ListResult<T>> {
    const from = request.position === null ? null : readPosition(PagePosition, request.position)
    const { records, next } = await fillPage<R>({
      pageSize: request.pageSize,
      from,
      queryCount: options.queries.length,
      fetchPage: async (query, page) => {
        const body = await send<Envelope<string, R>>(
          {
            method: 'GET',
            path: options.path,
            query: { ...options.queries[query], page, per_page: options.perPage },
          },
          ctx,
        )
        const records = body[options.key] ?? []
        const totalPages = body.meta?.total_pages
        return { records, isLast: totalPages === undefined ? records.length === 0 : page >= totalPages }
      },
    })
    return { data: records.map(map), nextPosition: next }
  }

  const ticketSettings = (ctx: CallContext) =>
    deps.referenceCache.get(`${config.id}:ticket-settings`, async () => {
      const settings = await send<SyncroTicketSettings>({ method: 'GET', path: '/tickets/settings' }, ctx)
      return {
        statuses: settings.ticket_status_list ?? [],
        ticketTypes: (settings.ticket_types ?? []).filter((type) => !type.disabled),
      }
    })

  const statuses = async (ctx: CallContext): Promise<Status[]> =>
    (await ticketSettings(ctx)).statuses.map((name) => statusFromSyncro(name, mapOptions))

  const priorities = (): Priority[] =>
    (config.priorities ?? DEFAULT_SYNCRO_PRIORITIES).map((name) => priorityFromSyncro(name, mapOptions))

  /** Turns a category or status id, a level or priority id, into the text Syncro stores. */
  async function resolveTicketWrite(
    body: TicketCreate | TicketUpdate,
    ctx: CallContext,
  ): Promise<ResolvedTicketWrite> {
    const resolved: ResolvedTicketWrite = {}
    if (body.status !== undefined || body.statusId !== undefined) {
      const known = await statuses(ctx)
      const match =
        body.statusId !== undefined
          ? known.find((status) => status.id === body.statusId)
          : known.find((status) => status.category === body.status)
      if (!match) {
        const field = body.statusId !== undefined ? 'statusId' : 'status'
        throw validationFailed(`syncro has no status for ${field} '${body.statusId ?? body.status}'`, [
          { field, message: 'no matching Syncro status; see /statuses' },
        ])
      }
      resolved.statusName = match.name
    }
    if (body.priority !== undefined || body.priorityId !== undefined) {
      const match =
        body.priorityId !== undefined
          ? priorities().find((priority) => priority.id === body.priorityId)
          : priorities().find((priority) => priority.level === body.priority)
      if (!match) {
        const field = body.priorityId !== undefined ? 'priorityId' : 'priority'
        throw validationFailed(`syncro has no priority for ${field} '${body.priorityId ?? body.priority}'`, [
          { field, message: 'no matching priority; see /priorities' },
        ])
      }
      resolved.priorityName = match.name
    }
    return resolved
  }

  const ticketPath = (id: string) => `/tickets/${syncroIdOrNotFound(id)}`
  const toTicket = (ticket: SyncroTicket): Ticket => ticketFromSyncro(ticket, mapOptions)

  return {
    connectionId: config.id,
    vendor: 'syncro',
    filters: SYNCRO_FILTERS,
    health: () => client.health.report(),

    tickets: {
      async list(request, ctx) {
        const queries = ticketQueries(
          request.filters,
          request.filters.status || request.filters.statusId ? await statuses(ctx) : [],
        )
        return listPages<SyncroTicket, Ticket>(
          request,
          ctx,
          { path: '/tickets', key: 'tickets', queries },
          toTicket,
        )
      },
      async get(id, ctx) {
        return toTicket(
          (await send<{ ticket: SyncroTicket }>({ method: 'GET', path: ticketPath(id) }, ctx)).ticket,
        )
      },
      async create(body, ctx) {
        const vendorBody = syncroTicketCreateBody(body, await resolveTicketWrite(body, ctx))
        const answer = await send<{ ticket: SyncroTicket }>(
          { method: 'POST', path: '/tickets', body: vendorBody, fieldNames: ticketFieldNames },
          ctx,
        )
        return toTicket(answer.ticket)
      },
      async update(id, body, ctx) {
        const vendorBody = syncroTicketUpdateBody(body, await resolveTicketWrite(body, ctx))
        const answer = await send<{ ticket: SyncroTicket }>(
          { method: 'PUT', path: ticketPath(id), body: vendorBody, fieldNames: ticketFieldNames },
          ctx,
        )
        return toTicket(answer.ticket)
      },
    },

    comments: {
      async list(ticketId, request, ctx) {
        return listPages<SyncroComment, ReturnType<typeof commentFromSyncro>>(
          request,
          ctx,
          {
            path: `${ticketPath(ticketId)}/comments`,
            key: 'comments',
            queries: [commentQuery(request.filters)],
            perPage: COMMENTS_PER_PAGE,
          },
          commentFromSyncro,
        )
      },
      async create(ticketId, body, ctx) {
        const answer = await send<{ comment: SyncroComment }>(
          {
            method: 'POST',
            path: `${ticketPath(ticketId)}/comment`,
            body: syncroCommentBody(body),
            fieldNames: commentFieldNames,
          },
          ctx,
        )
        return commentFromSyncro(answer.comment)
      },
    },

    customers: {
      list: (request, ctx) =>
        listPages(
          request,
          ctx,
          { path: '/customers', key: 'customers', queries: [customerQuery(request.filters)] },
          customerFromSyncro,
        ),
      async get(id, ctx) {
        const answer = await send<{ customer: SyncroCustomer }>(
          { method: 'GET', path: `/customers/${syncroIdOrNotFound(id)}` },
          ctx,
        )
        return customerFromSyncro(answer.customer)
      },
      async create(body, ctx) {
        const answer = await send<{ customer: SyncroCustomer }>(
          {
            method: 'POST',
            path: '/customers',
            body: syncroCustomerBody(body),
            fieldNames: customerFieldNames,
          },
          ctx,
        )
        return customerFromSyncro(answer.customer)
      },
      async update(id, body, ctx) {
        const answer = await send<{ customer: SyncroCustomer }>(
          {
            method: 'PUT',
            path: `/customers/${syncroIdOrNotFound(id)}`,
            body: syncroCustomerBody(body),
            fieldNames: customerFieldNames,
          },
          ctx,
        )
        return customerFromSyncro(answer.customer)
      },
    },

    assets: {
      list: (request, ctx) =>
        listPages<SyncroAsset, Asset>(
          request,
          ctx,
          { path: '/customer_assets', key: 'assets', queries: [assetQuery(request.filters)] },
          assetFromSyncro,
        ),
      async get(id, ctx) {
        const answer = await send<{ asset: SyncroAsset }>(
          { method: 'GET', path: `/customer_assets/${syncroIdOrNotFound(id)}` },
          ctx,
        )
        return assetFromSyncro(answer.asset)
      },
      async create(body, ctx) {
        const answer = await send<{ asset: SyncroAsset }>(
          {
            method: 'POST',
            path: '/customer_assets',
            body: syncroAssetBody(body),
            fieldNames: assetFieldNames,
          },
          ctx,
        )
        return assetFromSyncro(answer.asset)
      },
      async update(id, body, ctx) {
        const path = `/customer_assets/${syncroIdOrNotFound(id)}`
        // Syncro replaces the whole properties object, so other properties are read first and sent back.
        const current =
          body.manufacturer !== undefined || body.model !== undefined
            ? ((await send<{ asset: SyncroAsset }>({ method: 'GET', path }, ctx)).asset.properties ?? {})
            : {}
        const answer = await send<{ asset: SyncroAsset }>(
          { method: 'PUT', path, body: syncroAssetBody(body, current), fieldNames: assetFieldNames },
          ctx,
        )
        return assetFromSyncro(answer.asset)
      },
    },

    reference: {
      statuses,
      priorities: async () => priorities(),
      ticketTypes: async (ctx) => (await ticketSettings(ctx)).ticketTypes.map(ticketTypeFromSyncro),
    },
  }
}

/** A path id that is not a Syncro id (digits) names no record. */
function syncroIdOrNotFound(id: string): number {
  if (!/^\d{1,15}$/.test(id)) throw notFound(`syncro has no record '${id}': Syncro ids are digits`)
  return Number(id)
}
