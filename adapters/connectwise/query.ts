import {
  ASSET_FILTERS,
  COMMENT_FILTERS,
  CONTACT_FILTERS,
  CUSTOMER_FILTERS,
  TICKET_FILTERS,
  type FilterName,
  type ListFilters,
} from '../../src/canonical/list-query.js'
import { integerId } from '../../src/mapping/ids.js'
import type { VendorListedResource } from '../types.js'

/** `conditions` can express every canonical filter of every list. */
export const CONNECTWISE_FILTERS: Record<VendorListedResource, readonly FilterName[]> = {
  tickets: TICKET_FILTERS,
  customers: CUSTOMER_FILTERS,
  assets: ASSET_FILTERS,
  comments: COMMENT_FILTERS,
  contacts: CONTACT_FILTERS,
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

export const noteConditions = (filters: ListFilters) => joined([since('dateCreated', filters.createdSince)])

/** Keyset paging: the next page starts after the last id seen, so inserts and deletes never shift it. */
export const afterId = (conditions: string | undefined, lastId: number | undefined) =>
  lastId === undefined ? conditions : joined([conditions && `(${conditions})`, `id > ${lastId}`])
