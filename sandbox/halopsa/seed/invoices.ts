import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import type {
  ActionRecord,
  ClientRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  SiteRecord,
  TicketRecord,
} from '../records.js'
import { halfOf, invoiceTotals } from '../invoice-totals.js'
import { REFERENCE_MS } from './time.js'

/** Hourly labour rates of the tenant, and its tax rates in percent (our inventions). */
const HOURLY_RATES = [95, 125] as const
const TAX_RATES = [0, 20] as const
const PAYMENT_TERMS_DAYS = 30
const PAYMENT = { unpaid: 0, partPaid: 1, paid: 2 } as const

export interface InvoiceSeedContext {
  clients: readonly ClientRecord[]
  sites: readonly SiteRecord[]
  tickets: readonly TicketRecord[]
  actions: readonly ActionRecord[]
}

/**
 * About half of the closed tickets with billable time are invoiced, a few days after they closed: one labour line
 * per billable action (its hours less the non-billable ones). Ids follow `invoice_date`, as ticket ids follow
 * `dateoccurred`. Most invoices are posted; the older ones are mostly paid.
 */
export function seedInvoices(random: Random, context: InvoiceSeedContext): InvoiceRecord[] {
  const billableByTicket = new Map<number, ActionRecord[]>()
  for (const action of context.actions)
    if (action.actisbillable && action.timetaken > action.nonbilltime)
      billableByTicket.set(action.ticket_id, [...(billableByTicket.get(action.ticket_id) ?? []), action])

  const drafts: Omit<InvoiceRecord, 'id'>[] = []
  let lineId = 1
  for (const ticket of context.tickets) {
    const billable = billableByTicket.get(ticket.id)
    if (!ticket.dateclosed || !billable || !random.chance(0.5)) continue
    const invoiceMs = Math.min(
      Date.parse(ticket.dateclosed) + random.int(1, 5) * DAY_MS,
      REFERENCE_MS - DAY_MS,
    )
    const rate = random.pick(HOURLY_RATES)
    const taxRate = random.pick(TAX_RATES)
    const lines: InvoiceLineRecord[] = billable.map((action) => ({
      id: lineId++,
      item_code: 'LABOUR',
      item_shortdescription: `Labour: ticket ${ticket.id}, ${action.actioncompletiondate?.slice(0, 10) ?? ''}`,
      qty_order: action.timetaken - action.nonbilltime,
      unit_price: rate,
      tax_rate: taxRate,
      ticket_id: ticket.id,
    }))
    const { total } = invoiceTotals(lines)
    const posted = random.chance(0.85)
    const dueMs = invoiceMs + PAYMENT_TERMS_DAYS * DAY_MS
    const paymentstatus = !posted
      ? PAYMENT.unpaid
      : random.pickWeighted([
          [PAYMENT.paid, dueMs < REFERENCE_MS ? 8 : 3],
          [PAYMENT.partPaid, 1],
          [PAYMENT.unpaid, 2],
        ] as const)
    const paidMs = Math.min(invoiceMs + random.int(3, PAYMENT_TERMS_DAYS + 10) * DAY_MS, REFERENCE_MS)
    drafts.push({
      invoicenumber: '',
      client_id: ticket.client_id,
      sitenumber: ticket.site_id,
      ticket_id: ticket.id,
      invoice_date: toTimestamp(invoiceMs),
      duedate: toTimestamp(dueMs),
      posted,
      dateposted: posted ? toTimestamp(invoiceMs) : null,
      paymentstatus,
      amountpaid:
        paymentstatus === PAYMENT.paid ? total : paymentstatus === PAYMENT.partPaid ? halfOf(total) : 0,
      datepaid: paymentstatus === PAYMENT.paid ? toTimestamp(paidMs) : null,
      notes_1: null,
      lines,
      last_modified: toTimestamp(paymentstatus === PAYMENT.unpaid ? invoiceMs : paidMs),
    })
  }
  return drafts
    .sort((a, b) => a.invoice_date.localeCompare(b.invoice_date) || (a.ticket_id ?? 0) - (b.ticket_id ?? 0))
    .map((draft, index) => ({
      ...draft,
      id: index + 1,
      invoicenumber: `INV${String(index + 1).padStart(5, '0')}`,
    }))
}
