import type { Agent } from '../../src/canonical/agent.js'
import type { TimeEntry } from '../../src/canonical/time-entry.js'
import { GatewayError } from '../../src/errors.js'
import { integerPathId } from '../../src/mapping/ids.js'
import { timeSpanOf } from '../../src/mapping/time-span.js'
import type { TimeEntryDeclaration } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { ConnectWiseApi, ConnectWiseQuery } from './api.js'
import { CONNECTWISE_FILTERS, timeEntryConditions } from './query.js'
import { ticketPath } from './tickets.js'
import { timeEntryBody, timeEntryFieldNames, timeEntryFromConnectWise } from './time-entries-map.js'
import type { CwTimeEntry } from './types.js'

const TIME_ENTRIES_PATH = '/time/entries'

export interface ConnectWiseTimeEntryContext {
  api: ConnectWiseApi
  /** The agents (members), through the reference cache: an entry's agent is named as `/agents` names it. */
  agents: (ctx: CallContext) => Promise<Agent[]>
}

/** Whether ConnectWise refused a write's `chargeToId`: a ticket it does not have, or one whose status takes no time. */
const ticketRefused = (error: unknown) =>
  error instanceof GatewayError &&
  error.code === 'validation_failed' &&
  error.extras.errors?.some((fieldError) => fieldError.field === 'ticketId') === true

/**
 * ConnectWise's time entries charged to service tickets: one list, `/time/entries`, for a ticket's
 * (`chargeToId = <ticket>`) and every ticket's, with the same filters.
 *
 * ConnectWise's web app shows a ticket's time entries in its timeline (with their notes), but
 * `/service/tickets/{id}/notes` does not list them, so the ticket's comments here do not either.
 */
export function connectWiseTimeEntries({
  api,
  agents,
}: ConnectWiseTimeEntryContext): TimeEntryDeclaration<ConnectWiseQuery, CwTimeEntry> {
  const agentsById = async (ctx: CallContext) =>
    new Map((await agents(ctx)).map((agent) => [agent.id, agent]))
  const toCanonical = async (entries: CwTimeEntry[], ctx: CallContext): Promise<TimeEntry[]> => {
    const known = await agentsById(ctx)
    return entries.map((entry) => timeEntryFromConnectWise(entry, known))
  }

  return {
    path: TIME_ENTRIES_PATH,
    filters: CONNECTWISE_FILTERS['time-entries'],
    query: (filters, _ctx, ticketId) => ({
      conditions: timeEntryConditions(
        filters,
        ticketId === '' ? undefined : integerPathId('connectwise', ticketId),
      ),
    }),
    toCanonical,
    fieldNames: timeEntryFieldNames,
    custom: {
      async create(ticketId, body, ctx) {
        const vendorBody = timeEntryBody(integerPathId('connectwise', ticketId), body, timeSpanOf(body))
        // Read before the write: nothing that can fail may come between a create and its answer.
        const known = await agentsById(ctx)
        try {
          const entry = await api.create<CwTimeEntry>(
            { path: TIME_ENTRIES_PATH },
            vendorBody,
            { fieldNames: timeEntryFieldNames },
            ctx,
          )
          return timeEntryFromConnectWise(entry, known)
        } catch (error) {
          // ConnectWise refuses time on a ticket it does not have as a 400 on chargeToId, as it refuses a ticket
          // whose status allows no time: reading the ticket tells which (its 404 is the answer for a missing one).
          if (ticketRefused(error)) await api.read({ path: ticketPath(ticketId) }, ctx)
          throw error
        }
      },
    },
  }
}
