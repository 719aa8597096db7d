import type { Agent } from '../../src/canonical/agent.js'
import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { PriorityLevel, StatusCategory } from '../../src/canonical/common.js'
import type { Contact, ContactCreate, ContactUpdate } from '../../src/canonical/contact.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Board, Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { integerPathId, nullableIntegerId, withoutUndefined } from '../../src/mapping/ids.js'
import { categoryFromName, isoOrEpoch, isoOrNull, matchLevel, textOrNull } from '../../src/mapping/names.js'
import type { AutotaskPicklistValue } from './api.js'
import { autotaskId } from './query.js'
import { customFieldsFromAutotask, type AutotaskUdf } from './custom-fields.js'
import type {
  AutotaskCompany,
  AutotaskConfigurationItem,
  AutotaskProduct,
  AutotaskContact,
  AutotaskResource,
  AutotaskTicket,
  AutotaskTicketNote,
  AutotaskUdfValue,
} from './types.js'

/** Pure translations between Autotask records and canonical ones. No I/O here. */

export interface AutotaskMapOptions {
  statusMap: Record<string, StatusCategory>
  priorityMap: Record<string, PriorityLevel>
}

/** A picklist field's values by value (`picklistValues`, the value as text). */
export type Picklist = ReadonlyMap<string, AutotaskPicklistValue>

export const picklistOf = (values: readonly AutotaskPicklistValue[] | null | undefined): Picklist =>
  new Map((values ?? []).map((value) => [String(value.value), value]))

const labelIn = (picklist: Picklist, value: number | null | undefined) =>
  value === null || value === undefined ? undefined : (picklist.get(String(value))?.label ?? String(value))

/**
 * "The REST API stores and returns all time data in Coordinated Universal Time" (Autotask's Tickets page): a
 * timestamp written without a zone is UTC, not the gateway's local time.
 */
export function utcIsoOrNull(value: string | null | undefined): string | null {
  if (!value) return null
  return isoOrNull(/(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`)
}
const utcIsoOrEpoch = (value: string | null | undefined) => utcIsoOrNull(value) ?? isoOrEpoch(null)

/** The system status Complete: Datto's Postman collection queries open tickets as `status noteq 5`. */
const COMPLETE = '5'

/** Autotask's own finished status, Complete: what a ticket is resolved or closed with where no other is. */
export const isComplete = (status: Status) => status.id === COMPLETE

/**
 * A status's category: the connection's statusMap (by label, then value) first, then Complete, then the label by
 * the generic name rules (values other than 1 New and 5 Complete differ between databases).
 */
export const statusCategory = (value: string, label: string, options: AutotaskMapOptions): StatusCategory =>
  options.statusMap[label] ??
  options.statusMap[value] ??
  (value === COMPLETE ? 'closed' : categoryFromName(label))

/**
 * A priority's level: the connection's priorityMap (by label, then value), then the words of the label. Autotask's
 * values are no scale (its stock picklist numbers Critical 4, after High 1, Medium 2, Low 3), so a label that
 * states no level is medium.
 */
export const priorityLevel = (value: string, label: string, options: AutotaskMapOptions): PriorityLevel =>
  options.priorityMap[label] ??
  options.priorityMap[value] ??
  matchLevel(label.replace(/\d+/g, '')) ??
  'medium'

export const statusFromAutotask = (value: AutotaskPicklistValue, options: AutotaskMapOptions): Status => ({
  id: String(value.value),
  name: value.label,
  category: statusCategory(String(value.value), value.label, options),
  boardId: null,
})

export const priorityFromAutotask = (
  value: AutotaskPicklistValue,
  options: AutotaskMapOptions,
): Priority => ({
  id: String(value.value),
  name: value.label,
  level: priorityLevel(String(value.value), value.label, options),
})

export const ticketTypeFromAutotask = (value: AutotaskPicklistValue): TicketType => ({
  id: String(value.value),
  name: value.label,
  boardId: null,
})

/** A Service Desk queue (`queueID`) is the canonical board: where a ticket is worked. */
export const boardFromAutotask = (value: AutotaskPicklistValue): Board => ({
  id: String(value.value),
  name: value.label,
  active: value.isActive !== false,
})

/** The picklists a ticket's fields take their labels from (`/Tickets/entityInformation/fields`). */
export interface TicketPicklists {
  status: Picklist
  priority: Picklist
  ticketType: Picklist
  queueID: Picklist
}

const ref = (id: number | null | undefined, name: string | null = null) =>
  id === null || id === undefined ? null : { id: String(id), name }

/**
 * `agentNames`: the resources' names by id, for the assignee. A ticket names its company and contact by id only,
 * so their names are null (reading them would cost a call per page).
 */
export function ticketFromAutotask(
  ticket: AutotaskTicket,
  picklists: TicketPicklists,
  options: AutotaskMapOptions,
  udfs: readonly AutotaskUdf[],
  agentNames: ReadonlyMap<string, string>,
): Ticket {
  const statusValue = String(ticket.status ?? '')
  const statusLabel = labelIn(picklists.status, ticket.status) ?? ''
  const priorityLabel = labelIn(picklists.priority, ticket.priority)
  const assignee = ticket.assignedResourceID ?? null
  return {
    id: String(ticket.id),
    number: textOrNull(ticket.ticketNumber) ?? String(ticket.id),
    subject: ticket.title ?? '',
    description: textOrNull(ticket.description),
    status: {
      id: statusValue,
      name: statusLabel,
      category: statusCategory(statusValue, statusLabel, options),
    },
    priority:
      priorityLabel === undefined
        ? null
        : {
            id: String(ticket.priority),
            name: priorityLabel,
            level: priorityLevel(String(ticket.priority), priorityLabel, options),
          },
    type: ref(ticket.ticketType, labelIn(picklists.ticketType, ticket.ticketType)),
    board: ref(ticket.queueID, labelIn(picklists.queueID, ticket.queueID)),
    customer: ref(ticket.companyID),
    contact: ref(ticket.contactID),
    assignee: ref(assignee, assignee === null ? null : (agentNames.get(String(assignee)) ?? null)),
    createdAt: utcIsoOrEpoch(ticket.createDate),
    updatedAt: utcIsoOrEpoch(
      ticket.lastActivityDate ?? ticket.lastTrackedModificationDateTime ?? ticket.createDate,
    ),
    dueAt: utcIsoOrNull(ticket.dueDateTime),
    closedAt: utcIsoOrNull(ticket.completedDate),
    // No link: the web app's address is the zone's (zoneInformation's webUrl), unknown where a baseUrl is configured.
    url: null,
    customFields: customFieldsFromAutotask(ticket.userDefinedFields, udfs),
    remote: ticket,
  }
}

/**
 * "Ticket Notes with a publish setting of All Autotask Users are displayed in the outsourced copy of the ticket",
 * and a contact's own notes are always published to All (Autotask's TicketNotes page); an autotask MCP server
 * documents publish 1 "All Autotask Users" as the customer-visible state, 2 "Internal Project Team" and 4
 * "Internal & Co-Managed" as internal. So a note is public only when its publish label is "All Autotask Users";
 * any other value, or one the picklist does not know, is internal.
 */
export const PUBLIC_PUBLISH_LABEL = 'All Autotask Users'

export const isPublicNote = (note: AutotaskTicketNote, publish: Picklist) =>
  labelIn(publish, note.publish)?.trim().toLowerCase() === PUBLIC_PUBLISH_LABEL.toLowerCase()

/** A note's author: the resource who wrote it, else the contact (a contact's id, as the contacts list has it). */
export function commentFromAutotask(note: AutotaskTicketNote, publish: Picklist): Comment {
  const authorId = note.creatorResourceID ?? note.createdByContactID
  return {
    id: String(note.id),
    ticketId: String(note.ticketID),
    body: note.description ?? '',
    visibility: isPublicNote(note, publish) ? 'public' : 'internal',
    author: authorId === null || authorId === undefined ? null : { id: String(authorId), name: null },
    createdAt: utcIsoOrEpoch(note.createDateTime),
    remote: note,
  }
}

export function customerFromAutotask(company: AutotaskCompany, udfs: readonly AutotaskUdf[]): Customer {
  const address = {
    line1: textOrNull(company.address1),
    line2: textOrNull(company.address2),
    city: textOrNull(company.city),
    region: textOrNull(company.state),
    postalCode: textOrNull(company.postalCode),
    // Autotask keeps the country as a Countries id (`countryID`), not a name.
    country: null,
  }
  return {
    id: String(company.id),
    name: company.companyName ?? '',
    // Companies have no e-mail field.
    email: null,
    phone: textOrNull(company.phone),
    website: textOrNull(company.webAddress),
    address: Object.values(address).some((part) => part !== null) ? address : null,
    active: company.isActive !== false,
    createdAt: utcIsoOrEpoch(company.createDate),
    updatedAt: utcIsoOrEpoch(
      company.lastTrackedModifiedDateTime ?? company.lastActivityDate ?? company.createDate,
    ),
    customFields: customFieldsFromAutotask(company.userDefinedFields, udfs),
    remote: company,
  }
}

export function contactFromAutotask(contact: AutotaskContact, udfs: readonly AutotaskUdf[]): Contact {
  const firstName = textOrNull(contact.firstName)
  const lastName = textOrNull(contact.lastName)
  return {
    id: String(contact.id),
    customer: ref(contact.companyID),
    firstName,
    lastName,
    name: [firstName, lastName].filter(Boolean).join(' '),
    email: textOrNull(contact.emailAddress),
    phone: textOrNull(contact.phone),
    mobile: textOrNull(contact.mobilePhone),
    title: textOrNull(contact.title),
    active: contact.isActive === 1 || contact.isActive === true,
    createdAt: utcIsoOrNull(contact.createDate),
    updatedAt: utcIsoOrNull(contact.lastModifiedDate ?? contact.lastActivityDate),
    customFields: customFieldsFromAutotask(contact.userDefinedFields, udfs),
    remote: contact,
  }
}

/**
 * A configuration item as an asset; its type is the `configurationItemType` picklist. Manufacturer and model are its
 * product's (Products: `manufacturerName`, `manufacturerProductName`, else the product's name).
 */
export function assetFromAutotask(
  item: AutotaskConfigurationItem,
  types: Picklist,
  udfs: readonly AutotaskUdf[],
  products: ReadonlyMap<number, AutotaskProduct>,
): Asset {
  const product = item.productID == null ? undefined : products.get(item.productID)
  return {
    id: String(item.id),
    name: item.referenceTitle ?? '',
    customer: ref(item.companyID),
    type: ref(item.configurationItemType, labelIn(types, item.configurationItemType)),
    serialNumber: textOrNull(item.serialNumber),
    manufacturer: textOrNull(product?.manufacturerName),
    model: textOrNull(product?.manufacturerProductName) ?? textOrNull(product?.name),
    status: item.isActive === false ? 'Inactive' : 'Active',
    createdAt: utcIsoOrEpoch(item.createDate),
    updatedAt: utcIsoOrEpoch(item.lastModifiedTime ?? item.createDate),
    customFields: customFieldsFromAutotask(item.userDefinedFields, udfs),
    remote: item,
  }
}

export function agentFromAutotask(resource: AutotaskResource): Agent {
  const name = [textOrNull(resource.firstName), textOrNull(resource.lastName)].filter(Boolean).join(' ')
  return {
    id: String(resource.id),
    name: name || (textOrNull(resource.userName) ?? String(resource.id)),
    email: textOrNull(resource.email),
    active: resource.isActive !== false,
    remote: resource,
  }
}

export const autotaskPathId = (value: string): number => integerPathId('autotask', value, 0)
const nullableAutotaskId = (value: string | null | undefined, field: string) =>
  nullableIntegerId('autotask', value, field, 0)

/** A ticket write with its picklist values, role and defaults resolved (reference.ts). */
export interface ResolvedTicketWrite {
  status?: number
  priority?: number
  ticketType?: number
  queueID?: number
  /** The assignee's role: Autotask assigns a resource in a role (assignedResourceRoleID); null unassigns. */
  assignedResourceRoleID?: number | null
  userDefinedFields?: AutotaskUdfValue[]
}

/** A ticket create's or update's fields (api.ts adds the `id` Autotask's PATCH takes in the body). */
export function autotaskTicketBody(
  body: TicketCreate | TicketUpdate,
  resolved: ResolvedTicketWrite,
): Record<string, unknown> {
  return withoutUndefined({
    title: body.subject,
    description: body.description,
    companyID: body.customerId === undefined ? undefined : autotaskId(body.customerId, 'customerId'),
    contactID: nullableAutotaskId(body.contactId, 'contactId'),
    status: resolved.status,
    priority: resolved.priority,
    ticketType: resolved.ticketType,
    queueID: resolved.queueID,
    assignedResourceID: nullableAutotaskId(body.assigneeId, 'assigneeId'),
    assignedResourceRoleID: resolved.assignedResourceRoleID,
    dueDateTime: body.dueAt,
    userDefinedFields: resolved.userDefinedFields,
  })
}

/** Autotask's note title holds 250 characters (unsourced: chosen as the TicketNotes field length commonly seen). */
const NOTE_TITLE_LENGTH = 250

/** A note's title: its first line (titles may be required by the ticket category, per the TicketNotes page). */
export const noteTitleOf = (body: string) =>
  (body.split(/\r?\n/).find((line) => line.trim() !== '') ?? 'Note').trim().slice(0, NOTE_TITLE_LENGTH)

/** A note of ticket `ticketId` (Datto's Postman collection and live creates send its ticketID too). */
export const autotaskNoteBody = (
  ticketId: number,
  body: CommentCreate,
  resolved: { noteType: number; publish: number },
): Record<string, unknown> => ({
  ticketID: ticketId,
  title: noteTitleOf(body.body),
  description: body.body,
  noteType: resolved.noteType,
  publish: resolved.publish,
})

export function autotaskCompanyBody(
  body: CustomerCreate | CustomerUpdate,
  extra: { userDefinedFields?: AutotaskUdfValue[] } = {},
): Record<string, unknown> {
  const address = body.address
  const part = (value: string | null | undefined) => (address === null ? null : value)
  return withoutUndefined({
    companyName: body.name,
    phone: body.phone,
    webAddress: body.website,
    address1: part(address?.line1),
    address2: part(address?.line2),
    city: part(address?.city),
    state: part(address?.region),
    postalCode: part(address?.postalCode),
    userDefinedFields: extra.userDefinedFields,
  })
}

export function autotaskContactBody(
  body: ContactCreate | ContactUpdate,
  extra: { userDefinedFields?: AutotaskUdfValue[] } = {},
): Record<string, unknown> {
  return withoutUndefined({
    companyID: body.customerId === undefined ? undefined : autotaskId(body.customerId, 'customerId'),
    firstName: body.firstName,
    lastName: body.lastName,
    emailAddress: body.email,
    phone: body.phone,
    mobilePhone: body.mobile,
    title: body.title,
    // Contacts' isActive is an integer, 1 or 0 (Autotask's Contacts page).
    isActive: body.active === undefined ? undefined : body.active ? 1 : 0,
    userDefinedFields: extra.userDefinedFields,
  })
}

export function autotaskConfigurationItemBody(
  body: AssetCreate | AssetUpdate,
  extra: { userDefinedFields?: AutotaskUdfValue[]; productID?: number } = {},
): Record<string, unknown> {
  return withoutUndefined({
    productID: extra.productID,
    referenceTitle: body.name,
    companyID: body.customerId === undefined ? undefined : autotaskId(body.customerId, 'customerId'),
    configurationItemType: body.typeId === undefined ? undefined : autotaskId(body.typeId, 'typeId'),
    serialNumber: body.serialNumber,
    userDefinedFields: extra.userDefinedFields,
  })
}

/** Autotask field names -> canonical ones, per resource, for its validation errors. */
export const ticketFieldNames: Record<string, string> = {
  title: 'subject',
  description: 'description',
  companyID: 'customerId',
  contactID: 'contactId',
  status: 'statusId',
  priority: 'priorityId',
  ticketType: 'typeId',
  queueID: 'boardId',
  assignedResourceID: 'assigneeId',
  assignedResourceRoleID: 'assigneeId',
  dueDateTime: 'dueAt',
}

/**
 * The ticket a note or a time entry is written on: Autotask refuses one of a missing ticket by naming its
 * `ticketID` ("Value does not reference an existing entity for ticketID", the facts §4), which is a 404.
 */
export const ticketNamed = (ticketId: string) => ({ field: 'ticketId', what: `ticket ${ticketId}` })

export const commentFieldNames: Record<string, string> = {
  ticketID: 'ticketId',
  description: 'body',
  title: 'body',
  publish: 'visibility',
}

export const customerFieldNames: Record<string, string> = {
  companyName: 'name',
  phone: 'phone',
  webAddress: 'website',
  address1: 'address.line1',
  address2: 'address.line2',
  city: 'address.city',
  state: 'address.region',
  postalCode: 'address.postalCode',
}

export const contactFieldNames: Record<string, string> = {
  companyID: 'customerId',
  firstName: 'firstName',
  lastName: 'lastName',
  emailAddress: 'email',
  phone: 'phone',
  mobilePhone: 'mobile',
  title: 'title',
  isActive: 'active',
}

export const assetFieldNames: Record<string, string> = {
  referenceTitle: 'name',
  companyID: 'customerId',
  configurationItemType: 'typeId',
  serialNumber: 'serialNumber',
  productID: 'model',
}
