import { agentNamesOf } from '../../src/mapping/agents.js'
import { Type } from '@sinclair/typebox'
import type { Agent } from '../../src/canonical/agent.js'
import { validationFailed } from '../../src/errors.js'
import { timeSpanOf } from '../../src/mapping/time-span.js'
import { readPosition } from '../../src/paging/cursor.js'
import type { TimeEntryDeclaration, VendorApi } from '../kit/resource.js'
import type { CallContext, WriteRules } from '../types.js'
import type { SyncroListQuery } from './api.js'
import { SYNCRO_FILTERS, timerQuery } from './query.js'
import { ticketPath } from './resources.js'
import {
  syncroTimerEntryBody,
  ticketTimersMatching,
  timeEntryFromSyncro,
  timerEntryFieldNames,
} from './time-entries-map.js'
import type { SyncroTicket, SyncroTicketTimer } from './types.js'

export interface SyncroTimeEntryContext {
  api: VendorApi<SyncroListQuery>
  /** The users, through the reference cache. */
  agents: (ctx: CallContext) => Promise<Agent[]>
}

export const SYNCRO_TIME_ENTRY_WRITE_RULES: WriteRules = {
  // The spec's POST /tickets/{id}/timer_entry has no billable field, and its answer says false. PATCH
  // /ticket_timers/{id}?billable= sets it, but as a second call a create could half succeed.
  unwritable: { billable: "Syncro's timer entry create takes no billable flag" },
}

const Offset = Type.Integer({ minimum: 0 })

/**
 * Syncro's ticket timer entries. Every ticket's: `GET /ticket_timers`, 25 a page, filtered by creation only. A
 * ticket's: Syncro has no list of one ticket's entries (`GET /ticket_timers` takes no ticket), so they are read
 * whole with the ticket (`ticket_timers` of `GET /tickets/{id}`) and paged by offset; an entry deleted between two
 * pages of a walk moves the later ones up by one.
 */
export function syncroTimeEntries({
  api,
  agents,
}: SyncroTimeEntryContext): TimeEntryDeclaration<SyncroListQuery, SyncroTicketTimer> {
  const toCanonical = async (timers: SyncroTicketTimer[], ctx: CallContext) => {
    const names = agentNamesOf(await agents(ctx))
    return timers.map((timer) => timeEntryFromSyncro(timer, names))
  }

  return {
    path: '/ticket_timers',
    createPath: (ticketId) => `${ticketPath(ticketId)}/timer_entry`,
    // The list's key; the create answers the entry bare (the spec's example).
    envelope: { many: 'ticket_timers' },
    filters: SYNCRO_FILTERS['time-entries'],
    query: (filters) => ({ queries: [timerQuery(filters)] }),
    toCanonical,
    createBody: async (body, ctx) => {
      // Syncro answers an unknown user as it answers an unknown ticket (404): the cached users tell them apart.
      if (body.agentId !== undefined && !agentNamesOf(await agents(ctx)).has(body.agentId)) {
        throw validationFailed(`syncro has no user ${body.agentId}`, [
          { field: 'agentId', message: 'no such agent' },
        ])
      }
      return syncroTimerEntryBody(body, timeSpanOf(body))
    },
    fieldNames: timerEntryFieldNames,
    custom: {
      async list(ticketId, request, ctx) {
        const ticket = await api.read<SyncroTicket>({ path: ticketPath(ticketId), key: 'ticket' }, ctx)
        const timers = ticketTimersMatching(ticket.ticket_timers ?? [], request.filters)
        const offset = request.position === null ? 0 : readPosition(Offset, request.position)
        const end = offset + request.pageSize
        return {
          data: await toCanonical(timers.slice(offset, end), ctx),
          nextPosition: end < timers.length ? end : null,
        }
      },
    },
  }
}
