import { idFilter } from '../filters/id-filter.js'
import type { RouteHandler } from '../http-types.js'
import { listReply, type ListShape } from '../listing.js'
import { queryBoolean, queryInteger, queryText } from '../query-params.js'
import { STATUS_TYPE, type SiteRecord } from '../records.js'
import { recordNotFound } from '../vendor-errors.js'
import {
  agentView,
  priorityView,
  siteView,
  statusView,
  teamView,
  ticketTypeView,
} from '../views/reference.js'
import { recordId } from './record-id.js'

// Reference lists answer bare arrays, in the tenant's sequence (agents by id).

const bySequence = (a: { sequence: number; id: number }, b: { sequence: number; id: number }) =>
  a.sequence - b.sequence || a.id - b.id

/**
 * `excludeclosed` and `excludepending` (GET /Status parameters in the spec, without description) leave out the
 * statuses of the closed and the pending type; other parameters of the list (`type`, `ticket_id`, `domain`…) are
 * not emulated and are ignored, as Halo ignores parameters it does not know.
 */
export const listStatuses: RouteHandler = ({ query }, { db }) => {
  const excludeClosed = queryBoolean(query, 'excludeclosed') ?? false
  const excludePending = queryBoolean(query, 'excludepending') ?? false
  const statuses = [...db.statuses.values()].filter(
    (status) =>
      !(excludeClosed && status.type === STATUS_TYPE.closed) &&
      !(excludePending && status.type === STATUS_TYPE.pending),
  )
  return { status: 200, body: statuses.sort(bySequence).map(statusView) }
}

// Single reference records (`GET /Status/{id}`, `/Agent/{id}`, `/Team/{id}`, `/TicketType/{id}` in the spec):
// the record as the list shows it, or 404.
export const getStatus: RouteHandler = ({ params }, { db }) => {
  const status = db.statuses.get(recordId(params.id))
  return status ? { status: 200, body: statusView(status) } : recordNotFound('Status', params.id ?? '')
}

export const getAgent: RouteHandler = ({ params }, { db }) => {
  const agent = db.agents.get(recordId(params.id))
  return agent ? { status: 200, body: agentView(db, agent) } : recordNotFound('Agent', params.id ?? '')
}

export const getTeam: RouteHandler = ({ params }, { db }) => {
  const team = db.teams.get(recordId(params.id))
  return team ? { status: 200, body: teamView(team) } : recordNotFound('Team', params.id ?? '')
}

export const getTicketType: RouteHandler = ({ params }, { db }) => {
  const type = db.ticketTypes.get(recordId(params.id))
  return type ? { status: 200, body: ticketTypeView(type) } : recordNotFound('TicketType', params.id ?? '')
}

/** Sites by name (our choice), paged like the other lists (`pageinate`, `page_size`, `page_no` in the spec). */
const SITE_LIST: ListShape = {
  key: 'sites',
  defaultOrder: { field: 'name', descending: false },
  pageable: true,
}
/**
 * The spec's `lastupdatefromdate`/`lastupdatetodate` on /Site are booleans that include a field in
 * the response, not date filters: bound as booleans, filtering nothing.
 */
function bindIncludeFlags(query: URLSearchParams) {
  queryBoolean(query, 'lastupdatefromdate')
  queryBoolean(query, 'lastupdatetodate')
}

/** `GET /Site`: `client_id`, `site_id` and `search` (a case-insensitive substring of the name). */
export const listSites: RouteHandler = ({ query }, { db }) => {
  bindIncludeFlags(query)
  const predicates = [
    idFilter(query, ['client_id'], (site: SiteRecord) => site.client_id),
    idFilter(query, ['site_id'], (site: SiteRecord) => site.id),
  ].filter((predicate) => predicate !== undefined)
  const search = queryText(query, 'search')?.trim().toLowerCase()
  const matches = (site: SiteRecord) =>
    predicates.every((predicate) => predicate(site)) &&
    (search === undefined || site.name.toLowerCase().includes(search))
  return listReply({ records: db.sites, matches, view: (site) => siteView(db, site) }, query, SITE_LIST)
}

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
