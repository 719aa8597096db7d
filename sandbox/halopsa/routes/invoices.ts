import { invoiceFilter } from '../filters/invoice-filters.js'
import type { RouteHandler } from '../http-types.js'
import { listReply, type ListShape } from '../listing.js'
import { queryBoolean } from '../query-params.js'
import { recordNotFound } from '../vendor-errors.js'
import { invoiceView } from '../views/invoices.js'
import { recordId } from './record-id.js'

/** Newest first, our choice (the spec names no default order); paged with `pageinate` as the spec offers. */
const INVOICE_LIST: ListShape = {
  key: 'invoices',
  defaultOrder: { field: 'id', descending: true },
  pageable: true,
}

/**
 * GET /Invoice: `{"record_count", "invoices": [...]}` (the envelope key as redanthrax/halopsa-node's invoice list
 * reads it, nodes/HaloPSA/actions/invoices/getAll/execute.ts); `idonly=true` answers ids alone, `includelines=true`
 * adds each invoice's lines.
 */
export const listInvoices: RouteHandler = ({ query }, { db }) => {
  const matches = invoiceFilter(query)
  const idOnly = queryBoolean(query, 'idonly') ?? false
  const withLines = queryBoolean(query, 'includelines') ?? false
  const view = (invoice: Parameters<typeof invoiceView>[1]) =>
    idOnly ? { id: invoice.id } : invoiceView(db, invoice, withLines)
  return listReply({ records: db.invoices, matches, view }, query, INVOICE_LIST)
}

/** GET /Invoice/{id}: its lines with `includedetails=true`. */
export const getInvoice: RouteHandler = ({ params, query }, { db }) => {
  const invoice = db.invoices.get(recordId(params.id))
  return invoice
    ? { status: 200, body: invoiceView(db, invoice, queryBoolean(query, 'includedetails') ?? false) }
    : recordNotFound('Invoice', params.id ?? '')
}
