import type { HaloDatabase } from '../database.js'
import { CUSTOM_FIELD_USAGE, type TicketRecord, type Timestamp } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import { targetOf, type ItemPlanner } from './array-write.js'
import { readCustomFields } from './custom-fields.js'
import { textAndHtml } from '../html-text.js'
import type { ItemReader } from './item-reader.js'
import { checkReference, isBlank, optionalLink } from './references.js'
import { ticketStatusChanges } from './ticket-status.js'

/** The ticket type a ticket gets when none is sent. */
const DEFAULT_TICKET_TYPE_ID = 1
const HOUR_MS = 3_600_000

type TicketPatch = Partial<Omit<TicketRecord, 'id' | 'customfields'>>

/**
 * `POST /Tickets` items. A create needs `summary` and an existing `client_id`; it defaults the site to the
 * client's main site, the SLA to the site's (else the ticket type's), the priority and status to the ticket
 * type's, `dateoccurred` to now and `fixbydate` to `dateoccurred` plus the priority's fix time. Every id sent is
 * checked; `priority_id` must exist within the ticket's SLA; site and user must belong to the ticket's client.
 * An update that moves the ticket to another client without a site moves it to that client's main site.
 */
export function ticketPlanner(db: HaloDatabase, now: Timestamp): ItemPlanner<TicketRecord> {
  return (reader) => {
    const errors: FieldError[] = []
    const { patch, customFields } = readTicketPatch(db, reader, errors)
    const target = targetOf(reader, db.tickets, 'Ticket')
    if (target.error) return { ok: false, errors: [target.error] }
    const existing = target.record

    if (existing) followClientMove(db, existing, patch)
    else addCreateDefaults(db, patch, now)
    if ((!existing || patch.summary !== undefined) && isBlank(patch.summary))
      errors.push({ field: 'summary', message: 'Summary is required' })
    if (!existing && !reader.has('client_id'))
      errors.push({ field: 'client_id', message: 'Client ID is required' })
    checkTicketReferences(db, patch, existing, errors)
    if (errors.length > 0) return { ok: false, errors }

    return {
      ok: true,
      apply: () => {
        const { status_id: statusId, ...rest } = patch
        if (!existing) {
          const ticket = db.insertTicket({ ...newTicket(patch, now), ...rest, last_update: now })
          if (customFields) ticket.customfields = customFields(ticket.customfields)
          if (statusId !== undefined) Object.assign(ticket, ticketStatusChanges(db, ticket, statusId, now))
          return ticket
        }
        const movesStatus = statusId !== undefined && statusId !== existing.status_id
        return db.updateTicket(existing, {
          ...rest,
          last_update: now,
          ...(customFields ? { customfields: customFields(existing.customfields) } : {}),
          ...(movesStatus ? ticketStatusChanges(db, existing, statusId, now) : {}),
        })
      },
    }
  }
}

function readTicketPatch(db: HaloDatabase, reader: ItemReader, errors: FieldError[]) {
  const patch: TicketPatch = {}
  const set = <K extends keyof TicketPatch>(key: K, value: TicketPatch[K] | undefined) => {
    if (value !== undefined) patch[key] = value
  }
  const summary = reader.text('summary')
  if (summary !== undefined) patch.summary = summary ?? ''
  const { text, html } = textAndHtml(reader.text('details'), reader.text('details_html'))
  set('details', text)
  set('details_html', html)

  const clientId = reader.integer('client_id')
  if (clientId === null) errors.push({ field: 'client_id', message: 'Client ID is required' })
  set('client_id', clientId ?? undefined)
  set('site_id', optionalLink(reader.integer('site_id')))
  set('user_id', optionalLink(reader.integer('user_id')))
  set('agent_id', optionalLink(reader.integer('agent_id')))
  // `team` is the team's name (Faults.team, a string); a `team_id` is no Faults field and is ignored.
  const team = reader.text('team')
  if (team !== undefined) patch.team = isBlank(team) ? null : team!.trim()
  // The ticket always has these; null means "leave as is".
  set('status_id', reader.integer('status_id') ?? undefined)
  set('priority_id', reader.integer('priority_id') ?? undefined)
  set('tickettype_id', reader.integer('tickettype_id') ?? undefined)
  set('sla_id', reader.integer('sla_id') ?? undefined)
  set('dateoccurred', reader.date('dateoccurred') ?? undefined)
  set('fixbydate', reader.date('fixbydate'))
  set('impact', reader.integer('impact'))
  set('urgency', reader.integer('urgency'))
  for (const category of ['category_1', 'category_2', 'category_3', 'category_4'] as const)
    set(category, reader.text(category))

  const assets = reader.objects('assets')
  if (assets !== undefined) {
    const ids = (assets ?? []).map((asset) => asset.id)
    if (!ids.every((id): id is number => typeof id === 'number' && Number.isInteger(id)))
      errors.push({ field: 'assets', message: 'Every asset needs an integer id' })
    else patch.asset_ids = [...new Set(ids)]
  }
  const tags = reader.objects('tags')
  if (tags !== undefined) {
    patch.tags = (tags ?? []).flatMap((tag) =>
      typeof tag.text === 'string' && tag.text.trim() !== '' ? [tag.text] : [],
    )
  }
  return { patch, customFields: readCustomFields(db, CUSTOM_FIELD_USAGE.ticket, reader, errors) }
}

function addCreateDefaults(db: HaloDatabase, patch: TicketPatch, now: Timestamp): void {
  const client = patch.client_id === undefined ? undefined : db.clients.get(patch.client_id)
  const type = db.ticketTypes.get(patch.tickettype_id ?? DEFAULT_TICKET_TYPE_ID)
  patch.tickettype_id ??= DEFAULT_TICKET_TYPE_ID
  if (patch.site_id === undefined) patch.site_id = client?.main_site_id ?? null
  const site = patch.site_id === null ? undefined : db.sites.get(patch.site_id)
  patch.sla_id ??= site?.sla_id ?? type?.default_sla ?? 1
  patch.priority_id ??= type?.default_priority ?? 3
  patch.status_id ??= type?.initial_status ?? 1
  patch.dateoccurred ??= now
  if (patch.fixbydate === undefined) {
    const priority = db.priorityOf(patch.sla_id, patch.priority_id)
    patch.fixbydate = priority
      ? new Date(Date.parse(patch.dateoccurred) + priority.fixtime * HOUR_MS).toISOString()
      : null
  }
}

function followClientMove(db: HaloDatabase, ticket: TicketRecord, patch: TicketPatch): void {
  const client = patch.client_id === undefined ? undefined : db.clients.get(patch.client_id)
  if (!client || client.id === ticket.client_id) return
  if (patch.site_id === undefined) patch.site_id = client.main_site_id
  const user = ticket.user_id === null ? undefined : db.users.get(ticket.user_id)
  if (patch.user_id === undefined && user && db.clientIdOfUser(user) !== client.id) patch.user_id = null
}

function checkTicketReferences(
  db: HaloDatabase,
  patch: TicketPatch,
  existing: TicketRecord | undefined,
  errors: FieldError[],
): void {
  checkReference(errors, 'client_id', 'Client', patch.client_id, (id) => db.clients.has(id))
  checkReference(errors, 'site_id', 'Site', patch.site_id, (id) => db.sites.has(id))
  checkReference(errors, 'user_id', 'User', patch.user_id, (id) => db.users.has(id))
  checkReference(errors, 'agent_id', 'Agent', patch.agent_id, (id) => db.agents.has(id))
  if (patch.team) {
    // Our choice, as for every id sent: a team name that names no team is refused (case-insensitively matched,
    // stored as the team spells it).
    const name = patch.team.toLowerCase()
    const team = [...db.teams.values()].find((candidate) => candidate.name.toLowerCase() === name)
    if (team) patch.team = team.name
    else errors.push({ field: 'team', message: `Team '${patch.team}' does not exist` })
  }
  checkReference(errors, 'status_id', 'Status', patch.status_id, (id) => db.statuses.has(id))
  checkReference(errors, 'tickettype_id', 'Ticket Type', patch.tickettype_id, (id) => db.ticketTypes.has(id))
  checkReference(errors, 'sla_id', 'SLA', patch.sla_id, (id) => db.slas.has(id))
  for (const id of patch.asset_ids ?? [])
    checkReference(errors, 'assets', 'Asset', id, (assetId) => db.assets.has(assetId))
  if (errors.length > 0) return

  const ticket = { ...existing, ...patch } as TicketRecord
  const site = ticket.site_id === null ? undefined : db.sites.get(ticket.site_id)
  if (site && site.client_id !== ticket.client_id && (patch.site_id !== undefined || !existing)) {
    errors.push({
      field: 'site_id',
      message: `Site ID ${site.id} does not belong to client ${ticket.client_id}`,
    })
  }
  const user = ticket.user_id === null ? undefined : db.users.get(ticket.user_id)
  if (user && db.clientIdOfUser(user) !== ticket.client_id && patch.user_id !== undefined) {
    errors.push({
      field: 'user_id',
      message: `User ID ${user.id} does not belong to client ${ticket.client_id}`,
    })
  }
  if (
    (patch.priority_id !== undefined || patch.sla_id !== undefined) &&
    !db.priorityOf(ticket.sla_id, ticket.priority_id)
  ) {
    errors.push({
      field: patch.priority_id !== undefined ? 'priority_id' : 'sla_id',
      message: `Priority ID ${ticket.priority_id} does not exist for SLA ID ${ticket.sla_id}`,
    })
  }
}

/** The stored fields a created ticket starts with before the item's own are applied. */
function newTicket(patch: TicketPatch, now: Timestamp): Omit<TicketRecord, 'id'> {
  return {
    summary: '',
    details: null,
    details_html: null,
    client_id: patch.client_id as number,
    site_id: null,
    user_id: null,
    agent_id: null,
    team: null,
    status_id: patch.status_id as number,
    priority_id: patch.priority_id as number,
    tickettype_id: patch.tickettype_id as number,
    sla_id: patch.sla_id as number,
    dateoccurred: now,
    datecreated: now,
    lastactiondate: null,
    last_update: now,
    fixbydate: null,
    dateclosed: null,
    hasbeenclosed: false,
    impact: null,
    urgency: null,
    category_1: null,
    category_2: null,
    category_3: null,
    category_4: null,
    customfields: [],
    asset_ids: [],
    tags: [],
  }
}
