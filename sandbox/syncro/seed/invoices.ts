import { DAY_MS, HOUR_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, utc } from '../../shared/seed.js'
import { decimalText } from '../money.js'
import type {
  CustomerRecord,
  InvoiceLineItemRecord,
  InvoiceRecord,
  TicketRecord,
  TicketTimerRecord,
} from '../records.js'
import { HARDWARE_SALES } from './catalog.js'

const FIRST_NUMBER = 5001
const LABOR_RATE = 125
const FLAT_SUPPORT_FEE = 95
const NET_DAYS = 14
const VERIFIED_PAID = 0.6
const TECH_MARKED_PAID = 0.15
const HARDWARE_INVOICES = 12
const FIRST_SALE_MS = utc('2025-01-01T00:00:00.000Z')
const LAST_SALE_MS = utc('2025-10-31T23:59:59.999Z')

interface InvoiceDraft {
  customer_id: number
  ticket_id: number | null
  contact_id: number | null
  user_id: number | null
  issuedMs: number
  lines: Omit<InvoiceLineItemRecord, 'id'>[]
  hardwarecost: number | null
}

/**
 * An invoice for every Invoiced ticket, a day after it was resolved, billing its charged timer entries at an
 * hourly rate (or a flat fee when none); and a few hardware sales without a ticket. Ids follow the invoice date.
 */
export function seedInvoices(
  random: Random,
  context: {
    tickets: readonly TicketRecord[]
    timers: readonly TicketTimerRecord[]
    customers: readonly CustomerRecord[]
  },
): InvoiceRecord[] {
  const drafts: InvoiceDraft[] = [
    ...context.tickets
      .filter((ticket) => ticket.status === 'Invoiced' && ticket.resolved_at !== null)
      .map((ticket) => ticketInvoice(ticket, context.timers)),
    ...Array.from({ length: HARDWARE_INVOICES }, () => hardwareInvoice(random, context.customers)),
  ].sort((a, b) => a.issuedMs - b.issuedMs)
  let nextLineId = 1
  return drafts.map((draft, index) => {
    const subtotal = draft.lines.reduce((sum, line) => sum + line.quantity * Number(line.price), 0)
    const verifiedPaid = random.chance(VERIFIED_PAID)
    const paidLater = verifiedPaid ? random.int(1, NET_DAYS) * DAY_MS : 0
    const date = draft.issuedMs - (draft.issuedMs % DAY_MS)
    return {
      id: index + 1,
      number: String(FIRST_NUMBER + index),
      customer_id: draft.customer_id,
      ticket_id: draft.ticket_id,
      contact_id: draft.contact_id,
      user_id: draft.user_id,
      location_id: null,
      date: toTimestamp(date),
      due_date: toTimestamp(date + NET_DAYS * DAY_MS),
      subtotal: decimalText(subtotal),
      tax: decimalText(0),
      total: decimalText(subtotal),
      verified_paid: verifiedPaid,
      tech_marked_paid: !verifiedPaid && random.chance(TECH_MARKED_PAID),
      po_number: null,
      note: null,
      hardwarecost: draft.hardwarecost,
      line_items: draft.lines.map((line) => ({ id: nextLineId++, ...line })),
      created_at: toTimestamp(draft.issuedMs),
      updated_at: toTimestamp(draft.issuedMs + paidLater),
    }
  })
}

function ticketInvoice(ticket: TicketRecord, timers: readonly TicketTimerRecord[]): InvoiceDraft {
  const charged = timers.filter((timer) => timer.ticket_id === ticket.id && timer.recorded)
  const lines = charged.map((timer) => ({
    item: 'Labor',
    name: `Ticket #${ticket.number}: ${timer.notes ?? 'Labor'}`,
    quantity: timer.active_duration / 3600,
    price: decimalText(LABOR_RATE),
    cost: decimalText(0),
    taxable: false,
  }))
  return {
    customer_id: ticket.customer_id,
    ticket_id: ticket.id,
    contact_id: ticket.contact_id,
    user_id: ticket.user_id,
    issuedMs: Date.parse(ticket.resolved_at as string) + DAY_MS,
    lines:
      lines.length > 0
        ? lines
        : [
            {
              item: 'Remote Support',
              name: `Ticket #${ticket.number}: ${ticket.subject}`,
              quantity: 1,
              price: decimalText(FLAT_SUPPORT_FEE),
              cost: decimalText(0),
              taxable: false,
            },
          ],
    hardwarecost: null,
  }
}

function hardwareInvoice(random: Random, customers: readonly CustomerRecord[]): InvoiceDraft {
  const sale = random.pick(HARDWARE_SALES)
  const quantity = random.int(1, 3)
  return {
    customer_id: random.pick(customers.filter((customer) => !customer.disabled)).id,
    ticket_id: null,
    contact_id: null,
    user_id: null,
    issuedMs: instantBetween(random, FIRST_SALE_MS, LAST_SALE_MS - HOUR_MS),
    lines: [
      {
        item: sale.item,
        name: sale.name,
        quantity,
        price: decimalText(sale.price),
        cost: decimalText(sale.cost),
        taxable: true,
      },
    ],
    hardwarecost: sale.cost * quantity,
  }
}
