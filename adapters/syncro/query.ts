import type { FilterName, ListFilters } from '../../src/canonical/list-query.js'
import type { Status } from '../../src/canonical/reference.js'
import { statusesForFilters } from '../../src/mapping/reference-match.js'
import type { QueryValue } from '../../src/vendor-http/client.js'
import type { VendorListedResource } from '../types.js'
import { syncroId } from './map.js'

/** The canonical filters Syncro's list endpoints can apply themselves. */
export const SYNCRO_FILTERS: Record<VendorListedResource, readonly FilterName[]> = {
  tickets: ['status', 'statusId', 'customerId', 'assigneeId', 'updatedSince', 'createdSince', 'q'],
  customers: ['q'],
  assets: ['customerId', 'q'],
  comments: ['createdSince'],
  // The spec documents `customer_id` alone on GET /contacts: no text search, no date.
  contacts: ['customerId'],
  // GET /ticket_timers filters by creation alone (`created_at_gt`, `created_at_lt`); a ticket's entries come whole
  // with the ticket, so the adapter applies the same filter to them (time-entries.ts).
  'time-entries': ['createdSince'],
}

export type SyncroQuery = Record<string, QueryValue>

/**
 * Syncro's `status` parameter takes one status name, and a category covers several. The list is then the
 * union of one query per status name, walked one after the other (they are disjoint, so paging stays exact).
 * Returns no query at all when the filters exclude every status.
 */
export function ticketQueries(filters: ListFilters, statuses: Status[]): SyncroQuery[] {
  const base: SyncroQuery = {
    customer_id: filters.customerId === undefined ? undefined : syncroId(filters.customerId, 'customerId'),
    user_id: filters.assigneeId === undefined ? undefined : syncroId(filters.assigneeId, 'assigneeId'),
    since_updated_at: filters.updatedSince,
    created_after: filters.createdSince,
    query: filters.q,
  }
  const allowed = statusesForFilters('syncro', statuses, filters)
  return allowed === undefined ? [base] : allowed.map((status) => ({ ...base, status: status.name }))
}

export const customerQuery = (filters: ListFilters): SyncroQuery => ({
  query: filters.q,
  // Syncro leaves disabled customers out unless asked; a canonical list holds them, marked active: false.
  include_disabled: true,
})

export const assetQuery = (filters: ListFilters): SyncroQuery => ({
  customer_id: filters.customerId === undefined ? undefined : syncroId(filters.customerId, 'customerId'),
  query: filters.q,
})

export const commentQuery = (filters: ListFilters): SyncroQuery => ({
  sort_by: 'created_at',
  sort_direction: 'ASC',
  created_after: filters.createdSince,
})

export const contactQuery = (filters: ListFilters): SyncroQuery => ({
  customer_id: filters.customerId === undefined ? undefined : syncroId(filters.customerId, 'customerId'),
})

export const timerQuery = (filters: ListFilters): SyncroQuery => ({ created_at_gt: filters.createdSince })
