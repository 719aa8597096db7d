import type { Agent } from '../../src/canonical/agent.js'
import { noMatch } from '../../src/mapping/reference-match.js'
import { validationFailed } from '../../src/errors.js'
import { timeSpanOf } from '../../src/mapping/time-span.js'
import type { TimeEntryDeclaration } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import { AUTOTASK_FILTERS, timeEntryConditions } from './filters.js'
import { autotaskPathId, ticketNamed } from './map.js'
import { listQuery, type AutotaskListQuery } from './query.js'
import { agentNamesOf } from '../../src/mapping/agents.js'
import {
  autotaskTimeEntryBody,
  timeEntryFieldNames,
  timeEntryFromAutotask,
  type ResolvedTimeEntryWrite,
} from './time-entries-map.js'
import type { AutotaskResource, AutotaskTimeEntry } from './types.js'

export interface AutotaskTimeEntryContext {
  /** Every resource, through the reference cache. */
  agents: (ctx: CallContext) => Promise<Agent[]>
  /** The connection's default resource: the agent of an entry that names none (the API user cannot hold time). */
  defaultResource: (ctx: CallContext) => Promise<Agent | undefined>
}

/**
 * Who an entry is of, and the role it is worked in: the agent named, else the connection's default resource (an
 * API-only user "cannot be a ResourceID": HELP General/Define_API_User.htm); its default Service Desk role (an
 * entry's roleID is required, and sets what it bills: Autotask's TimeEntries page).
 */
async function whoWorked(
  agentId: string | undefined,
  { agents, defaultResource }: AutotaskTimeEntryContext,
  ctx: CallContext,
): Promise<ResolvedTimeEntryWrite> {
  const agent =
    agentId === undefined ? await defaultResource(ctx) : (await agents(ctx)).find((one) => one.id === agentId)
  if (agent === undefined) {
    if (agentId !== undefined) throw noMatch('autotask', 'agentId', agentId, 'agents')
    throw validationFailed(
      "this connection's defaultResourceId is unset or names no resource, and Autotask's API-only user cannot hold time: name the agent",
      [{ field: 'agentId', message: 'required at this connection' }],
    )
  }
  const role = (agent.remote as AutotaskResource | undefined)?.defaultServiceDeskRoleID
  return { resourceID: Number(agent.id), roleID: role ?? undefined }
}

/**
 * Autotask's TimeEntries of tickets: one entity for a ticket's (`ticketID eq`) and every ticket's (`ticketID
 * exist`), created at `/TimeEntries` (it has no parent) with the ticket's id in the body.
 */
const AUTOTASK_MINUTES_LIMIT = 24 * 60

export function autotaskTimeEntries(
  context: AutotaskTimeEntryContext,
): TimeEntryDeclaration<AutotaskListQuery, AutotaskTimeEntry> {
  return {
    path: '/TimeEntries',
    createPath: () => '/TimeEntries',
    filters: AUTOTASK_FILTERS['time-entries'],
    query: (filters, _ctx, ticketId) =>
      listQuery(timeEntryConditions(filters, ticketId === '' ? undefined : autotaskPathId(ticketId))),
    toCanonical: async (entries, ctx) => {
      const names = agentNamesOf(await context.agents(ctx))
      return entries.map((entry) => timeEntryFromAutotask(entry, names))
    },
    createBody: async (body, ctx, ticketId) => {
      const span = timeSpanOf(body)
      // "You cannot create time entries that are equal to or greater than 24 hours" (Autotask's TimeEntries page).
      if (span.minutes >= AUTOTASK_MINUTES_LIMIT)
        throw validationFailed('autotask takes less than 24 hours in one time entry', [
          { field: 'minutes', message: `must be under ${AUTOTASK_MINUTES_LIMIT}` },
        ])
      return autotaskTimeEntryBody(
        autotaskPathId(ticketId),
        body,
        span,
        await whoWorked(body.agentId, context, ctx),
      )
    },
    fieldNames: timeEntryFieldNames,
    missingParent: ticketNamed,
  }
}
