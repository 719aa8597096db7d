import type { RouteHandler } from '../http-types.js'
import { queryBoolean, queryInteger } from '../query-params.js'
import { agentView, priorityView, statusView, teamView, ticketTypeView } from '../views/reference.js'

// Reference lists answer bare arrays, in the tenant's sequence (agents by id).

const bySequence = (a: { sequence: number; id: number }, b: { sequence: number; id: number }) =>
  a.sequence - b.sequence || a.id - b.id

export const listStatuses: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: [...db.statuses.values()].sort(bySequence).map(statusView),
})

/** Every SLA's priorities, or one SLA's with `slaid`. */
export const listPriorities: RouteHandler = ({ query }, { db }) => {
  const slaId = queryInteger(query, 'slaid')
  const priorities = [...db.priorities.values()]
    .filter((priority) => slaId === undefined || priority.slaid === slaId)
    .sort((a, b) => a.slaid - b.slaid || a.priorityid - b.priorityid)
  return { status: 200, body: priorities.map(priorityView) }
}

export const listTicketTypes: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: [...db.ticketTypes.values()].sort(bySequence).map(ticketTypeView),
})

/** Disabled agents only with `includedisabled=true`. */
export const listAgents: RouteHandler = ({ query }, { db }) => {
  const includeDisabled = queryBoolean(query, 'includedisabled') ?? false
  const agents = [...db.agents.values()].filter((agent) => includeDisabled || !agent.isdisabled)
  return { status: 200, body: agents.sort((a, b) => a.id - b.id).map((agent) => agentView(db, agent)) }
}

export const listTeams: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: [...db.teams.values()].sort(bySequence).map(teamView),
})

/** Where to get a token, and for which tenant (none on a self-hosted instance). Needs no token itself. */
export const getAuthInfo: RouteHandler = (_request, { authUrl, tenant }) => ({
  status: 200,
  body: { auth_url: authUrl, tenant: tenant ?? null },
})
