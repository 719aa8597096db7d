import { describe, expect, it } from 'vitest'
import type { InvoiceRecord } from '../../../sandbox/syncro/index.js'
import { api, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

const invoices = () => [...syncro.db.invoices.values()]
const isPaid = (invoice: InvoiceRecord) => invoice.verified_paid || invoice.tech_marked_paid

/** Every invoice id the list answers for this query, walking all pages. */
async function listedInvoiceIds(query: string): Promise<number[]> {
  const ids: number[] = []
  for (let page = 1; ; page++) {
    const { status, json } = await api(`/invoices?${query}&page=${page}`)
    expect(status).toBe(200)
    ids.push(...json.invoices.map((invoice: { id: number }) => invoice.id))
    if (page >= json.meta.total_pages) return ids
  }
}

const idsWhere = (predicate: (invoice: InvoiceRecord) => boolean) =>
  invoices()
    .filter(predicate)
    .map((invoice) => invoice.id)
    .sort((a, b) => b - a)

describe('seeded invoices', () => {
  it('bill every invoiced ticket once, and a few sales without a ticket, totals summing their lines', () => {
    const invoiced = [...syncro.db.tickets.values()].filter((ticket) => ticket.status === 'Invoiced')
    expect(
      invoices()
        .filter((invoice) => invoice.ticket_id !== null)
        .map((invoice) => invoice.ticket_id)
        .sort(),
    ).toEqual(invoiced.map((ticket) => ticket.id).sort())
    expect(invoices().filter((invoice) => invoice.ticket_id === null).length).toBeGreaterThan(0)
    expect(new Set(invoices().map((invoice) => invoice.number)).size).toBe(invoices().length)
    for (const invoice of invoices()) {
      const lines = invoice.line_items.reduce((sum, line) => sum + line.quantity * Number(line.price), 0)
      expect(Number(invoice.total)).toBeCloseTo(lines, 2)
      expect(invoice.total).toMatch(/^\d+\.\d{1,2}$/)
      expect(syncro.db.customers.has(invoice.customer_id)).toBe(true)
    }
    expect(invoices().some(isPaid)).toBe(true)
    expect(invoices().some((invoice) => !isPaid(invoice))).toBe(true)
  })
})

describe('GET /invoices', () => {
  it('pages 25 a page, newest first', async () => {
    const { status, json } = await api('/invoices')
    expect(status).toBe(200)
    const total = syncro.db.invoices.size
    expect(json.meta).toEqual({
      total_entries: total,
      total_pages: Math.ceil(total / 25),
      page: 1,
      per_page: 25,
    })
    expect(json.invoices.map((invoice: { id: number }) => invoice.id)).toEqual(
      idsWhere(() => true).slice(0, 25),
    )
  })

  it('filters by paid, unpaid, ticket_id and since_updated_at', async () => {
    expect(await listedInvoiceIds('paid=true')).toEqual(idsWhere(isPaid))
    expect(await listedInvoiceIds('unpaid=true')).toEqual(idsWhere((invoice) => !isPaid(invoice)))
    const billed = invoices().find((invoice) => invoice.ticket_id !== null)!
    expect(await listedInvoiceIds(`ticket_id=${billed.ticket_id}`)).toEqual([billed.id])
    const since = invoices()[30]!.updated_at
    expect(await listedInvoiceIds(`since_updated_at=${since}`)).toEqual(
      idsWhere((invoice) => invoice.updated_at >= since),
    )
  })

  it('names the customer as the list example does', async () => {
    const { json } = await api('/invoices')
    const listed = json.invoices[0]
    const customer = syncro.db.customers.get(listed.customer_id)!
    expect(listed.customer_business_then_name).toBe(
      customer.business_name ?? `${customer.firstname} ${customer.lastname}`,
    )
    expect(listed.is_paid).toBe(listed.verified_paid || listed.tech_marked_paid)
  })
})

describe('GET /invoices/{id}', () => {
  it('answers an invoice by id or by number, unwrapped, with its customer and lines', async () => {
    const invoice = invoices()[5]!
    const byId = await api(`/invoices/${invoice.id}`)
    expect(byId.status).toBe(200)
    expect(byId.json).toMatchObject({
      id: invoice.id,
      number: invoice.number,
      total: invoice.total,
      customer: { id: invoice.customer_id },
      payments: [],
    })
    expect(byId.json.line_items.map((line: { name: string }) => line.name)).toEqual(
      invoice.line_items.map((line) => line.name),
    )
    expect((await api(`/invoices/${invoice.number}`)).json).toEqual(byId.json)
  })

  it('answers 404 for an unknown invoice', async () => {
    expect(await api('/invoices/999999')).toMatchObject({ status: 404, json: { message: 'Not found' } })
  })
})
