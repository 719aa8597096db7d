import type { Asset, AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import type { Comment, CommentCreate } from '../../src/canonical/comment.js'
import type { PriorityLevel, StatusCategory } from '../../src/canonical/common.js'
import type { Customer, CustomerCreate, CustomerUpdate } from '../../src/canonical/customer.js'
import type { Agent } from '../../src/canonical/agent.js'
import type { Board, Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { Ticket, TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { validationFailed } from '../../src/errors.js'
import { withoutUndefined } from '../../src/mapping/ids.js'
import { checkLengths } from '../../src/mapping/limits.js'
import { categoryFromName, isoOrEpoch, isoOrNull, matchLevel, textOrNull } from '../../src/mapping/names.js'
import { customFieldsFromConnectWise } from './custom-fields.js'
import { cwId } from './query.js'
import type {
  CwBoard,
  CwBoardStatus,
  CwBoardType,
  CwCompany,
  CwConfiguration,
  CwMember,
  CwNote,
  CwPatchOperation,
  CwPriority,
  CwRef,
  CwTicket,
} from './types.js'

/** Pure translations between ConnectWise records and canonical ones. No I/O here. */

export interface ConnectWiseMapOptions {
  statusMap: Record<string, StatusCategory>
  priorityMap: Record<string, PriorityLevel>
  /** The ticket page of the web app, `{id}` standing for the ticket id; null when unknown. */
  ticketUrl: string | null
}

/** A connection's map wins (by name, then id); then ConnectWise's closed flag; then the name rules. */
export function statusCategory(
  status: { id: number; name: string; closed: boolean },
  options: ConnectWiseMapOptions,
): StatusCategory {
  return (
    options.statusMap[status.name] ??
    options.statusMap[String(status.id)] ??
    (status.closed ? 'closed' : categoryFromName(status.name))
  )
}

export const statusFromConnectWise = (
  status: CwBoardStatus,
  board: CwBoard,
  options: ConnectWiseMapOptions,
): Status => ({
  id: String(status.id),
  name: status.name,
  category: statusCategory(
    { id: status.id, name: status.name, closed: status.closedStatus === true },
    options,
  ),
  boardId: String(board.id),
})

const LEVEL_OF_VENDOR_LEVEL: Record<string, PriorityLevel> = { high: 'high', medium: 'medium', low: 'low' }

/** A connection's map wins; then words in the name ("Emergency" is critical); then the vendor's `level`. */
export const statedLevel = (
  priority: { id: number; name?: string; level?: string },
  options: ConnectWiseMapOptions,
): PriorityLevel | undefined =>
  options.priorityMap[priority.name ?? ''] ??
  options.priorityMap[String(priority.id)] ??
  matchLevel(priority.name ?? '') ??
  LEVEL_OF_VENDOR_LEVEL[priority.level?.toLowerCase() ?? '']

/** Each priority's level: as stated, else by its rank in ConnectWise's sort order (most urgent first). */
export function priorityLevels(
  priorities: readonly CwPriority[],
  options: ConnectWiseMapOptions,
): Map<number, PriorityLevel> {
  const ranked = [...priorities].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.id - b.id)
  const byRank: PriorityLevel[] = ['critical', 'high', 'medium', 'low']
  return new Map(
    ranked.map((priority, rank) => [
      priority.id,
      statedLevel(priority, options) ?? byRank[Math.min(3, Math.floor((rank * 4) / ranked.length))]!,
    ]),
  )
}

export const priorityFromConnectWise = (priority: CwPriority, level: PriorityLevel): Priority => ({
  id: String(priority.id),
  name: priority.name,
  level,
})

export const ticketTypeFromConnectWise = (type: CwBoardType, board: CwBoard): TicketType => ({
  id: String(type.id),
  name: type.name,
  boardId: String(board.id),
})

const ref = (record: CwRef | undefined) =>
  record ? { id: String(record.id), name: textOrNull(record.name) ?? textOrNull(record.identifier) } : null

/** What a ticket's mapping needs from reference data: its priority's level (ranked among all priorities). */
export interface TicketLookups {
  priorityLevel(priority: NonNullable<CwTicket['priority']>): PriorityLevel
}

/** ConnectWise returns no description on a ticket: it is the first note, fetched apart (null in lists). */
export function ticketFromConnectWise(
  ticket: CwTicket,
  lookups: TicketLookups,
  options: ConnectWiseMapOptions,
  description: string | null = null,
): Ticket {
  const status = ticket.status ?? { id: 0, name: 'Unknown' }
  const statusName = status.name ?? ''
  // ConnectWise sets closedFlag from the status's closedStatus, so no board's statuses need reading.
  const closed = ticket.closedFlag === true
  return {
    id: String(ticket.id),
    number: String(ticket.id),
    subject: ticket.summary ?? '',
    description,
    status: {
      id: String(status.id),
      name: statusName,
      category: statusCategory({ id: status.id, name: statusName, closed }, options),
    },
    priority: ticket.priority
      ? {
          id: String(ticket.priority.id),
          name: ticket.priority.name ?? '',
          level: lookups.priorityLevel(ticket.priority),
        }
      : null,
    type: ref(ticket.type),
    board: ref(ticket.board),
    customer: ref(ticket.company),
    contact: ticket.contact
      ? {
          id: String(ticket.contact.id),
          name: textOrNull(ticket.contact.name) ?? textOrNull(ticket.contactName),
        }
      : null,
    assignee: ref(ticket.owner),
    createdAt: isoOrEpoch(ticket._info?.dateEntered),
    updatedAt: isoOrEpoch(ticket._info?.lastUpdated),
    dueAt: isoOrNull(ticket.requiredDate),
    closedAt: isoOrNull(ticket.closedDate),
    url: options.ticketUrl?.replace('{id}', String(ticket.id)) ?? null,
    customFields: customFieldsFromConnectWise(ticket.customFields),
    remote: ticket,
  }
}

/** Public only when the flags say so: a discussion or external note that is marked internal in no way. */
export const noteIsPublic = (note: CwNote) =>
  (note.detailDescriptionFlag === true || note.externalFlag === true) &&
  note.internalAnalysisFlag !== true &&
  note.internalFlag !== true

export function commentFromConnectWise(note: CwNote): Comment {
  const author = note.member ?? note.contact
  return {
    id: String(note.id),
    ticketId: String(note.ticketId),
    body: note.text ?? '',
    visibility: noteIsPublic(note) ? 'public' : 'internal',
    author: author
      ? { id: String(author.id), name: textOrNull(author.name) ?? textOrNull(author.identifier) }
      : note.createdBy
        ? { id: null, name: note.createdBy }
        : null,
    createdAt: isoOrEpoch(note.dateCreated),
    remote: note,
  }
}

export function noteBody(body: CommentCreate): Record<string, unknown> {
  const internal = (body.visibility ?? 'internal') === 'internal'
  return {
    text: body.body,
    detailDescriptionFlag: !internal,
    internalAnalysisFlag: internal,
    resolutionFlag: false,
  }
}

export function customerFromConnectWise(company: CwCompany): Customer {
  const address = {
    line1: textOrNull(company.addressLine1),
    line2: textOrNull(company.addressLine2),
    city: textOrNull(company.city),
    region: textOrNull(company.state),
    postalCode: textOrNull(company.zip),
    country: textOrNull(company.country?.name),
  }
  return {
    id: String(company.id),
    name: company.name ?? company.identifier ?? '',
    email: null,
    phone: textOrNull(company.phoneNumber),
    website: textOrNull(company.website),
    address: Object.values(address).some((part) => part !== null) ? address : null,
    active: company.deletedFlag !== true && !/\binactive\b/i.test(company.status?.name ?? ''),
    createdAt: isoOrEpoch(company._info?.dateEntered),
    updatedAt: isoOrEpoch(company._info?.lastUpdated),
    customFields: customFieldsFromConnectWise(company.customFields),
    remote: company,
  }
}

export function assetFromConnectWise(configuration: CwConfiguration): Asset {
  return {
    id: String(configuration.id),
    name: configuration.name ?? '',
    customer: ref(configuration.company),
    type: ref(configuration.type),
    serialNumber: textOrNull(configuration.serialNumber),
    manufacturer: textOrNull(configuration.manufacturer?.name),
    model: textOrNull(configuration.modelNumber),
    status:
      textOrNull(configuration.status?.name) ?? (configuration.activeFlag === false ? 'Inactive' : null),
    createdAt: isoOrEpoch(configuration._info?.dateEntered),
    updatedAt: isoOrEpoch(configuration._info?.lastUpdated),
    customFields: customFieldsFromConnectWise(configuration.customFields),
    remote: configuration,
  }
}

/** JSON Patch for the fields a canonical update carries: `null` removes, anything else replaces. */
export function patchOf(fields: Record<string, unknown>): CwPatchOperation[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([path, value]): CwPatchOperation =>
      value === null ? { op: 'remove', path } : { op: 'replace', path, value },
    )
}

export const boardFromConnectWise = (board: CwBoard): Board => ({
  id: String(board.id),
  name: board.name,
  active: board.inactiveFlag !== true,
})

/** A member: the name ConnectWise shows (first and last), else the identifier. */
export const agentFromConnectWise = (member: CwMember): Agent => ({
  id: String(member.id),
  name:
    [member.firstName, member.lastName].filter(Boolean).join(' ') || member.identifier || String(member.id),
  email: textOrNull(member.officeEmail),
  active: member.inactiveFlag !== true,
  remote: member,
})

export const idRef = (value: string | null | undefined, field: string) =>
  value === undefined ? undefined : value === null ? null : { id: cwId(value, field) }

/** Ticket references resolved to ConnectWise ids. */
export interface TicketRefs {
  boardId?: number
  statusId?: number
  priorityId?: number
}

/** Ticket fields in ConnectWise's names; status, board and priority as resolved ids. */
export function ticketFields(body: TicketCreate | TicketUpdate, refs: TicketRefs): Record<string, unknown> {
  return withoutUndefined({
    summary: body.subject,
    company: idRef(body.customerId, 'customerId'),
    contact: idRef(body.contactId, 'contactId'),
    board: refs.boardId === undefined ? undefined : { id: refs.boardId },
    status: refs.statusId === undefined ? undefined : { id: refs.statusId },
    priority: refs.priorityId === undefined ? undefined : { id: refs.priorityId },
    type: idRef(body.typeId, 'typeId'),
    owner: idRef(body.assigneeId, 'assigneeId'),
    requiredDate: body.dueAt,
  })
}

/**
 * A company's identifier is required and unique; ConnectWise's current Company model takes 30 characters, the
 * model of older codebases 25 (spinen/connectwise-company-php-client, lib/Model/Company.php), so it stays
 * within 25. It is made from the name plus a random suffix, so two customers of the same name can both be
 * created.
 */
export const COMPANY_IDENTIFIER_MAX_LENGTH = 25
const IDENTIFIER_SUFFIX_LENGTH = 6

export function companyIdentifier(name: string, random: () => number = Math.random): string {
  const stemLength = COMPANY_IDENTIFIER_MAX_LENGTH - IDENTIFIER_SUFFIX_LENGTH - 1
  const stem = name.replace(/[^A-Za-z0-9]/g, '').slice(0, stemLength) || 'Customer'
  const suffix = Math.floor(random() * 36 ** IDENTIFIER_SUFFIX_LENGTH)
    .toString(36)
    .padStart(IDENTIFIER_SUFFIX_LENGTH, '0')
  return `${stem}-${suffix}`
}

/** vendors.md: a company name takes at most 50 characters. */
const COMPANY_NAME_MAX_LENGTH = 50

/** Canonical fields ConnectWise has no place for, checked by the gateway before any call (its writeRules). */
export const CONNECTWISE_UNWRITABLE = {
  ticketUpdates: { description: 'ConnectWise keeps it as the first note, edited there' },
  customers: {
    email: 'ConnectWise companies have no email field',
    'address.country': 'ConnectWise refers to countries by id',
  },
  assets: { manufacturer: 'ConnectWise refers to manufacturers by id' },
} as const

export function companyFields(body: CustomerCreate | CustomerUpdate): Record<string, unknown> {
  checkLengths('connectwise', { name: [body.name, COMPANY_NAME_MAX_LENGTH] })
  const address = body.address
  const part = (value: string | null | undefined) => (address === null ? null : value)
  return withoutUndefined({
    name: body.name,
    phoneNumber: body.phone,
    website: body.website,
    addressLine1: part(address?.line1),
    addressLine2: part(address?.line2),
    city: part(address?.city),
    state: part(address?.region),
    zip: part(address?.postalCode),
  })
}

/** The canonical address parts ConnectWise stores (its country is a reference by id, not writable here). */
const COMPANY_ADDRESS_PARTS = {
  addressLine1: 'address.line1',
  addressLine2: 'address.line2',
  city: 'address.city',
  state: 'address.region',
  zip: 'address.postalCode',
} as const

/**
 * A new company's fields. ConnectWise's Company model says on each address field "At least one address field
 * is required -- addressLine1, addressLine2, city, state, zip and/or country" (spinen/connectwise-company-php-
 * client, lib/Model/Company.php): a create without one is refused here, before any call, naming the fields.
 */
export function companyCreateFields(body: CustomerCreate): Record<string, unknown> {
  const fields = companyFields(body)
  const given = (value: unknown) => typeof value === 'string' && value.trim() !== ''
  if (!Object.keys(COMPANY_ADDRESS_PARTS).some((field) => given(fields[field]))) {
    const names = Object.values(COMPANY_ADDRESS_PARTS)
    throw validationFailed(
      `a ConnectWise company needs at least one address field: ${names.join(', ')}`,
      names.map((field) => ({ field, message: 'one of the address fields is required on connectwise' })),
    )
  }
  return fields
}

export function configurationFields(body: AssetCreate | AssetUpdate): Record<string, unknown> {
  return withoutUndefined({
    name: body.name,
    company: idRef(body.customerId, 'customerId'),
    type: idRef(body.typeId, 'typeId'),
    serialNumber: body.serialNumber,
    modelNumber: body.model,
  })
}

/** ConnectWise field names (in its validation errors) -> canonical field names, per resource. */
export const ticketFieldNames: Record<string, string> = {
  summary: 'subject',
  company: 'customerId',
  contact: 'contactId',
  board: 'boardId',
  status: 'statusId',
  priority: 'priorityId',
  type: 'typeId',
  owner: 'assigneeId',
  requiredDate: 'dueAt',
  initialDescription: 'description',
}

export const noteFieldNames: Record<string, string> = { text: 'body' }

export const companyFieldNames: Record<string, string> = {
  identifier: 'name',
  name: 'name',
  phoneNumber: 'phone',
  website: 'website',
  addressLine1: 'address.line1',
  addressLine2: 'address.line2',
  city: 'address.city',
  state: 'address.region',
  zip: 'address.postalCode',
}

export const configurationFieldNames: Record<string, string> = {
  name: 'name',
  company: 'customerId',
  type: 'typeId',
  serialNumber: 'serialNumber',
  modelNumber: 'model',
}
