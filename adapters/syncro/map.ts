import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { PriorityLevel, StatusCategory } from '../../src/canonical/common.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { integerId, integerPathId, nullableIntegerId, withoutUndefined } from '../../src/mapping/ids.js'
import {
  categoryFromName,
  idOrNull,
  isoOrEpoch,
  isoOrNull,
  matchLevel,
  textOrNull,
} from '../../src/mapping/names.js'
import { customFieldsOf, propertiesWith, type SyncroCustomField } from './custom-fields.js'
import type { SyncroAsset, SyncroComment, SyncroCustomer, SyncroTicket } from './types.js'

/** Pure translations between Syncro records and canonical ones. No I/O here. */

export interface SyncroMapOptions {
  statusMap: Record<string, StatusCategory>
  priorityMap: Record<string, PriorityLevel>
  /** Origin of the Syncro web app, for ticket links. */
  webOrigin: string
}

/** Syncro statuses and priorities are bare text: their id is a slug of it ("Waiting on Customer" -> "waiting-on-customer"). */
export function textId(text: string): string {
  const slug = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug || encodeURIComponent(text)
}

/** Syncro's own statuses (vendors.md, mapping notes); other names fall back to the generic name rules. */
const SYNCRO_STATUS_CATEGORIES: Record<string, StatusCategory> = {
  New: 'new',
  'In Progress': 'open',
  Resolved: 'resolved',
  Invoiced: 'closed',
  Scheduled: 'pending',
  'Customer Reply': 'pending',
}

export const statusCategory = (name: string, options: SyncroMapOptions): StatusCategory =>
  options.statusMap[name] ??
  SYNCRO_STATUS_CATEGORIES[name] ??
  (/^Waiting\b/i.test(name) ? 'pending' : categoryFromName(name))

/**
 * Syncro's priorities are the account's own texts (`GET /settings` -> `ticket.priorities`), in Syncro's form a
 * leading number and a name, 0 the most urgent: "0 Urgent", "1 High", "2 Normal", "3 Low" (the spec's /settings
 * example). Words first, as on every vendor ("1 Critical" is critical), then the leading number on Syncro's own
 * scale (0 the most urgent: "1 Whatever" is high), else medium.
 */
const SYNCRO_LEVELS: PriorityLevel[] = ['critical', 'high', 'medium', 'low']

export function priorityLevel(name: string, options: SyncroMapOptions): PriorityLevel {
  const [, digits, words = name] = /^\s*(\d+)\b\s*(.*)$/s.exec(name) ?? []
  return (
    options.priorityMap[name] ??
    matchLevel(words) ??
    (digits === undefined ? 'medium' : SYNCRO_LEVELS[Math.min(Number(digits), SYNCRO_LEVELS.length - 1)]!)
  )
}

export const statusFromSyncro = (name: string, options: SyncroMapOptions): Status => ({
  id: textId(name),
  name,
  category: statusCategory(name, options),
  boardId: null,
})

export const priorityFromSyncro = (name: string, options: SyncroMapOptions): Priority => ({
  id: textId(name),
  name,
  level: priorityLevel(name, options),
})

/**
 * The canonical ticket type is Syncro's Issue Type (`problem_type`, listed in `GET /settings` ->
 * `ticket.problem_types`): every ticket has one, while `ticket_type_id` is empty on most accounts. Like
 * statuses, Issue Types are bare text, so the id is a slug of it.
 */
export const ticketTypeFromSyncro = (problemType: string): TicketType => ({
  id: textId(problemType),
  name: problemType,
  boardId: null,
})

/**
 * How long after the ticket its description comment may be stored. Syncro stores `comments_attributes` with
 * the ticket (the same `created_at`); a client that adds the description in a second call right after the
 * create lands a second or two later. A public comment written more than this after the ticket is an update.
 */
export const DESCRIPTION_TOLERANCE_MS = 5_000

/**
 * Syncro keeps a ticket's description as a comment made with the ticket. Syncro's web app and this gateway
 * title it "Initial Issue"; other clients (email, portals, other API clients) use other titles, so the title
 * is not looked at: the description is the first public (`hidden: false`) comment created within
 * DESCRIPTION_TOLERANCE_MS of the ticket. An internal note is never a description.
 */
function openingComment(ticket: SyncroTicket): SyncroComment | undefined {
  const createdMs = Date.parse(ticket.created_at)
  if (Number.isNaN(createdMs)) return undefined
  return [...(ticket.comments ?? [])]
    .filter((comment) => {
      const atMs = Date.parse(comment.created_at)
      return comment.hidden === false && Math.abs(atMs - createdMs) <= DESCRIPTION_TOLERANCE_MS
    })
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id)[0]
}

const INITIAL_ISSUE = 'Initial Issue'

/** `fields`: the account's ticket fields; a ticket has those of its ticket type (`ticket_type_id`). */
export function ticketFromSyncro(
  ticket: SyncroTicket,
  options: SyncroMapOptions,
  fields: readonly SyncroCustomField[] = [],
): Ticket {
  const statusName = ticket.status ?? 'New'
  const priorityName = textOrNull(ticket.priority)
  const problemType = textOrNull(ticket.problem_type)
  return {
    id: String(ticket.id),
    number: idOrNull(ticket.number) ?? String(ticket.id),
    subject: ticket.subject ?? '',
    description: openingComment(ticket)?.body ?? null,
    status: { id: textId(statusName), name: statusName, category: statusCategory(statusName, options) },
    priority: priorityName ? priorityFromSyncro(priorityName, options) : null,
    type: problemType ? { id: textId(problemType), name: problemType } : null,
    board: null,
    customer: ticket.customer_id
      ? { id: String(ticket.customer_id), name: ticket.customer_business_then_name ?? null }
      : null,
    contact: ticket.contact_id
      ? { id: String(ticket.contact_id), name: ticket.contact_fullname ?? null }
      : null,
    assignee: ticket.user_id ? { id: String(ticket.user_id), name: ticket.user?.full_name ?? null } : null,
    createdAt: isoOrEpoch(ticket.created_at),
    updatedAt: isoOrEpoch(ticket.updated_at),
    dueAt: isoOrNull(ticket.due_date),
    closedAt: isoOrNull(ticket.resolved_at),
    url: `${options.webOrigin}/tickets/${ticket.id}`,
    customFields: customFieldsOf(
      ticket.properties,
      fields.filter((field) => ticket.ticket_type_id != null && field.ownerId === ticket.ticket_type_id),
    ),
    remote: ticket,
  }
}

/**
 * The name a comment shows: its `tech` (the spec's comment examples: "Test Tech", "Joe"; null on one the write gave
 * no tech), else its listed `user` (GET /tickets/{id}/comments adds it), else the user its `user_id` names in
 * `agentNames` (GET /users, for the create's answer, which carries neither).
 */
function commentAuthorName(comment: SyncroComment, agentNames: ReadonlyMap<string, string>): string | null {
  const userId = idOrNull(comment.user_id)
  return (
    textOrNull(comment.tech) ??
    textOrNull(comment.user?.full_name) ??
    (userId === null ? null : (agentNames.get(userId) ?? null))
  )
}

/** Whether a comment names its author by `user_id` alone: its name is then looked up in the users. */
export const commentNeedsAuthorName = (comment: SyncroComment): boolean =>
  Boolean(comment.user_id) && commentAuthorName(comment, NO_NAMES) === null

const NO_NAMES: ReadonlyMap<string, string> = new Map()

export function commentFromSyncro(
  comment: SyncroComment,
  agentNames: ReadonlyMap<string, string> = new Map(),
): Comment {
  return {
    id: String(comment.id),
    ticketId: String(comment.ticket_id),
    body: comment.body ?? '',
    // Only an explicit hidden=false is public: an absent flag must not leak an internal note.
    visibility: comment.hidden === false ? 'public' : 'internal',
    author:
      comment.user_id || comment.tech
        ? { id: idOrNull(comment.user_id), name: commentAuthorName(comment, agentNames) }
        : null,
    createdAt: isoOrEpoch(comment.created_at),
    remote: comment,
  }
}

export function customerName(customer: SyncroCustomer): string {
  return (
    textOrNull(customer.business_name) ??
    textOrNull(customer.fullname) ??
    textOrNull([customer.firstname, customer.lastname].filter(Boolean).join(' ')) ??
    textOrNull(customer.business_then_name) ??
    ''
  )
}

export function customerFromSyncro(
  customer: SyncroCustomer,
  fields: readonly SyncroCustomField[] = [],
): Customer {
  const address = {
    line1: textOrNull(customer.address),
    line2: textOrNull(customer.address_2),
    city: textOrNull(customer.city),
    region: textOrNull(customer.state),
    postalCode: textOrNull(customer.zip),
    country: null,
  }
  return {
    id: String(customer.id),
    name: customerName(customer),
    email: textOrNull(customer.email),
    phone: textOrNull(customer.phone) ?? textOrNull(customer.mobile),
    website: null,
    address: Object.values(address).some((part) => part !== null) ? address : null,
    active: customer.disabled !== true,
    createdAt: isoOrEpoch(customer.created_at),
    updatedAt: isoOrEpoch(customer.updated_at),
    customFields: customFieldsOf(customer.properties, fields),
    remote: customer,
  }
}

/** Manufacturer and model live among an asset's free-form properties. */
function property(properties: Record<string, unknown> | null | undefined, name: string): string | null {
  if (!properties) return null
  const key = Object.keys(properties).find((k) => k.toLowerCase() === name.toLowerCase())
  const value = key === undefined ? undefined : properties[key]
  return typeof value === 'string' || typeof value === 'number' ? textOrNull(String(value)) : null
}

/**
 * `fields`: the account's asset fields, each of an asset type; `assetTypeIds` the types' ids by name, since an asset
 * names its type by text only.
 */
export function assetFromSyncro(
  asset: SyncroAsset,
  fields: readonly SyncroCustomField[] = [],
  assetTypeIds: Record<string, number> = {},
): Asset {
  const typeName = textOrNull(asset.asset_type)
  return {
    id: String(asset.id),
    name: asset.name ?? '',
    customer: asset.customer_id
      ? { id: String(asset.customer_id), name: asset.customer ? customerName(asset.customer) : null }
      : null,
    // Syncro names asset types only by text, so the name is the id (it is what a write sends back).
    type: typeName ? { id: typeName, name: typeName } : null,
    serialNumber: textOrNull(asset.asset_serial),
    manufacturer: property(asset.properties, 'Manufacturer'),
    model: property(asset.properties, 'Model'),
    status: null,
    createdAt: isoOrEpoch(asset.created_at),
    updatedAt: isoOrEpoch(asset.updated_at),
    customFields: customFieldsOf(
      asset.properties,
      fields.filter((field) => typeName !== null && field.ownerId === assetTypeIds[typeName]),
    ),
    remote: asset,
  }
}

export const syncroId = (value: string, field: string): number => integerId('syncro', value, field)
export const syncroPathId = (value: string): number => integerPathId('syncro', value)
const nullableSyncroId = (value: string | null | undefined, field: string) =>
  nullableIntegerId('syncro', value, field)

/** A ticket write with status, priority and type already resolved to Syncro's texts. */
export interface ResolvedTicketWrite {
  statusName?: string
  priorityName?: string
  /** The Issue Type (`problem_type`) the canonical `typeId` names. */
  problemType?: string
  /** The whole `properties` to send (custom fields written), and the ticket type their fields belong to. */
  properties?: Record<string, unknown>
  ticketTypeId?: number
}

function ticketFields(
  body: TicketCreate | TicketUpdate,
  resolved: ResolvedTicketWrite,
): Record<string, unknown> {
  return {
    subject: body.subject,
    customer_id: body.customerId === undefined ? undefined : syncroId(body.customerId, 'customerId'),
    contact_id: nullableSyncroId(body.contactId, 'contactId'),
    status: resolved.statusName,
    priority: resolved.priorityName,
    problem_type: resolved.problemType,
    user_id: nullableSyncroId(body.assigneeId, 'assigneeId'),
    due_date: body.dueAt,
    ticket_type_id: resolved.ticketTypeId,
    properties: resolved.properties,
  }
}

/** `notifications`: the connection's setting (src/connection-config.ts); off, comments carry `do_not_email`. */
export function syncroTicketCreateBody(
  body: TicketCreate,
  resolved: ResolvedTicketWrite,
  notifications = false,
): Record<string, unknown> {
  const fields = ticketFields(body, resolved)
  if (body.description) {
    // do_not_email: creating a ticket through the gateway mails no customer unless the connection allows it.
    fields.comments_attributes = [
      { subject: INITIAL_ISSUE, body: body.description, hidden: false, do_not_email: !notifications },
    ]
  }
  return withoutUndefined(fields)
}

export function syncroTicketUpdateBody(
  body: TicketUpdate,
  resolved: ResolvedTicketWrite,
): Record<string, unknown> {
  return withoutUndefined(ticketFields(body, resolved))
}

export function syncroCommentBody(body: CommentCreate, notifications = false): Record<string, unknown> {
  const visibility = body.visibility ?? 'internal'
  return {
    subject: visibility === 'internal' ? 'Internal note' : 'Update',
    body: body.body,
    hidden: visibility === 'internal',
    do_not_email: !notifications,
  }
}

/** `properties`: the whole object to send, when custom fields are written (Syncro replaces it on a write). */
export function syncroCustomerBody(
  body: CustomerCreate | CustomerUpdate,
  properties?: Record<string, unknown>,
): Record<string, unknown> {
  const address = body.address
  return withoutUndefined({
    business_name: body.name,
    email: body.email,
    phone: body.phone,
    address: address === null ? null : address?.line1,
    address_2: address === null ? null : address?.line2,
    city: address === null ? null : address?.city,
    state: address === null ? null : address?.region,
    zip: address === null ? null : address?.postalCode,
    properties,
  })
}

/**
 * `currentProperties` are the asset's properties today: Syncro replaces the whole object on update. `fields`: the
 * asset fields the body's custom fields name.
 */
export function syncroAssetBody(
  body: AssetCreate | AssetUpdate,
  currentProperties: Record<string, unknown> = {},
  fields: readonly SyncroCustomField[] = [],
): Record<string, unknown> {
  // Syncro replaces `properties` whole: sent only when something in it changes (an empty customFields changes none).
  const touchesProperties =
    body.manufacturer !== undefined || body.model !== undefined || (body.customFields?.length ?? 0) > 0
  const properties = propertiesWith(currentProperties, body.customFields ?? [], fields)
  if (body.manufacturer !== undefined) properties.Manufacturer = body.manufacturer
  if (body.model !== undefined) properties.Model = body.model
  return withoutUndefined({
    name: body.name,
    customer_id: body.customerId === undefined ? undefined : syncroId(body.customerId, 'customerId'),
    asset_type_name: body.typeId,
    asset_serial: body.serialNumber,
    properties: touchesProperties ? properties : undefined,
  })
}

/** Syncro field names (and the names its messages start with) -> canonical field names, per resource. */
export const ticketFieldNames: Record<string, string> = {
  subject: 'subject',
  customer: 'customerId',
  customer_id: 'customerId',
  contact_id: 'contactId',
  status: 'status',
  priority: 'priority',
  problem_type: 'typeId',
  user_id: 'assigneeId',
  due_date: 'dueAt',
  body: 'description',
}

export const commentFieldNames: Record<string, string> = { body: 'body' }

export const customerFieldNames: Record<string, string> = {
  business_name: 'name',
  business_name_or_last_name: 'name',
  firstname: 'name',
  lastname: 'name',
  email: 'email',
  phone: 'phone',
  address: 'address.line1',
  address_2: 'address.line2',
  city: 'address.city',
  state: 'address.region',
  zip: 'address.postalCode',
}

export const assetFieldNames: Record<string, string> = {
  name: 'name',
  customer_id: 'customerId',
  asset_type: 'typeId',
  asset_type_id: 'typeId',
  asset_type_name: 'typeId',
  asset_serial: 'serialNumber',
}
