import {
  ASSET_FILTERS,
  COMMENT_FILTERS,
  CONTACT_FILTERS,
  CUSTOMER_FILTERS,
  TICKET_FILTERS,
  TIME_ENTRY_FILTERS,
  type FilterName,
  type ListFilters,
} from '../../src/canonical/list-query.js'
import type { CustomFieldDefinition, CustomFieldResource } from '../../src/canonical/custom-field.js'
import { validationFailed } from '../../src/errors.js'
import { integerId } from '../../src/mapping/ids.js'
import type { CallContext, VendorListedResource } from '../types.js'
import type { ConnectWiseQuery } from './api.js'

/**
 * `conditions` can express every canonical filter of every list; `customFieldConditions` a custom field's value
 * on the lists of records that have them.
 */
export const CONNECTWISE_FILTERS: Record<VendorListedResource, readonly FilterName[]> = {
  tickets: [...TICKET_FILTERS, 'customField'],
  customers: [...CUSTOMER_FILTERS, 'customField'],
  assets: [...ASSET_FILTERS, 'customField'],
  comments: COMMENT_FILTERS,
  contacts: [...CONTACT_FILTERS, 'customField'],
  // The time entry's company (set from the ticket's) stands for the ticket's customer: see timeEntryConditions.
  'time-entries': TIME_ENTRY_FILTERS,
}

/**
 * Values in the `conditions` language. A string is a literal between double quotes with `\` escaping `"` and
 * `\` itself, so no input (quotes, parentheses, `and`/`or`, brackets, backslashes) can change the structure:
 * every filter stays exactly the comparison (or parenthesised pair) it was written as.
 */
export const quoted = (text: string) => `"${text.replace(/[\\"]/g, (character) => `\\${character}`)}"`

/** Dates go in brackets, to the second (ConnectWise keeps no milliseconds; flooring keeps `>` exact). */
export const bracketed = (iso: string) => `[${new Date(Date.parse(iso)).toISOString().slice(0, 19)}Z]`

const idList = (ids: readonly number[]) => `(${ids.join(',')})`

export const cwId = (value: string, field: string) => integerId('connectwise', value, field)

/** Status and priority filters arrive resolved to vendor ids (the adapter looks them up in reference data). */
export interface ResolvedTicketFilters {
  /** Status ids the status/statusId filters allow; undefined when neither is set. */
  statusIds?: number[]
  /** Priority ids the priority filter allows; undefined when it is not set. */
  priorityIds?: number[]
}

/** One comparison per filter, joined by `and`; `undefined` when there is nothing to filter on. */
const joined = (comparisons: Array<string | undefined>) => {
  const present = comparisons.filter((comparison): comparison is string => comparison !== undefined)
  return present.length ? present.join(' and ') : undefined
}

const since = (field: string, value: string | undefined) =>
  value === undefined ? undefined : `${field} > ${bracketed(value)}`

export function ticketConditions(filters: ListFilters, resolved: ResolvedTicketFilters): string | undefined {
  return joined([
    resolved.statusIds && `status/id in ${idList(resolved.statusIds)}`,
    filters.customerId === undefined ? undefined : `company/id = ${cwId(filters.customerId, 'customerId')}`,
    filters.assigneeId === undefined ? undefined : `owner/id = ${cwId(filters.assigneeId, 'assigneeId')}`,
    resolved.priorityIds && `priority/id in ${idList(resolved.priorityIds)}`,
    since('lastUpdated', filters.updatedSince),
    since('dateEntered', filters.createdSince),
    filters.q === undefined ? undefined : `summary contains ${quoted(filters.q)}`,
  ])
}

export const companyConditions = (filters: ListFilters) =>
  joined([
    since('lastUpdated', filters.updatedSince),
    since('dateEntered', filters.createdSince),
    filters.q === undefined ? undefined : `name contains ${quoted(filters.q)}`,
  ])

export const configurationConditions = (filters: ListFilters) =>
  joined([
    filters.customerId === undefined ? undefined : `company/id = ${cwId(filters.customerId, 'customerId')}`,
    since('lastUpdated', filters.updatedSince),
    since('dateEntered', filters.createdSince),
    filters.q === undefined ? undefined : `name contains ${quoted(filters.q)}`,
  ])

/** A contact's name is two fields: `q` finds either (one parenthesised `or`, its values quoted as any). */
export const contactConditions = (filters: ListFilters) =>
  joined([
    filters.customerId === undefined ? undefined : `company/id = ${cwId(filters.customerId, 'customerId')}`,
    since('lastUpdated', filters.updatedSince),
    since('dateEntered', filters.createdSince),
    filters.q === undefined
      ? undefined
      : `(firstName contains ${quoted(filters.q)} or lastName contains ${quoted(filters.q)})`,
  ])

const badCustomField = (message: string) =>
  validationFailed(`customField: ${message}`, [{ field: 'customField', message }])

/** A YYYY-MM-DD that names a real day (Date.parse rolls 2025-02-30 over into March). */
const isCalendarDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().startsWith(value)

/**
 * `customFieldConditions` for the canonical `customField` filter: the field by id, its value as a literal of the
 * field's type (text and options quoted, numbers and true/false bare, a date in brackets at midnight UTC).
 */
export function customFieldConditions(
  filter: NonNullable<ListFilters['customField']>,
  definitions: readonly CustomFieldDefinition[],
): string {
  const definition = definitions.find((candidate) => candidate.id === filter.id)
  if (!definition) throw badCustomField(`no custom field '${filter.id}' here (GET .../meta lists them)`)
  const { value } = filter
  const literal = (() => {
    switch (definition.type) {
      case 'number':
        return /^-?\d+(\.\d+)?$/.test(value) ? value : undefined
      case 'boolean':
        return value === 'true' || value === 'false' ? value : undefined
      case 'date':
        return isCalendarDate(value) ? `[${value}T00:00:00Z]` : undefined
      default:
        return quoted(value)
    }
  })()
  if (literal === undefined) throw badCustomField(`'${definition.name}' takes a ${definition.type} value`)
  return `id = ${cwId(filter.id, 'customField')} and value = ${literal}`
}

/** A resource's custom field definitions, as the adapter caches them. */
export type CustomFieldDefinitions = (
  resource: CustomFieldResource,
  ctx: CallContext,
) => Promise<CustomFieldDefinition[]>

/** The definitions a write's custom fields are typed by; none read when it writes none. */
export const definitionsFor = (
  definitions: CustomFieldDefinitions,
  resource: CustomFieldResource,
  writes: readonly unknown[] | undefined,
  ctx: CallContext,
): Promise<CustomFieldDefinition[]> =>
  writes === undefined ? Promise.resolve([]) : definitions(resource, ctx)

/** A list query of `conditions`, and `customFieldConditions` when the filters name a custom field. */
export async function listQuery(
  conditions: string | undefined,
  filters: ListFilters,
  custom: { resource: CustomFieldResource; definitions: CustomFieldDefinitions },
  ctx: CallContext,
): Promise<ConnectWiseQuery> {
  if (filters.customField === undefined) return { conditions }
  const definitions = await custom.definitions(custom.resource, ctx)
  return { conditions, customFieldConditions: customFieldConditions(filters.customField, definitions) }
}

/** What time charged to a service ticket says it is charged to (TimeEntry's `chargeToType`). */
export const SERVICE_TICKET = 'ServiceTicket'

/**
 * Time charged to service tickets (`/time/entries` also holds time on project tickets, charge codes and
 * activities), to ticket `ticketId` unless it is ''. `customerId` is the entry's `company`: ConnectWise sets it
 * from the ticket's company when the time is entered (the emulator does; not confirmed on a live ConnectWise
 * whether a ticket moved to another company later moves its entries).
 */
export const timeEntryConditions = (filters: ListFilters, ticketId: number | undefined) =>
  joined([
    `chargeToType = ${quoted(SERVICE_TICKET)}`,
    ticketId === undefined ? undefined : `chargeToId = ${ticketId}`,
    filters.agentId === undefined ? undefined : `member/id = ${cwId(filters.agentId, 'agentId')}`,
    filters.customerId === undefined ? undefined : `company/id = ${cwId(filters.customerId, 'customerId')}`,
    since('lastUpdated', filters.updatedSince),
    since('dateEntered', filters.createdSince),
    since('timeStart', filters.startedSince),
  ])

export const noteConditions = (filters: ListFilters) => joined([since('dateCreated', filters.createdSince)])

/** Keyset paging: the next page starts after the last id seen, so inserts and deletes never shift it. */
export const afterId = (conditions: string | undefined, lastId: number | undefined) =>
  lastId === undefined ? conditions : joined([conditions && `(${conditions})`, `id > ${lastId}`])
