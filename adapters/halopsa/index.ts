import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Customer } from '../../src/canonical/customer.js'
import type { Ticket } from '../../src/canonical/ticket.js'
import { GatewayError, notFound, validationFailed, vendorUnavailable } from '../../src/errors.js'
import { noMatch } from '../../src/mapping/reference-match.js'
import { integerPathId } from '../../src/mapping/ids.js'
import { fillPage, pagePositionOf } from '../../src/paging/fill-page.js'
import { bareRecord, bareRecords, isRecord, recordsIn } from '../../src/vendor-http/answer.js'
import { vendorClientOn, type VendorCall } from '../../src/vendor-http/client.js'
import { categoryMapsOf, notificationsAllowed } from '../../src/connection-config.js'
import { vendorModule } from '../kit/vendor-module.js'
import type { Adapter, AdapterDeps, CallContext, ListRequest, ListResult } from '../types.js'
import { haloAuth } from './auth.js'
import {
  HaloConnectionConfig,
  haloBucket,
  haloConfigProblems,
  haloConnectionFromEnv,
  haloOrigin,
} from './config.js'
import { describeHaloError } from './errors.js'
import {
  actionFieldNames,
  assetFieldIds,
  assetFieldNames,
  assetFieldsSent,
  assetFromHalo,
  clientFieldNames,
  commentFromHalo,
  customerFromHalo,
  haloActionBody,
  haloAssetFields,
  haloClientFields,
  haloId,
  haloTicketFields,
  statusTypesOf,
  ticketFieldNames,
  ticketFromHalo,
  type HaloMapOptions,
} from './map.js'
import { actionQuery, assetQuery, clientQuery, HALO_FILTERS, ticketQuery, type HaloQuery } from './query.js'
import { HaloReference } from './reference.js'
import type {
  HaloAction,
  HaloAgent,
  HaloAsset,
  HaloAssetType,
  HaloClient,
  HaloPriority,
  HaloStatus,
  HaloTeam,
  HaloTicket,
  HaloTicketType,
} from './types.js'

/** The largest `page_size` HaloPSA's spec states; the adapter always asks for it, so positions stay aligned. */
const HALO_PAGE_SIZE = 100

interface ListSpec<R, T> {
  path: string
  /** The key the records come under: `tickets`, `clients`, `assets`, `actions`. */
  key: string
  query: HaloQuery
  /** /Actions does not page: it answers every record at once. */
  pages: boolean
  map: (record: R) => T
}

function createHaloAdapter(config: HaloConnectionConfig, deps: AdapterDeps): Adapter {
  const origin = haloOrigin(config)
  const mapOptions: HaloMapOptions = {
    ...categoryMapsOf(config),
    webOrigin: origin,
  }
  const client = vendorClientOn(deps, {
    connectionId: config.id,
    vendor: 'halopsa',
    baseUrl: `${origin}/api`,
    bucket: haloBucket(config),
    auth: haloAuth(config, {
      tokenCache: deps.tokenCache,
      pools: deps.pools,
      timeoutMs: deps.vendorHttp.requestTimeoutMs,
    }),
    describeError: describeHaloError,
  })
  const send = async (call: VendorCall, ctx: CallContext) => (await client.send(call, ctx)).body
  const getAll = async <R>(path: string, ctx: CallContext, query?: HaloQuery) =>
    bareRecords<R>(await send({ method: 'GET', path, query }, ctx), 'halopsa', path)

  const reference = new HaloReference({
    mapOptions,
    // The status list three ways: all, and without the closed and the pending ones, which tells the status
    // types Halo classes so (see statusTypesOf).
    statuses: (ctx) =>
      deps.referenceCache.get(config.id, 'statuses', async () => {
        const [statuses, withoutClosed, withoutPending] = await Promise.all([
          getAll<HaloStatus>('/Status', ctx),
          getAll<HaloStatus>('/Status', ctx, { excludeclosed: true }),
          getAll<HaloStatus>('/Status', ctx, { excludepending: true }),
        ])
        return { statuses, types: statusTypesOf(statuses, withoutClosed, withoutPending) }
      }),
    priorities: (ctx) =>
      deps.referenceCache.get(config.id, 'priorities', () => getAll<HaloPriority>('/Priority', ctx)),
    ticketTypes: (ctx) =>
      deps.referenceCache.get(config.id, 'ticket-types', () => getAll<HaloTicketType>('/TicketType', ctx)),
    teams: (ctx) => deps.referenceCache.get(config.id, 'teams', () => getAll<HaloTeam>('/Team', ctx)),
  })
  // Disabled agents too: old actions name them.
  const agents = (ctx: CallContext) =>
    deps.referenceCache.get(config.id, 'agents', () =>
      getAll<HaloAgent>('/Agent', ctx, { includedisabled: true }),
    )
  const toComments = async (actions: HaloAction[], ctx: CallContext) => {
    const known = actions.some((action) => action.who_agentid) ? await agents(ctx) : []
    return actions.map((action) => commentFromHalo(action, known))
  }

  /**
   * Halo pages only when asked (`pageinate=true`), by page number, and its `record_count` says how many match.
   * Ordered by id, records created meanwhile land at the end, so a walk's pages do not shift under it.
   */
  async function list<R, T>(
    request: ListRequest,
    ctx: CallContext,
    spec: ListSpec<R, T>,
  ): Promise<ListResult<T>> {
    const { records, next } = await fillPage<R>({
      pageSize: request.pageSize,
      from: pagePositionOf(request.position),
      vendorPageSize: spec.pages ? HALO_PAGE_SIZE : undefined,
      expectCalls: (calls) => ctx.admission?.expect(calls),
      fetchPage: async (_query, page) => {
        const paging = spec.pages
          ? { pageinate: true, page_size: HALO_PAGE_SIZE, page_no: page, order: 'id', orderdesc: false }
          : {}
        const body = await send({ method: 'GET', path: spec.path, query: { ...spec.query, ...paging } }, ctx)
        const found = recordsIn<R>(body, spec.key, 'halopsa')
        const total = isRecord(body) && typeof body.record_count === 'number' ? body.record_count : undefined
        const isLast =
          !spec.pages ||
          (total === undefined ? found.length < HALO_PAGE_SIZE : page * HALO_PAGE_SIZE >= total)
        // A page cut shorter than asked, before the end, would shift every later page: no silent gaps.
        if (spec.pages && !isLast && found.length < HALO_PAGE_SIZE) {
          throw vendorUnavailable(
            502,
            `halopsa answered ${found.length} records where ${HALO_PAGE_SIZE} were asked`,
          )
        }
        return { records: found, isLast }
      },
    })
    return { data: records.map(spec.map), nextPosition: next }
  }

  /**
   * Halo writes by POSTing an array to the collection: an item without id creates, one with an id updates it.
   * An id Halo does not have is refused as a validation error on `id`: that is a 404 here.
   */
  async function write<R>(
    path: string,
    item: Record<string, unknown>,
    fieldNames: Record<string, string>,
    ctx: CallContext,
    missing?: { field: string; what: string },
  ): Promise<R> {
    try {
      const body = await send(
        { method: 'POST', path, body: [item], fieldNames: { ...fieldNames, id: 'id' } },
        ctx,
      )
      return bareRecord<R>(Array.isArray(body) ? body[0] : body, 'halopsa', path)
    } catch (error) {
      const field = missing?.field ?? 'id'
      if (
        error instanceof GatewayError &&
        error.status === 422 &&
        error.extras.errors?.some((e) => e.field === field)
      ) {
        throw notFound(`halopsa has no ${missing?.what ?? 'such record'}`, error.extras.vendor)
      }
      throw error
    }
  }

  const pathId = (id: string) => integerPathId('halopsa', id)

  /**
   * The field ids a write of serial number, manufacturer or model needs, from the asset's type (the one sent, or
   * for an update without one the asset's own, read first); the type's field list is cached.
   */
  async function fieldIdsFor(body: AssetCreate | AssetUpdate, assetId: number | undefined, ctx: CallContext) {
    const wanted = assetFieldsSent(body)
    if (wanted.length === 0) return {}
    let typeId = body.typeId === undefined ? undefined : haloId(body.typeId, 'typeId')
    if (typeId === undefined && assetId !== undefined) {
      const asset = bareRecord<HaloAsset>(
        await send({ method: 'GET', path: `/Asset/${assetId}` }, ctx),
        'halopsa',
        'asset',
      )
      typeId = asset.assettype_id ?? undefined
    }
    if (typeId === undefined) {
      throw validationFailed('halopsa needs the asset type to write asset fields', [
        { field: 'typeId', message: 'required with serialNumber, manufacturer or model' },
      ])
    }
    const id = typeId
    const type = await deps.referenceCache
      .get(config.id, `asset-type:${id}`, async () =>
        bareRecord<HaloAssetType>(
          await send({ method: 'GET', path: `/AssetType/${id}` }, ctx),
          'halopsa',
          'asset type',
        ),
      )
      .catch((error: unknown) => {
        if (error instanceof GatewayError && error.status === 404)
          throw noMatch('halopsa', 'typeId', String(id), 'asset types')
        throw error
      })
    return assetFieldIds(type, wanted)
  }
  /**
   * Tickets name their team only: the team list (cached) gives the board's id, fetched when a ticket has one; the
   * status list (cached) gives each status's category from its type.
   */
  async function toTickets(tickets: HaloTicket[], ctx: CallContext): Promise<Ticket[]> {
    if (tickets.length === 0) return []
    const [teams, statuses] = await Promise.all([
      tickets.some((ticket) => ticket.team) ? reference.teams(ctx) : [],
      reference.statuses(ctx),
    ])
    return tickets.map((ticket) => ticketFromHalo(ticket, mapOptions, { teams, statuses }))
  }
  const toTicket = async (ticket: HaloTicket, ctx: CallContext) => (await toTickets([ticket], ctx))[0]!

  return {
    connectionId: config.id,
    vendor: 'halopsa',
    filters: HALO_FILTERS,
    health: () => client.health.report(),

    tickets: {
      async list(request, ctx) {
        const statusIds = await reference.statusIdsFor(request.filters, ctx)
        const priorityIds = await reference.priorityIdsFor(request.filters, ctx)
        // A filter that no status (or priority) satisfies matches nothing: no vendor call is needed.
        if (statusIds?.length === 0 || priorityIds?.length === 0) return { data: [], nextPosition: null }
        const page = await list<HaloTicket, HaloTicket>(request, ctx, {
          path: '/Tickets',
          key: 'tickets',
          query: ticketQuery(request.filters, statusIds, priorityIds),
          pages: true,
          map: (ticket) => ticket,
        })
        return { data: await toTickets(page.data, ctx), nextPosition: page.nextPosition }
      },
      get: async (id, ctx) =>
        toTicket(
          bareRecord(
            await send(
              { method: 'GET', path: `/Tickets/${pathId(id)}`, query: { includedetails: true } },
              ctx,
            ),
            'halopsa',
            'ticket',
          ),
          ctx,
        ),
      async create(body, ctx) {
        const item = haloTicketFields(body, await reference.resolveTicketWrite(body, ctx))
        return toTicket(await write<HaloTicket>('/Tickets', item, ticketFieldNames, ctx), ctx)
      },
      async update(id, body, ctx) {
        const item = {
          id: pathId(id),
          ...haloTicketFields(body, await reference.resolveTicketWrite(body, ctx)),
        }
        return toTicket(await write<HaloTicket>('/Tickets', item, ticketFieldNames, ctx), ctx)
      },
    },

    comments: {
      async list(ticketId, request, ctx) {
        const page = await list<HaloAction, HaloAction>(request, ctx, {
          path: '/Actions',
          key: 'actions',
          query: actionQuery(pathId(ticketId), request.filters),
          pages: false,
          map: (action) => action,
        })
        return { data: await toComments(page.data, ctx), nextPosition: page.nextPosition }
      },
      async create(ticketId, body, ctx) {
        const item = haloActionBody(pathId(ticketId), body, notificationsAllowed(config))
        const missing = { field: 'ticketId', what: `ticket ${ticketId}` }
        const action = await write<HaloAction>('/Actions', item, actionFieldNames, ctx, missing)
        return (await toComments([action], ctx))[0]!
      },
    },

    customers: {
      list: (request, ctx) =>
        list<HaloClient, Customer>(request, ctx, {
          path: '/Client',
          key: 'clients',
          query: clientQuery(request.filters),
          pages: true,
          map: customerFromHalo,
        }),
      get: async (id, ctx) =>
        customerFromHalo(
          bareRecord(await send({ method: 'GET', path: `/Client/${pathId(id)}` }, ctx), 'halopsa', 'client'),
        ),
      create: async (body, ctx) =>
        customerFromHalo(await write<HaloClient>('/Client', haloClientFields(body), clientFieldNames, ctx)),
      update: async (id, body, ctx) =>
        customerFromHalo(
          await write<HaloClient>(
            '/Client',
            { id: pathId(id), ...haloClientFields(body) },
            clientFieldNames,
            ctx,
          ),
        ),
    },

    assets: {
      list: (request, ctx) =>
        list<HaloAsset, Asset>(request, ctx, {
          path: '/Asset',
          key: 'assets',
          query: assetQuery(request.filters),
          pages: true,
          map: assetFromHalo,
        }),
      get: async (id, ctx) =>
        assetFromHalo(
          bareRecord(await send({ method: 'GET', path: `/Asset/${pathId(id)}` }, ctx), 'halopsa', 'asset'),
        ),
      create: async (body, ctx) =>
        assetFromHalo(
          await write<HaloAsset>(
            '/Asset',
            haloAssetFields(body, await fieldIdsFor(body, undefined, ctx)),
            assetFieldNames,
            ctx,
          ),
        ),
      update: async (id, body, ctx) =>
        assetFromHalo(
          await write<HaloAsset>(
            '/Asset',
            { id: pathId(id), ...haloAssetFields(body, await fieldIdsFor(body, pathId(id), ctx)) },
            assetFieldNames,
            ctx,
          ),
        ),
    },

    reference: {
      statuses: (ctx) => reference.statuses(ctx),
      priorities: (ctx) => reference.priorities(ctx),
      ticketTypes: (ctx) => reference.ticketTypes(ctx),
    },
  }
}

export const haloPsa = vendorModule({
  schema: HaloConnectionConfig,
  problems: haloConfigProblems,
  fromEnv: haloConnectionFromEnv,
  bucket: haloBucket,
  connect: createHaloAdapter,
})
