import { haloDateTime } from '../dates.js'
import type { HaloDatabase } from '../database.js'
import { invoiceTotals, lineAmounts } from '../invoice-totals.js'
import type { InvoiceLineRecord, InvoiceRecord } from '../records.js'

/**
 * An invoice as the spec's `InvoiceHeader`, with `lines` (`InvoiceDetail`, their `ihid` the invoice's id) only when
 * asked: GET /Invoice's `includelines`, GET /Invoice/{id}'s `includedetails` ("Include extra objects").
 */
export function invoiceView(db: HaloDatabase, invoice: InvoiceRecord, withLines: boolean) {
  const totals = invoiceTotals(invoice.lines)
  return {
    id: invoice.id,
    invoicenumber: invoice.invoicenumber,
    client_id: invoice.client_id,
    client_name: db.clients.get(invoice.client_id)?.name ?? null,
    sitenumber: invoice.sitenumber,
    site_name: invoice.sitenumber === null ? null : (db.sites.get(invoice.sitenumber)?.name ?? null),
    ticket_id: invoice.ticket_id,
    invoice_date: haloDateTime(invoice.invoice_date),
    duedate: haloDateTime(invoice.duedate),
    posted: invoice.posted,
    dateposted: haloDateTime(invoice.dateposted),
    paymentstatus: invoice.paymentstatus,
    ...totals,
    amountpaid: invoice.amountpaid,
    amountdue: Math.round((totals.total - invoice.amountpaid) * 100) / 100,
    datepaid: haloDateTime(invoice.datepaid),
    notes_1: invoice.notes_1,
    last_modified: haloDateTime(invoice.last_modified),
    ...(withLines ? { lines: invoice.lines.map((line) => lineView(invoice.id, line)) } : {}),
  }
}

function lineView(invoiceId: number, line: InvoiceLineRecord) {
  return {
    id: line.id,
    ihid: invoiceId,
    item_code: line.item_code,
    item_shortdescription: line.item_shortdescription,
    qty_order: line.qty_order,
    unit_price: line.unit_price,
    tax_rate: line.tax_rate,
    ...lineAmounts(line),
    ticket_id: line.ticket_id,
  }
}
