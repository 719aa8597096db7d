import type { HaloDatabase } from '../database.js'
import { invalidValue, queryBoolean, queryDate, queryIntegerList, queryText } from '../query-params.js'
import type { TicketRecord } from '../records.js'
import { idFilter, withinDates } from './id-filter.js'
import { refuseUnemulatedFilters, UNEMULATED_TICKET_FILTERS } from './unemulated.js'

type TicketPredicate = (ticket: TicketRecord) => boolean

// `datesearch` values: the spec's own spellings (`dateoccured`, `datecleared`) and the field names.
const DATE_SEARCH_FIELDS: Record<string, keyof TicketRecord> = {
  dateoccured: 'dateoccurred',
  dateoccurred: 'dateoccurred',
  datecreated: 'datecreated',
  lastactiondate: 'lastactiondate',
  datecleared: 'dateclosed',
  dateclosed: 'dateclosed',
}

/**
 * The `GET /Tickets` filters. Date ranges include their start and exclude their end; `startdate`/`enddate`
 * without `datesearch` search `dateoccurred`; an unknown `datesearch` or an unparsable date answers 400.
 * Parameters the spec does not document are ignored, as the vendor ignores them; a filter the spec documents and the
 * emulator does not apply is refused (see unemulated.ts). Undefined when nothing filters: every ticket matches.
 */
export function ticketFilter(db: HaloDatabase, query: URLSearchParams): TicketPredicate | undefined {
  refuseUnemulatedFilters(query, UNEMULATED_TICKET_FILTERS)
  const predicates: TicketPredicate[] = []
  const add = (predicate: TicketPredicate | undefined) => {
    if (predicate) predicates.push(predicate)
  }

  add(idFilter(query, ['client_id', 'client_ids'], (ticket: TicketRecord) => ticket.client_id))
  add(idFilter(query, ['site_id'], (ticket: TicketRecord) => ticket.site_id))
  add(idFilter(query, ['user_id'], (ticket: TicketRecord) => ticket.user_id))
  add(idFilter(query, ['agent_id', 'agent'], (ticket: TicketRecord) => ticket.agent_id))
  // `team` is an array of team ids (spec: "Returns tickets based on Team ID's in the array"); a ticket holds
  // its team's name, so the ids are matched through the team list.
  const teamIds = teamIdsByName(db)
  add(
    idFilter(query, ['team'], (ticket: TicketRecord) =>
      ticket.team === null ? null : (teamIds.get(ticket.team) ?? null),
    ),
  )
  add(idFilter(query, ['status_id', 'status'], (ticket: TicketRecord) => ticket.status_id))
  add(idFilter(query, ['requesttype_id', 'requesttype'], (ticket: TicketRecord) => ticket.tickettype_id))
  add(idFilter(query, ['ticketids'], (ticket: TicketRecord) => ticket.id))
  // `priority`: "(array of int) Returns tickets based on priority ID's in the array" (the ticket's priority_id);
  // `sla`: SLA ids; `asset_id`: tickets linked to the asset; `excludethese`: ticket ids left out.
  add(idFilter(query, ['priority'], (ticket: TicketRecord) => ticket.priority_id))
  add(idFilter(query, ['sla'], (ticket: TicketRecord) => ticket.sla_id))
  const assetId = queryIntegerList(query, 'asset_id')
  if (assetId) add((ticket) => ticket.asset_ids.some((id) => assetId.includes(id)))
  const excluded = queryIntegerList(query, 'excludethese')
  if (excluded) add((ticket) => !excluded.includes(ticket.id))

  const isClosed = (ticket: TicketRecord) => db.isClosedStatus(ticket.status_id)
  if (queryBoolean(query, 'open_only')) add((ticket) => !isClosed(ticket))
  if (queryBoolean(query, 'closed_only')) add(isClosed)

  const search = queryText(query, 'search')?.trim().toLowerCase()
  if (search !== undefined) {
    add(
      (ticket) =>
        String(ticket.id) === search ||
        ticket.summary.toLowerCase().includes(search) ||
        (ticket.details ?? '').toLowerCase().includes(search),
    )
  }

  const updatedFrom = queryDate(query, 'lastupdatefromdate')
  const updatedTo = queryDate(query, 'lastupdatetodate')
  if (updatedFrom !== undefined || updatedTo !== undefined)
    add((ticket) => withinDates(ticket.last_update, updatedFrom, updatedTo))

  const start = queryDate(query, 'startdate')
  const end = queryDate(query, 'enddate')
  const dateSearch = queryText(query, 'datesearch')?.trim()
  const field = DATE_SEARCH_FIELDS[dateSearch?.toLowerCase() ?? 'dateoccurred']
  if (field === undefined) throw invalidValue('datesearch', dateSearch ?? '')
  if (start !== undefined || end !== undefined)
    add((ticket) => withinDates(ticket[field] as string | null, start, end))

  return predicates.length === 0 ? undefined : (ticket) => predicates.every((predicate) => predicate(ticket))
}

/** Each team name's id (the first team of that name), looked up once per list rather than once per ticket. */
function teamIdsByName(db: HaloDatabase): Map<string, number> {
  const ids = new Map<string, number>()
  for (const team of db.teams.values()) if (!ids.has(team.name)) ids.set(team.name, team.id)
  return ids
}
