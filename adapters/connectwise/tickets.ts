import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { validationFailed } from '../../src/errors.js'
import { integerPathId, withoutUndefined } from '../../src/mapping/ids.js'
import { checkLengths } from '../../src/mapping/limits.js'
import type { ResourceDeclaration } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { ConnectWiseApi, ConnectWiseQuery } from './api.js'
import {
  noteIsPublic,
  statusCategory,
  ticketFieldNames,
  ticketFields,
  ticketFromConnectWise,
  type ConnectWiseMapOptions,
} from './map.js'
import { customFieldsOf } from './custom-fields.js'
import {
  definitionsFor,
  CONNECTWISE_FILTERS,
  cwId,
  listQuery,
  ticketConditions,
  type CustomFieldDefinitions,
} from './query.js'
import type { ConnectWiseReference } from './reference.js'
import type { CwNote, CwTicket } from './types.js'

/** vendors.md: a ticket summary takes at most 100 characters. */
const SUMMARY_MAX_LENGTH = 100

const TICKETS_PATH = '/service/tickets'
export const ticketPath = (id: string) => `${TICKETS_PATH}/${integerPathId('connectwise', id)}`

/** A status category resolves on a board: without one named or configured, the caller must say which. */
const noBoard = (): never => {
  throw validationFailed(
    'connectwise statuses belong to boards: name the board to resolve a status category',
    [{ field: 'boardId', message: "required with status (or set the connection's defaultBoardId)" }],
  )
}

const boardOf = (body: TicketCreate | TicketUpdate) =>
  body.boardId === undefined ? undefined : cwId(body.boardId, 'boardId')

export interface ConnectWiseTicketContext {
  api: ConnectWiseApi
  reference: ConnectWiseReference
  mapOptions: ConnectWiseMapOptions
  /** Write options sent on every ticket write (processNotifications). */
  notifying: Record<string, unknown>
  /** The board new tickets go to when a create names none (and the board a status category resolves on). */
  defaultBoardId?: string
  definitions: CustomFieldDefinitions
}

/**
 * ConnectWise's tickets. Their reads, creates and updates take more than a declaration says: the description is
 * the ticket's first note, a status category resolves on a board, an update may read the ticket first.
 */
export function connectWiseTickets({
  api,
  reference,
  mapOptions,
  notifying,
  defaultBoardId,
  definitions,
}: ConnectWiseTicketContext): ResourceDeclaration<
  ConnectWiseQuery,
  CwTicket,
  Ticket,
  TicketCreate,
  TicketUpdate
> {
  const defaultBoard = defaultBoardId === undefined ? undefined : Number(defaultBoardId)

  /** The description is the ticket's first discussion note (ConnectWise stores `initialDescription` there). */
  async function withDescription(ticket: CwTicket, ctx: CallContext): Promise<Ticket> {
    const [lookups, first] = await Promise.all([
      reference.ticketLookups(ctx),
      api.first<CwNote>(`${TICKETS_PATH}/${ticket.id}/notes`, 'detailDescriptionFlag = true', ctx, 'notes'),
    ])
    // A first discussion note that is also flagged internal is no description anyone may see.
    const description = first && noteIsPublic(first) ? (first.text ?? null) : null
    return ticketFromConnectWise(ticket, lookups, mapOptions, description)
  }

  return {
    path: TICKETS_PATH,
    itemPath: ticketPath,
    filters: CONNECTWISE_FILTERS.tickets,
    async query(filters, ctx) {
      const [statusIds, priorityIds] = await Promise.all([
        reference.statusIdsFor(filters, ctx),
        reference.priorityIdsFor(filters, ctx),
      ])
      // A filter that no status or priority satisfies matches nothing: no vendor call is needed.
      if (statusIds?.length === 0 || priorityIds?.length === 0) return null
      const conditions = ticketConditions(filters, { statusIds, priorityIds })
      return listQuery(conditions, filters, { resource: 'tickets', definitions }, ctx)
    },
    async toCanonical(tickets, ctx) {
      const lookups = await reference.ticketLookups(ctx)
      return tickets.map((ticket) => ticketFromConnectWise(ticket, lookups, mapOptions))
    },
    fieldNames: ticketFieldNames,
    custom: {
      async get(id, ctx) {
        // The ticket, then its description note: two calls, their turns taken together.
        ctx.admission?.expect(2)
        return withDescription(await api.read<CwTicket>({ path: ticketPath(id) }, ctx), ctx)
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
        const ticket = await api.create<CwTicket>(
          { path: TICKETS_PATH },
          withoutUndefined({
            ...ticketFields(body, { boardId: board, statusId, priorityId }),
            initialDescription: body.description,
            customFields: customFieldsOf(
              [],
              body.customFields,
              await definitionsFor(definitions, 'tickets', body.customFields, ctx),
            ),
            ...notifying,
          }),
          { fieldNames: ticketFieldNames },
          ctx,
        )
        // ConnectWise stores initialDescription as the first discussion note, as sent: no need to read it back.
        return ticketFromConnectWise(ticket, lookups, mapOptions, body.description || null)
      },

      async update(id, body, ctx) {
        checkLengths('connectwise', { subject: [body.subject, SUMMARY_MAX_LENGTH] })
        const path = ticketPath(id)
        const board = boardOf(body)
        const resolvesCategory =
          body.statusId === undefined && (body.status !== undefined || board !== undefined)
        // Read first when a category resolves on the ticket's own board, or custom fields are written (ConnectWise
        // takes their whole set: see customFieldsToConnectWise).
        const current =
          body.customFields !== undefined ||
          (resolvesCategory && (board === undefined || body.status === undefined))
            ? await api.read<CwTicket>({ path }, ctx)
            : undefined
        let statusId: number | undefined
        if (body.statusId !== undefined) {
          // ConnectWise itself refuses a status of another board than the ticket's (a 422 on statusId).
          statusId = cwId(body.statusId, 'statusId')
        } else if (resolvesCategory) {
          // A category resolves on the ticket's board; a move to another board keeps its category there.
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
        const fields = withoutUndefined({
          ...ticketFields(body, { boardId: board, statusId, priorityId }),
          customFields: customFieldsOf(
            current?.customFields ?? [],
            body.customFields,
            await definitionsFor(definitions, 'tickets', body.customFields, ctx),
          ),
        })
        const target = { path: TICKETS_PATH, itemPath: path, id }
        const write = { fieldNames: ticketFieldNames, options: notifying }
        return withDescription(await api.update<CwTicket>(target, fields, write, ctx), ctx)
      },
    },
  }
}
