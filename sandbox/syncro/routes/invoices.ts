import { matchingById } from '../../shared/id-table.js'
import type { RouteHandler } from '../http-types.js'
import { paginate } from '../paging.js'
import { queryBoolean, queryDate, queryInteger, queryPage } from '../query-params.js'
import type { InvoiceRecord } from '../records.js'
import { notFound } from '../vendor-errors.js'
import { invoiceDetailView, listedInvoiceView } from '../views/invoices.js'
import { recordId } from './record-id.js'

// Syncro's invoices, read only (syncro-openapi.json, tag "Invoice"): the family the gateway's passthrough reaches.

/** The spec: "each 'page' contains 25 results". */
const INVOICES_PER_PAGE = 25

/**
 * The spec's filters: `paid=true` the paid ones, `unpaid=true` the others, `ticket_id`, `since_updated_at`
 * (updated at or after it). Newest first (id descending: the spec names no order, our choice, as for tickets).
 */
export const listInvoices: RouteHandler = ({ query }, { db }) => {
  const paid = queryBoolean(query, 'paid')
  const unpaid = queryBoolean(query, 'unpaid')
  const ticketId = queryInteger(query, 'ticket_id')
  const updatedSince = queryDate(query, 'since_updated_at')
  const isPaid = (invoice: InvoiceRecord) => invoice.verified_paid || invoice.tech_marked_paid
  const invoices = matchingById(
    db.invoices,
    (invoice) =>
      (!paid || isPaid(invoice)) &&
      (!unpaid || !isPaid(invoice)) &&
      (ticketId === undefined || invoice.ticket_id === ticketId) &&
      (updatedSince === undefined || Date.parse(invoice.updated_at) >= updatedSince),
  )
  const { records, meta } = paginate(invoices, queryPage(query), INVOICES_PER_PAGE, true)
  return { status: 200, body: { invoices: records.map((invoice) => listedInvoiceView(db, invoice)), meta } }
}

/** By id or, failing that, by number ("ID or Number of Invoice to retrieve"); unwrapped, as the spec's schema. */
export const getInvoice: RouteHandler = ({ params }, { db }) => {
  const invoice =
    db.invoices.get(recordId(params.id)) ??
    [...db.invoices.values()].find((candidate) => candidate.number === params.id)
  return invoice ? { status: 200, body: invoiceDetailView(db, invoice) } : notFound()
}
