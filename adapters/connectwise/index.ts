import { readFileSync } from 'node:fs'
import { Type } from '@sinclair/typebox'
import type { Comment } from '../../src/canonical/comment.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { unsupportedField, validationFailed } from '../../src/errors.js'
import { integerPathId, withoutUndefined } from '../../src/mapping/ids.js'
import { checkLengths } from '../../src/mapping/limits.js'
import { readPosition } from '../../src/paging/cursor.js'
import { bareRecord, bareRecords } from '../../src/vendor-http/answer.js'
import { vendorClientOn, type QueryValue, type VendorCall } from '../../src/vendor-http/client.js'
import { hasLinkRel } from '../../src/vendor-http/link-header.js'
import { categoryMapsOf, notificationsAllowed } from '../../src/connection-config.js'
import { vendorModule } from '../kit/vendor-module.js'
import type { Adapter, AdapterDeps, CallContext, ListRequest, ListResult } from '../types.js'
import { connectWiseAuth } from './auth.js'
import {
  ConnectWiseConnectionConfig,
  connectWiseBaseUrl,
  connectWiseBucket,
  connectWiseConfigProblems,
  connectWiseConnectionFromEnv,
  DEFAULT_API_VERSION,
  DEFAULT_CODEBASE,
} from './config.js'
import { describeConnectWiseError } from './errors.js'
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
  idRef,
  noteBody,
  noteFieldNames,
  noteIsPublic,
  patchOf,
  statusCategory,
  ticketFieldNames,
  ticketFromConnectWise,
  type ConnectWiseMapOptions,
} from './map.js'
import {
  afterId,
  companyConditions,
  configurationConditions,
  CONNECTWISE_FILTERS,
  cwId,
  noteConditions,
  ticketConditions,
} from './query.js'
import { connectWiseRateLimitHint } from './rate-limit.js'
import { ConnectWiseReference } from './reference.js'
import type {
  CwBoard,
  CwBoardStatus,
  CwBoardType,
  CwCompany,
  CwConfiguration,
  CwNote,
  CwPriority,
  CwTicket,
} from './types.js'

/** vendors.md: a ticket summary takes at most 100 characters. */
const SUMMARY_MAX_LENGTH = 100

/** ConnectWise's page size maximum: reference lists are read in one call each. */
const VENDOR_MAX_PAGE_SIZE = 1000

/** Ticket references resolved to ConnectWise ids. */
interface TicketRefs {
  boardId?: number
  statusId?: number
  priorityId?: number
}

/** A status category resolves on a board: without one named or configured, the caller must say which. */
const noBoard = (): never => {
  throw validationFailed(
    'connectwise statuses belong to boards: name the board to resolve a status category',
    [{ field: 'boardId', message: "required with status (or set the connection's defaultBoardId)" }],
  )
}

/** Where the next page starts: after this id (keyset paging, stable under inserts and deletes). */
const KeysetPosition = Type.Object(
  { afterId: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
)

/** The ticket page of ConnectWise's web app; API hosts are `api-<region>.…`, the web app is `<region>.…`. */
function ticketUrlOf(config: ConnectWiseConnectionConfig): string | null {
  const company = encodeURIComponent(config.companyId)
  const page = (root: string) =>
    `${root}/services/system_io/Service/fv_sr100_request.rails?service_recid={id}&companyName=${company}`
  if (config.baseUrl) return page(config.baseUrl.replace(/\/+$/, '').replace(/\/apis\/3\.0$/i, ''))
  if (!config.site) return null
  return page(`https://${config.site.replace(/^api-/, '')}/${config.codebase ?? DEFAULT_CODEBASE}`)
}

function createConnectWiseAdapter(config: ConnectWiseConnectionConfig, deps: AdapterDeps): Adapter {
  const mapOptions: ConnectWiseMapOptions = {
    ...categoryMapsOf(config),
    ticketUrl: ticketUrlOf(config),
  }
  const client = vendorClientOn(deps, {
    connectionId: config.id,
    vendor: 'connectwise',
    baseUrl: connectWiseBaseUrl(config),
    bucket: connectWiseBucket(config),
    auth: connectWiseAuth(config),
    describeError: describeConnectWiseError,
    headers: {
      accept: `application/vnd.connectwise.com+json; version=${config.apiVersion ?? DEFAULT_API_VERSION}`,
    },
    rateLimitHint: connectWiseRateLimitHint,
    tls: config.caFile ? { ca: readFileSync(config.caFile, 'utf8') } : undefined,
  })

  const send = async (call: VendorCall, ctx: CallContext) => client.send(call, ctx)
  /** Every record of a small list (reference data), following ConnectWise's pages of 1000. */
  const getAll = async <R>(path: string, ctx: CallContext, fields?: string) => {
    const records: R[] = []
    for (let page = 1; ; page++) {
      const response = await send(
        { method: 'GET', path, query: { pageSize: VENDOR_MAX_PAGE_SIZE, page, fields } },
        ctx,
      )
      const batch = bareRecords<R>(response.body, 'connectwise', path)
      records.push(...batch)
      const link = response.headers.link
      const more = link === undefined ? batch.length === VENDOR_MAX_PAGE_SIZE : hasLinkRel(link, 'next')
      if (batch.length === 0 || !more) return records
    }
  }
  const sendRecord = async <R>(call: VendorCall, ctx: CallContext) =>
    bareRecord<R>((await send(call, ctx)).body, 'connectwise', call.path)
  const cached = <T>(name: string, load: () => Promise<T>) => deps.referenceCache.get(config.id, name, load)

  const reference = new ConnectWiseReference({
    mapOptions,
    boards: (ctx) => cached('boards', () => getAll<CwBoard>('/service/boards', ctx, 'id,name,inactiveFlag')),
    statusesOf: (boardId, ctx) =>
      cached(`board-statuses:${boardId}`, () =>
        getAll<CwBoardStatus>(`/service/boards/${boardId}/statuses`, ctx),
      ),
    typesOf: (boardId, ctx) =>
      cached(`board-types:${boardId}`, () => getAll<CwBoardType>(`/service/boards/${boardId}/types`, ctx)),
    priorities: (ctx) => cached('priorities', () => getAll<CwPriority>('/service/priorities', ctx)),
  })

  /**
   * Keyset paging: `id > last` ordered by id, as many records per call as the page still needs (ConnectWise
   * allows up to 1000). The Link header tells whether more follow, so the last page costs no extra call.
   */
  async function list<R extends { id: number }, T>(
    request: ListRequest,
    ctx: CallContext,
    path: string,
    conditions: string | undefined,
    map: (records: R[]) => T[] | Promise<T[]>,
  ): Promise<ListResult<T>> {
    let last = request.position === null ? undefined : readPosition(KeysetPosition, request.position).afterId
    const records: R[] = []
    let more = true
    while (more && records.length < request.pageSize) {
      const wanted = request.pageSize - records.length
      const query: Record<string, QueryValue> = {
        conditions: afterId(conditions, last),
        orderBy: 'id asc',
        page: 1,
        pageSize: wanted,
      }
      const response = await send({ method: 'GET', path, query }, ctx)
      const page = bareRecords<R>(response.body, 'connectwise', path)
      records.push(...page)
      last = page.at(-1)?.id ?? last
      const link = response.headers.link
      more = page.length > 0 && (link === undefined ? page.length === wanted : hasLinkRel(link, 'next'))
    }
    return {
      data: await map(records),
      nextPosition: more && last !== undefined ? { afterId: last } : null,
    }
  }

  const toTickets = async (tickets: CwTicket[], ctx: CallContext) => {
    const lookups = await reference.ticketLookups(ctx)
    return tickets.map((ticket) => ticketFromConnectWise(ticket, lookups, mapOptions))
  }

  /** The description is the ticket's first discussion note (ConnectWise stores `initialDescription` there). */
  async function withDescription(ticket: CwTicket, ctx: CallContext): Promise<Ticket> {
    const [lookups, notes] = await Promise.all([
      reference.ticketLookups(ctx),
      send(
        {
          method: 'GET',
          path: `/service/tickets/${ticket.id}/notes`,
          query: { conditions: 'detailDescriptionFlag = true', orderBy: 'id asc', pageSize: 1 },
        },
        ctx,
      ),
    ])
    const [first] = bareRecords<CwNote>(notes.body, 'connectwise', 'notes')
    // A first discussion note that is also flagged internal is no description anyone may see.
    const description = first && noteIsPublic(first) ? (first.text ?? null) : null
    return ticketFromConnectWise(ticket, lookups, mapOptions, description)
  }

  /**
   * JSON Patch of the given fields (and `options`, write options such as processNotifications, sent only with a
   * change); an update that changes nothing ConnectWise stores reads the record instead.
   */
  async function patch<R>(
    path: string,
    fields: Record<string, unknown>,
    fieldNames: Record<string, string>,
    ctx: CallContext,
    options: Record<string, unknown> = {},
  ): Promise<R> {
    const operations = patchOf(fields)
    if (operations.length === 0) return sendRecord<R>({ method: 'GET', path }, ctx)
    return sendRecord<R>(
      { method: 'PATCH', path, body: [...operations, ...patchOf(options)], fieldNames },
      ctx,
    )
  }

  /**
   * ConnectWise's Ticket and ServiceNote models: `processNotifications` "can be set to false to skip notification
   * processing when adding or updating a ticket (Defaults to True)" (spinen/connectwise-service-php-client,
   * docs/Model/Ticket.md, ServiceNote.md): board rules may otherwise mail the customer about the gateway's
   * writes. Sent on every ticket and note write, false unless the connection allows notifications.
   */
  const notifying = { processNotifications: notificationsAllowed(config) }

  const ticketPath = (id: string) => `/service/tickets/${integerPathId('connectwise', id)}`
  const companyPath = (id: string) => `/company/companies/${integerPathId('connectwise', id)}`
  const configurationPath = (id: string) => `/company/configurations/${integerPathId('connectwise', id)}`

  /** Ticket fields in ConnectWise's names; status, board and priority as resolved ids. */
  function ticketFields(body: TicketCreate | TicketUpdate, refs: TicketRefs): Record<string, unknown> {
    return withoutUndefined({
      summary: body.subject,
      company: idRef(body.customerId, 'customerId'),
      contact: idRef(body.contactId, 'contactId'),
      board: refs.boardId === undefined ? undefined : { id: refs.boardId },
      status: refs.statusId === undefined ? undefined : { id: refs.statusId },
      priority: refs.priorityId === undefined ? undefined : { id: refs.priorityId },
      type: idRef(body.typeId, 'typeId'),
      owner: idRef(body.assigneeId, 'assigneeId'),
      requiredDate: body.dueAt,
    })
  }

  const boardOf = (body: TicketCreate | TicketUpdate) =>
    body.boardId === undefined ? undefined : cwId(body.boardId, 'boardId')
  const defaultBoard = config.defaultBoardId === undefined ? undefined : Number(config.defaultBoardId)

  return {
    connectionId: config.id,
    vendor: 'connectwise',
    filters: CONNECTWISE_FILTERS,
    health: () => client.health.report(),

    tickets: {
      async list(request, ctx) {
        const [statusIds, priorityIds] = await Promise.all([
          reference.statusIdsFor(request.filters, ctx),
          reference.priorityIdsFor(request.filters, ctx),
        ])
        // A filter that no status or priority satisfies matches nothing: no vendor call is needed.
        if (statusIds?.length === 0 || priorityIds?.length === 0) return { data: [], nextPosition: null }
        const conditions = ticketConditions(request.filters, { statusIds, priorityIds })
        return list<CwTicket, Ticket>(request, ctx, '/service/tickets', conditions, (tickets) =>
          toTickets(tickets, ctx),
        )
      },
      async get(id, ctx) {
        // The ticket, then its description note: two calls, their turns taken together.
        ctx.admission?.expect(2)
        return withDescription(await sendRecord<CwTicket>({ method: 'GET', path: ticketPath(id) }, ctx), ctx)
      },
      async create(body, ctx) {
        checkLengths('connectwise', { subject: [body.subject, SUMMARY_MAX_LENGTH] })
        let board = boardOf(body)
        let statusId: number | undefined
        if (body.statusId !== undefined) {
          // A status without a board sends the ticket to the status's own board.
          statusId = cwId(body.statusId, 'statusId')
          board ??= await reference.boardOfStatus(statusId, ctx)
        } else {
          board ??= defaultBoard
          if (body.status !== undefined)
            statusId = await reference.statusOnBoard(body.status, board ?? noBoard(), ctx)
        }
        const priorityId = await reference.priorityFor(body, ctx)
        // Read before the write: nothing that can fail may come between a create and its answer.
        const lookups = await reference.ticketLookups(ctx)
        const call: VendorCall = {
          method: 'POST',
          path: '/service/tickets',
          body: {
            ...ticketFields(body, { boardId: board, statusId, priorityId }),
            initialDescription: body.description,
            ...notifying,
          },
          fieldNames: ticketFieldNames,
        }
        const ticket = await sendRecord<CwTicket>(call, ctx)
        // ConnectWise stores initialDescription as the first discussion note, as sent: no need to read it back.
        return ticketFromConnectWise(ticket, lookups, mapOptions, body.description || null)
      },
      async update(id, body, ctx) {
        checkLengths('connectwise', { subject: [body.subject, SUMMARY_MAX_LENGTH] })
        if (body.description !== undefined) {
          throw unsupportedField(
            'connectwise',
            'description',
            'ConnectWise keeps it as the first note, edited there',
          )
        }
        const path = ticketPath(id)
        const board = boardOf(body)
        let statusId: number | undefined
        if (body.statusId !== undefined) {
          // ConnectWise itself refuses a status of another board than the ticket's (a 422 on statusId).
          statusId = cwId(body.statusId, 'statusId')
        } else if (body.status !== undefined || board !== undefined) {
          // A category resolves on the ticket's board; a move to another board keeps its category there.
          const current =
            board === undefined || body.status === undefined
              ? await sendRecord<CwTicket>({ method: 'GET', path }, ctx)
              : undefined
          const category =
            body.status ??
            statusCategory(
              {
                id: current?.status?.id ?? 0,
                name: current?.status?.name ?? '',
                closed: current?.closedFlag === true,
              },
              mapOptions,
            )
          statusId = await reference.statusOnBoard(category, board ?? current?.board?.id ?? noBoard(), ctx)
        }
        const priorityId = await reference.priorityFor(body, ctx)
        // Only the fields the caller sent (the status follows a board move): nothing else is touched.
        const fields = ticketFields(body, { boardId: board, statusId, priorityId })
        return withDescription(await patch<CwTicket>(path, fields, ticketFieldNames, ctx, notifying), ctx)
      },
    },

    comments: {
      list: (ticketId, request, ctx) =>
        list<CwNote, Comment>(
          request,
          ctx,
          `${ticketPath(ticketId)}/notes`,
          noteConditions(request.filters),
          (notes) => notes.map(commentFromConnectWise),
        ),
      async create(ticketId, body, ctx) {
        const call: VendorCall = {
          method: 'POST',
          path: `${ticketPath(ticketId)}/notes`,
          body: { ...noteBody(body), ...notifying },
          fieldNames: noteFieldNames,
        }
        return commentFromConnectWise(await sendRecord<CwNote>(call, ctx))
      },
    },

    customers: {
      list: (request, ctx) =>
        list<CwCompany, ReturnType<typeof customerFromConnectWise>>(
          request,
          ctx,
          '/company/companies',
          companyConditions(request.filters),
          (companies) => companies.map(customerFromConnectWise),
        ),
      get: async (id, ctx) =>
        customerFromConnectWise(await sendRecord<CwCompany>({ method: 'GET', path: companyPath(id) }, ctx)),
      async create(body, ctx) {
        const call: VendorCall = {
          method: 'POST',
          path: '/company/companies',
          body: { identifier: companyIdentifier(body.name), ...companyCreateFields(body) },
          fieldNames: companyFieldNames,
        }
        return customerFromConnectWise(await sendRecord<CwCompany>(call, ctx))
      },
      update: async (id, body, ctx) =>
        customerFromConnectWise(
          await patch<CwCompany>(companyPath(id), companyFields(body), companyFieldNames, ctx),
        ),
    },

    assets: {
      list: (request, ctx) =>
        list<CwConfiguration, ReturnType<typeof assetFromConnectWise>>(
          request,
          ctx,
          '/company/configurations',
          configurationConditions(request.filters),
          (configurations) => configurations.map(assetFromConnectWise),
        ),
      get: async (id, ctx) =>
        assetFromConnectWise(
          await sendRecord<CwConfiguration>({ method: 'GET', path: configurationPath(id) }, ctx),
        ),
      async create(body, ctx) {
        const call: VendorCall = {
          method: 'POST',
          path: '/company/configurations',
          body: configurationFields(body),
          fieldNames: configurationFieldNames,
        }
        return assetFromConnectWise(await sendRecord<CwConfiguration>(call, ctx))
      },
      update: async (id, body, ctx) =>
        assetFromConnectWise(
          await patch<CwConfiguration>(
            configurationPath(id),
            configurationFields(body),
            configurationFieldNames,
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

export const connectWise = vendorModule({
  schema: ConnectWiseConnectionConfig,
  problems: connectWiseConfigProblems,
  fromEnv: connectWiseConnectionFromEnv,
  bucket: connectWiseBucket,
  connect: createConnectWiseAdapter,
})
