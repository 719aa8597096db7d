import { TICKET_FILTERS, type FilterName, type ListFilters } from '../../src/canonical/list-query.js'
import type { QueryValue } from '../../src/vendor-http/client.js'
import type { VendorListedResource } from '../types.js'
import { haloDateParam, haloId } from './map.js'

/**
 * The canonical filters HaloPSA's list parameters can apply. /Tickets takes `priority` as a list of priority ids
 * (spec: "(array of int) Returns tickets based on priority ID's in the array"), the ids of the levels asked.
 * Only /Tickets filters by last update: on /Client
 * and /Asset the spec types `lastupdatefromdate` as a boolean ("Include the field lastupdatefromdate in the
 * response"), so `updatedSince` there is refused as unsupported rather than sent and ignored.
 */
export const HALO_FILTERS: Record<VendorListedResource, readonly FilterName[]> = {
  tickets: TICKET_FILTERS,
  customers: ['q'],
  assets: ['customerId', 'q'],
  comments: ['createdSince'],
  // /Users, like /Client, has no date filter (its `lastupdatefromdate` is the same boolean).
  contacts: ['customerId', 'q'],
  // Applied by the adapter to /Actions' whole answer (timeEntryMatches); /Actions has no client filter.
  'time-entries': ['agentId', 'updatedSince', 'createdSince', 'startedSince'],
}

export type HaloQuery = Record<string, QueryValue>

// Halo's date ranges include their start; the canonical filters mean strictly after, so they start 1 ms later.
const after = (iso: string | undefined) => (iso === undefined ? undefined : haloDateParam(iso, 1))

const idParam = (value: string | undefined, field: string) =>
  value === undefined ? undefined : haloId(value, field)

/**
 * `statusIds`: the statuses the status/statusId filters allow, `priorityIds` the priorities of the levels asked,
 * both already resolved from reference data.
 */
export const ticketQuery = (
  filters: ListFilters,
  statusIds: number[] | undefined,
  priorityIds?: number[],
): HaloQuery => ({
  client_id: idParam(filters.customerId, 'customerId'),
  agent_id: idParam(filters.assigneeId, 'assigneeId'),
  // `status` takes a list of status ids (the spec's "array of int"); `status_id` only one.
  status: statusIds?.join(','),
  priority: priorityIds?.join(','),
  search: filters.q,
  lastupdatefromdate: after(filters.updatedSince),
  // The spec's own spelling.
  datesearch: filters.createdSince === undefined ? undefined : 'dateoccured',
  startdate: after(filters.createdSince),
})

// Halo leaves inactive clients and assets out unless asked; a canonical list holds them, marked as such.
export const clientQuery = (filters: ListFilters): HaloQuery => ({
  includeinactive: true,
  search: filters.q,
})

export const assetQuery = (filters: ListFilters): HaloQuery => ({
  includeinactive: true,
  client_id: idParam(filters.customerId, 'customerId'),
  search: filters.q,
})

// Halo leaves inactive end-users out unless asked, like clients.
export const userQuery = (filters: ListFilters): HaloQuery => ({
  includeinactive: true,
  client_id: idParam(filters.customerId, 'customerId'),
  search: filters.q,
})

export const actionQuery = (ticketId: number, filters: ListFilters): HaloQuery => ({
  ticket_id: ticketId,
  // Halo's own system actions (status changes, SLA events) are no one's comments.
  excludesys: true,
  startdate: after(filters.createdSince),
})

/** Actions with time taken (`timeentriesonly`, the spec's name; it has no description), of one ticket or of all. */
export const timeEntryQuery = (ticketId: number | undefined): HaloQuery => ({
  ticket_id: ticketId,
  timeentriesonly: true,
})
