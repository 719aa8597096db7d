import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { PriorityLevel, Ref, StatusCategory } from '../../src/canonical/common.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Board, Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { unsupportedField } from '../../src/errors.js'
import { integerId, nullableIntegerId, withoutUndefined } from '../../src/mapping/ids.js'
import { categoryFromName, isoOrEpoch, isoOrNull, matchLevel, textOrNull } from '../../src/mapping/names.js'
import type {
  HaloAction,
  HaloAgent,
  HaloAsset,
  HaloAssetField,
  HaloAssetType,
  HaloClient,
  HaloPriority,
  HaloStatus,
  HaloTeam,
  HaloTicket,
  HaloTicketType,
} from './types.js'
import { customFieldsFromHalo } from './custom-fields.js'

/** Pure translations between HaloPSA records and canonical ones. No I/O here. */

export interface HaloMapOptions {
  statusMap: Record<string, StatusCategory>
  priorityMap: Record<string, PriorityLevel>
  /** The instance's web origin, for ticket links. */
  webOrigin: string
}

export const haloId = (value: string, field: string) => integerId('halopsa', value, field)

/**
 * Halo writes its date-times without a zone (`2025-03-14T09:26:53.12`), meaning UTC; JavaScript would read
 * such a string as local time, so the zone is made explicit first.
 */
export function haloInstant(value: string | null | undefined): string | null {
  if (!value) return null
  return isoOrNull(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`)
}

/** What Halo's date filters take: its own zone-less UTC form, to the millisecond. */
export const haloDateParam = (iso: string, plusMs = 0) =>
  new Date(Date.parse(iso) + plusMs).toISOString().replace(/Z$/, '')

/**
 * The status `type` values (`TStatus.type`, an int) Halo classes as closed and as pending. The spec gives no table
 * of them, and no public client we found names them; it does give GET /Status the parameters `excludeclosed` and
 * `excludepending`, so the adapter learns the values from the tenant itself: the types of the statuses those
 * parameters leave out.
 */
export interface HaloStatusTypes {
  closed: ReadonlySet<number>
  pending: ReadonlySet<number>
}

export function statusTypesOf(
  all: readonly HaloStatus[],
  withoutClosed: readonly HaloStatus[],
  withoutPending: readonly HaloStatus[],
): HaloStatusTypes {
  const typesLeftOut = (kept: readonly HaloStatus[]) => {
    const ids = new Set(kept.map((status) => status.id))
    return new Set(
      all.flatMap((status) => (ids.has(status.id) || typeof status.type !== 'number' ? [] : [status.type])),
    )
  }
  return { closed: typesLeftOut(withoutClosed), pending: typesLeftOut(withoutPending) }
}

/** The category a status's type gives: closed (or resolved, if its name says so), pending, or else open. */
function categoryFromType(
  status: { name: string; type?: number | null },
  types: HaloStatusTypes | undefined,
): StatusCategory | undefined {
  if (types === undefined || typeof status.type !== 'number') return undefined
  const named = categoryFromName(status.name)
  if (types.closed.has(status.type)) return named === 'resolved' ? 'resolved' : 'closed'
  if (types.pending.has(status.type)) return 'pending'
  return named === 'new' ? 'new' : 'open'
}

/** A connection's `statusMap` wins; then the status's type as Halo classes it; the name is the fallback. */
export const statusCategory = (
  status: { id: number; name: string; type?: number | null },
  options: HaloMapOptions,
  types?: HaloStatusTypes,
): StatusCategory =>
  options.statusMap[status.name] ??
  options.statusMap[String(status.id)] ??
  categoryFromType(status, types) ??
  categoryFromName(status.name)

const LEVEL_BY_NUMBER: PriorityLevel[] = ['critical', 'high', 'medium', 'low']

/** A connection's map wins; then the name ("Critical"); then Halo's number, 1 being the most urgent. */
export const priorityLevel = (
  priority: { priorityid: number; name: string },
  options: HaloMapOptions,
): PriorityLevel =>
  options.priorityMap[priority.name] ??
  options.priorityMap[String(priority.priorityid)] ??
  matchLevel(priority.name) ??
  LEVEL_BY_NUMBER[Math.min(3, Math.max(0, priority.priorityid - 1))]!

export const statusFromHalo = (
  status: HaloStatus,
  options: HaloMapOptions,
  types?: HaloStatusTypes,
): Status => ({
  id: String(status.id),
  name: status.name,
  category: statusCategory(status, options, types),
  boardId: null,
})

/** Halo has one row per priority and SLA: the canonical list has one per priority id, as tickets hold it. */
export function prioritiesFromHalo(rows: HaloPriority[], options: HaloMapOptions): Priority[] {
  const byId = new Map<number, Priority>()
  for (const row of [...rows].sort((a, b) => (a.slaid ?? 0) - (b.slaid ?? 0))) {
    if (row.ishidden || byId.has(row.priorityid)) continue
    byId.set(row.priorityid, {
      id: String(row.priorityid),
      name: row.name,
      level: priorityLevel(row, options),
    })
  }
  return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id))
}

export const ticketTypeFromHalo = (type: HaloTicketType): TicketType => ({
  id: String(type.id),
  name: type.name,
  boardId: null,
})

const ref = (id: number | null | undefined, name: string | null | undefined) =>
  id ? { id: String(id), name: textOrNull(name) } : null

/**
 * A ticket's board is its team. Halo's ticket (`Faults`) holds the team's name only (`team`, no id: spec,
 * components.schemas.Faults), so the board's id comes from the team list (`GET /api/Team`), matched by name
 * case-insensitively; a name no listed team has (one deleted since) gives no board.
 */
export function boardOf(teamName: string | null | undefined, teams: readonly HaloTeam[]) {
  const name = textOrNull(teamName)?.trim().toLowerCase()
  if (!name) return null
  const team = teams.find((candidate) => candidate.name.trim().toLowerCase() === name)
  return team ? { id: String(team.id), name: team.name } : null
}

/** A team as a board: where tickets are worked. */
export const boardFromHalo = (team: HaloTeam): Board => ({
  id: String(team.id),
  name: team.name,
  active: team.inactive !== true,
})

/** The reference lists a ticket's mapping reads: the teams (for its board) and the statuses (for the category). */
export interface HaloTicketContext {
  teams: readonly HaloTeam[]
  statuses: readonly Status[]
}

export function ticketFromHalo(
  ticket: HaloTicket,
  options: HaloMapOptions,
  context: HaloTicketContext = { teams: [], statuses: [] },
): Ticket {
  const status = { id: ticket.status_id ?? 0, name: ticket.status_name ?? '' }
  const listed = context.statuses.find((candidate) => candidate.id === String(status.id))
  const priorityName = ticket.priority_name ?? ''
  return {
    id: String(ticket.id),
    number: String(ticket.id),
    subject: ticket.summary ?? '',
    description: textOrNull(ticket.details),
    status: {
      id: String(status.id),
      name: status.name,
      category: listed?.category ?? statusCategory(status, options),
    },
    priority: ticket.priority_id
      ? {
          id: String(ticket.priority_id),
          name: priorityName,
          level: priorityLevel({ priorityid: ticket.priority_id, name: priorityName }, options),
        }
      : null,
    type: ref(ticket.tickettype_id, ticket.tickettype_name),
    board: boardOf(ticket.team, context.teams),
    customer: ref(ticket.client_id, ticket.client_name),
    contact: ref(ticket.user_id, ticket.user_name),
    assignee: ref(ticket.agent_id, ticket.agent_name),
    createdAt: isoOrEpoch(haloInstant(ticket.dateoccurred) ?? haloInstant(ticket.datecreated)),
    updatedAt: isoOrEpoch(haloInstant(ticket.last_update) ?? haloInstant(ticket.lastactiondate)),
    dueAt: haloInstant(ticket.fixbydate),
    closedAt: haloInstant(ticket.dateclosed),
    url: `${options.webOrigin}/tickets?id=${ticket.id}`,
    customFields: customFieldsFromHalo(ticket.customfields),
    remote: ticket,
  }
}

/** The agent `who_agentid` names, named from GET /Agent (Halo's `Actions` carries no agent name). */
export function actionAgentOf(action: HaloAction, agents: readonly HaloAgent[]): Ref | null {
  if (!action.who_agentid) return null
  const agent = agents.find((candidate) => candidate.id === action.who_agentid)
  return { id: String(action.who_agentid), name: textOrNull(agent?.name) }
}

/** An action as a comment, its author the agent who wrote it. */
export function commentFromHalo(action: HaloAction, agents: readonly HaloAgent[] = []): Comment {
  return {
    id: String(action.id),
    ticketId: String(action.ticket_id),
    body: action.note ?? action.outcome ?? '',
    // Only an explicit hiddenfromuser=false is public: an absent flag must not leak an internal note.
    visibility: action.hiddenfromuser === false ? 'public' : 'internal',
    author: actionAgentOf(action, agents),
    createdAt: isoOrEpoch(haloInstant(action.datetime) ?? haloInstant(action.actiondatecreated)),
    remote: action,
  }
}

export function customerFromHalo(client: HaloClient): Customer {
  return {
    id: String(client.id),
    name: client.name ?? '',
    email: null,
    phone: null,
    website: textOrNull(client.website),
    address: null,
    active: client.inactive !== true,
    createdAt: isoOrEpoch(haloInstant(client.datecreated) ?? haloInstant(client.alastupdate)),
    updatedAt: isoOrEpoch(haloInstant(client.alastupdate) ?? haloInstant(client.datecreated)),
    customFields: customFieldsFromHalo(client.customfields),
    remote: client,
  }
}

/** Serial number, manufacturer and model are asset fields, named as the tenant names them. */
const ASSET_FIELDS = { serialNumber: 'Serial Number', manufacturer: 'Manufacturer', model: 'Model' } as const

function fieldValue(fields: HaloAssetField[] | null | undefined, name: string): string | null {
  const field = fields?.find((candidate) => candidate.name?.toLowerCase() === name.toLowerCase())
  return textOrNull(field?.value)
}

export function assetFromHalo(asset: HaloAsset): Asset {
  return {
    id: String(asset.id),
    name: textOrNull(asset.inventory_number) ?? textOrNull(asset.key_field) ?? '',
    customer: ref(asset.client_id, asset.client_name),
    type: ref(asset.assettype_id, asset.assettype_name),
    serialNumber: fieldValue(asset.fields, ASSET_FIELDS.serialNumber),
    manufacturer: fieldValue(asset.fields, ASSET_FIELDS.manufacturer),
    model: fieldValue(asset.fields, ASSET_FIELDS.model),
    status: textOrNull(asset.status_name) ?? (asset.inactive ? 'Inactive' : null),
    // Halo keeps no creation date on assets: the last update stands in for it.
    createdAt: isoOrEpoch(haloInstant(asset.datecreated) ?? haloInstant(asset.dlastupdate)),
    updatedAt: isoOrEpoch(haloInstant(asset.dlastupdate)),
    customFields: customFieldsFromHalo(asset.customfields),
    remote: asset,
  }
}

/** A ticket write with status and priority resolved to Halo ids. */
export interface ResolvedTicketWrite {
  statusId?: number
  priorityId?: number
  /** The board's team, by name: what `Faults.team` holds. */
  team?: string
}

export function haloTicketFields(body: TicketCreate | TicketUpdate, resolved: ResolvedTicketWrite) {
  return withoutUndefined({
    summary: body.subject,
    details: body.description,
    client_id: body.customerId === undefined ? undefined : haloId(body.customerId, 'customerId'),
    user_id: nullableIntegerId('halopsa', body.contactId, 'contactId'),
    status_id: resolved.statusId,
    priority_id: resolved.priorityId,
    tickettype_id: body.typeId === undefined ? undefined : haloId(body.typeId, 'typeId'),
    team: resolved.team,
    agent_id: nullableIntegerId('halopsa', body.assigneeId, 'assigneeId'),
    fixbydate: body.dueAt === undefined ? undefined : body.dueAt === null ? null : haloDateParam(body.dueAt),
  })
}

/** `notifications`: the connection's setting (src/connection-config.ts); Halo mails the user on `sendemail`. */
export function haloActionBody(ticketId: number, body: CommentCreate, notifications = false) {
  return {
    ticket_id: ticketId,
    note: body.body,
    hiddenfromuser: (body.visibility ?? 'internal') === 'internal',
    // Writing through the gateway mails no customer behind the caller's back unless the connection allows it.
    sendemail: notifications,
  }
}

/** Email, phone and address have no place on a Halo client: HALO_WRITE_RULES refuses them before any call. */
export function haloClientFields(body: CustomerCreate | CustomerUpdate) {
  return withoutUndefined({ name: body.name, website: body.website })
}

export type AssetFieldName = keyof typeof ASSET_FIELDS

/** The canonical asset fields a write sets that live in Halo's asset fields. */
export const assetFieldsSent = (body: AssetCreate | AssetUpdate): AssetFieldName[] =>
  (Object.keys(ASSET_FIELDS) as AssetFieldName[]).filter((canonical) => body[canonical] !== undefined)

/**
 * The ids of the asset type's fields named as the canonical ones (case-insensitively), from the type's
 * `fields[]` (`TypeInfo`: `field_id`, `field_name`; GET /AssetType/{id}). A field the type lacks is refused.
 */
export function assetFieldIds(
  type: HaloAssetType,
  wanted: readonly AssetFieldName[],
): Partial<Record<AssetFieldName, number>> {
  const ids: Partial<Record<AssetFieldName, number>> = {}
  for (const canonical of wanted) {
    const name = ASSET_FIELDS[canonical].toLowerCase()
    const field = type.fields?.find((candidate) => candidate.field_name?.trim().toLowerCase() === name)
    if (typeof field?.field_id !== 'number') {
      throw unsupportedField(
        'halopsa',
        canonical,
        `the asset type '${type.name ?? type.id}' has no '${ASSET_FIELDS[canonical]}' field`,
      )
    }
    ids[canonical] = field.field_id
  }
  return ids
}

/**
 * Halo writes an asset's fields as `FieldHelper`s, which carry the field's `id` (a non-nullable int32 in the spec;
 * `name` alone names nothing): `fieldIds` gives them, from the asset type.
 */
export function haloAssetFields(
  body: AssetCreate | AssetUpdate,
  fieldIds: Partial<Record<AssetFieldName, number>> = {},
) {
  const fields = assetFieldsSent(body).map((canonical) => ({
    id: fieldIds[canonical],
    name: ASSET_FIELDS[canonical],
    value: body[canonical],
  }))
  return withoutUndefined({
    inventory_number: body.name,
    client_id: body.customerId === undefined ? undefined : haloId(body.customerId, 'customerId'),
    assettype_id: body.typeId === undefined ? undefined : haloId(body.typeId, 'typeId'),
    fields: fields.length ? fields : undefined,
  })
}

/** Halo field names (as its validation errors give them) -> canonical field names, per resource. */
export const ticketFieldNames: Record<string, string> = {
  summary: 'subject',
  details: 'description',
  client_id: 'customerId',
  user_id: 'contactId',
  status_id: 'statusId',
  priority_id: 'priorityId',
  tickettype_id: 'typeId',
  team: 'boardId',
  agent_id: 'assigneeId',
  fixbydate: 'dueAt',
  customfields: 'customFields',
}

export const actionFieldNames: Record<string, string> = { note: 'body', ticket_id: 'ticketId' }

export const clientFieldNames: Record<string, string> = {
  name: 'name',
  website: 'website',
  customfields: 'customFields',
}

export const assetFieldNames: Record<string, string> = {
  inventory_number: 'name',
  client_id: 'customerId',
  assettype_id: 'typeId',
  customfields: 'customFields',
}
