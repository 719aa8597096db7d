import { queryBoolean } from '../query-params.js'
import type { InvoiceRecord } from '../records.js'
import { idFilter } from './id-filter.js'
import { refuseUnemulatedFilters, UNEMULATED_INVOICE_FILTERS } from './unemulated.js'

type InvoicePredicate = (invoice: InvoiceRecord) => boolean

/**
 * The GET /Invoice filters the emulator applies (spec: paths./Invoice.get.parameters): `client_id`/`client_ids`,
 * `site_id`, `ticket_id`, `postedonly`/`notpostedonly` and `paymentstatuses` (a comma list). The sandbox holds
 * invoices only, no credits, so `includecredits` changes nothing; `invoicedatestart`/`invoicedateend` are booleans
 * in the spec ("Include the field … in the response"), so they are bound as such and filter nothing.
 */
export function invoiceFilter(query: URLSearchParams): InvoicePredicate {
  refuseUnemulatedFilters(query, UNEMULATED_INVOICE_FILTERS)
  queryBoolean(query, 'invoicedatestart')
  queryBoolean(query, 'invoicedateend')
  const predicates = [
    idFilter(query, ['client_id', 'client_ids'], (invoice: InvoiceRecord) => invoice.client_id),
    idFilter(query, ['site_id'], (invoice: InvoiceRecord) => invoice.sitenumber),
    idFilter(query, ['ticket_id'], (invoice: InvoiceRecord) => invoice.ticket_id),
    idFilter(query, ['paymentstatuses'], (invoice: InvoiceRecord) => invoice.paymentstatus),
  ].filter((predicate) => predicate !== undefined)
  if (queryBoolean(query, 'postedonly')) predicates.push((invoice) => invoice.posted)
  if (queryBoolean(query, 'notpostedonly')) predicates.push((invoice) => !invoice.posted)
  return (invoice) => predicates.every((predicate) => predicate(invoice))
}
