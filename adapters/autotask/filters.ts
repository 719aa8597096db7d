import {
  ASSET_FILTERS,
  COMMENT_FILTERS,
  CONTACT_FILTERS,
  CUSTOMER_FILTERS,
  TICKET_FILTERS,
  type FilterName,
  type ListFilters,
} from '../../src/canonical/list-query.js'
import { validationFailed } from '../../src/errors.js'
import type { VendorListedResource } from '../types.js'
import { udfValueToAutotask, type AutotaskUdf } from './custom-fields.js'
import { anyOf, autotaskId, eq, since, textInAny, udfEquals, type AutotaskCondition } from './query.js'

/**
 * The canonical filters Autotask applies itself: each is one condition of its query language on the entity's own
 * field (vendors.md, Autotask "query"); custom fields are UDF conditions (`"udf": true`). A time entry holds no
 * company, so the customerId filter of time entries is not among them.
 */
export const AUTOTASK_FILTERS: Record<VendorListedResource, readonly FilterName[]> = {
  tickets: [...TICKET_FILTERS, 'customField'],
  customers: [...CUSTOMER_FILTERS, 'customField'],
  assets: [...ASSET_FILTERS, 'customField'],
  contacts: [...CONTACT_FILTERS, 'customField'],
  comments: COMMENT_FILTERS,
  'time-entries': ['agentId', 'updatedSince', 'createdSince', 'startedSince'],
}

type Conditions = Array<AutotaskCondition | null | undefined>

const idOf = (value: string | undefined, field: string, vendorField: string) =>
  value === undefined ? undefined : eq(vendorField, autotaskId(value, field))
const after = (iso: string | undefined, field: string) => (iso === undefined ? undefined : since(field, iso))
const search = (q: string | undefined, fields: readonly string[]) =>
  q === undefined ? undefined : textInAny(fields, q)

const badCustomField = (message: string) =>
  validationFailed(`customField: ${message}`, [{ field: 'customField', message }])

/** The canonical `customField` filter as a UDF condition, its value checked against the UDF's type. */
export function customFieldCondition(
  filter: ListFilters['customField'],
  udfs: readonly AutotaskUdf[],
): AutotaskCondition | undefined {
  if (filter === undefined) return undefined
  const udf = udfs.find((candidate) => candidate.definition.id === filter.id)
  if (!udf) throw badCustomField(`no custom field '${filter.id}' here (GET .../meta lists them)`)
  const { type, name, options } = udf.definition
  const valid =
    (type === 'number' && /^-?\d+(\.\d+)?$/.test(filter.value)) ||
    (type === 'boolean' && (filter.value === 'true' || filter.value === 'false')) ||
    (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(filter.value)) ||
    (type === 'select' && (options ?? []).includes(filter.value)) ||
    type === 'text' ||
    type === 'datetime'
  if (!valid) throw badCustomField(`'${name}' takes a ${type} value`)
  return udfEquals(udf.name, udfValueToAutotask(udf, filter.value))
}

/** Status and priority filters arrive as picklist values (reference.ts looks the categories and levels up). */
export interface ResolvedTicketFilters {
  statuses?: number[]
  priorities?: number[]
  customField?: AutotaskCondition
}

export const ticketConditions = (filters: ListFilters, resolved: ResolvedTicketFilters): Conditions => [
  resolved.statuses && anyOf('status', resolved.statuses),
  resolved.priorities && anyOf('priority', resolved.priorities),
  idOf(filters.customerId, 'customerId', 'companyID'),
  idOf(filters.assigneeId, 'assigneeId', 'assignedResourceID'),
  // lastActivityDate moves on a new note too (lastTrackedModificationDateTime on the ticket's own fields only), so
  // a ticket polled by it shows its new comments (event-sources/read-changes.ts, commentChanges).
  after(filters.updatedSince, 'lastActivityDate'),
  after(filters.createdSince, 'createDate'),
  search(filters.q, ['title', 'ticketNumber']),
  resolved.customField,
]

export const customerConditions = (filters: ListFilters, customField?: AutotaskCondition): Conditions => [
  after(filters.updatedSince, 'lastTrackedModifiedDateTime'),
  after(filters.createdSince, 'createDate'),
  search(filters.q, ['companyName']),
  customField,
]

export const assetConditions = (filters: ListFilters, customField?: AutotaskCondition): Conditions => [
  idOf(filters.customerId, 'customerId', 'companyID'),
  after(filters.updatedSince, 'lastModifiedTime'),
  after(filters.createdSince, 'createDate'),
  search(filters.q, ['referenceTitle', 'serialNumber']),
  customField,
]

export const contactConditions = (filters: ListFilters, customField?: AutotaskCondition): Conditions => [
  idOf(filters.customerId, 'customerId', 'companyID'),
  after(filters.updatedSince, 'lastModifiedDate'),
  after(filters.createdSince, 'createDate'),
  search(filters.q, ['firstName', 'lastName', 'emailAddress']),
  customField,
]

export const noteConditions = (filters: ListFilters, ticketId: number): Conditions => [
  eq('ticketID', ticketId),
  after(filters.createdSince, 'createDateTime'),
]

/** A ticket's time entries, or every ticket's (`ticketId` undefined): entries on tasks and general time are not. */
export const timeEntryConditions = (filters: ListFilters, ticketId: number | undefined): Conditions => [
  ticketId === undefined ? { op: 'exist', field: 'ticketID' } : eq('ticketID', ticketId),
  idOf(filters.agentId, 'agentId', 'resourceID'),
  after(filters.updatedSince, 'lastModifiedDateTime'),
  after(filters.createdSince, 'createDateTime'),
  after(filters.startedSince, 'startDateTime'),
]
