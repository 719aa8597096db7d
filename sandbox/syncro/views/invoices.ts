import type { SyncroDatabase } from '../database.js'
import type { InvoiceLineItemRecord, InvoiceRecord } from '../records.js'
import { customerBusinessThenName, customerView } from './customers.js'

/**
 * An invoice as `GET /invoices` lists it (the spec's example). `is_paid` is true once paid either way (our reading
 * of `verified_paid` and `tech_marked_paid`; the example has all three false).
 */
export function listedInvoiceView(db: SyncroDatabase, invoice: InvoiceRecord) {
  const customer = db.customers.get(invoice.customer_id)
  return {
    id: invoice.id,
    customer_id: invoice.customer_id,
    customer_business_then_name: customer ? customerBusinessThenName(customer) : null,
    number: invoice.number,
    created_at: invoice.created_at,
    updated_at: invoice.updated_at,
    date: invoice.date,
    due_date: invoice.due_date,
    subtotal: invoice.subtotal,
    total: invoice.total,
    tax: invoice.tax,
    verified_paid: invoice.verified_paid,
    tech_marked_paid: invoice.tech_marked_paid,
    ticket_id: invoice.ticket_id,
    pdf_url: null,
    is_paid: invoice.verified_paid || invoice.tech_marked_paid,
    location_id: invoice.location_id,
    po_number: invoice.po_number,
    contact_id: invoice.contact_id,
    note: invoice.note,
    hardwarecost: invoice.hardwarecost,
    user_id: invoice.user_id,
  }
}

/**
 * `GET /invoices/{id}`, unwrapped as the spec's schema has it: the listed fields, `date_received` (null: payments
 * are not emulated, so `payments` is empty), the customer and the line items.
 */
export function invoiceDetailView(db: SyncroDatabase, invoice: InvoiceRecord) {
  const customer = db.customers.get(invoice.customer_id)
  // Object.assign, not a spread followed by fields: see ticketCore in tickets.ts.
  return Object.assign(listedInvoiceView(db, invoice), {
    date_received: null,
    customer: customer ? customerView(db, customer) : null,
    line_items: invoice.line_items.map((line) => lineItemView(invoice, line)),
    payments: [],
  })
}

/** The spec's line item body's fields, with the invoice's id and the quantity. */
function lineItemView(invoice: InvoiceRecord, line: InvoiceLineItemRecord) {
  return {
    id: line.id,
    invoice_id: invoice.id,
    item: line.item,
    name: line.name,
    quantity: line.quantity,
    price: line.price,
    cost: line.cost,
    taxable: line.taxable,
    discount_dollars: '0.0',
    line_discount_percent: 0,
  }
}
