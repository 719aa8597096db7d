import { describe, expect, it } from 'vitest'
import type { InvoiceRecord } from '../../../sandbox/halopsa/index.js'
import { api, halo, sortedIds, token, tokenFor, useHaloEmulator } from './helpers.js'

// GET /Invoice and GET /Invoice/{id} (the spec's `InvoiceHeader` and `InvoiceDetail`), read-only.

useHaloEmulator()

const invoices = () => [...halo.db.invoices.values()]
const idsWhere = (predicate: (invoice: InvoiceRecord) => boolean) =>
  invoices()
    .filter(predicate)
    .map((invoice) => invoice.id)

describe('invoices', () => {
  it('are seeded for closed tickets with billable time, their lines billing that time', () => {
    expect(invoices().length).toBeGreaterThan(40)
    for (const invoice of invoices()) {
      const ticket = halo.db.tickets.get(invoice.ticket_id as number)
      expect(ticket?.dateclosed).not.toBeNull()
      expect(invoice.client_id).toBe(ticket?.client_id)
      expect(invoice.lines.length).toBeGreaterThan(0)
      const billable = halo.db
        .actionsOf(ticket!.id)
        .filter((action) => action.actisbillable && action.timetaken > action.nonbilltime)
      expect(invoice.lines.map((line) => line.qty_order)).toEqual(
        billable.map((action) => action.timetaken - action.nonbilltime),
      )
    }
    expect(new Set(invoices().map((invoice) => invoice.paymentstatus))).toEqual(new Set([0, 1, 2]))
    expect(new Set(invoices().map((invoice) => invoice.posted))).toEqual(new Set([true, false]))
  })

  it('lists newest first in the vendor envelope, without lines unless includelines', async () => {
    const { status, json } = await api('/Invoice?count=5')
    expect(status).toBe(200)
    expect(json.record_count).toBe(invoices().length)
    expect(json.invoices.map((invoice: { id: number }) => invoice.id)).toEqual(
      idsWhere(() => true)
        .reverse()
        .slice(0, 5),
    )
    expect(json.invoices[0].lines).toBeUndefined()
    const withLines = (await api('/Invoice?count=1&includelines=true')).json.invoices[0]
    expect(withLines.lines.length).toBeGreaterThan(0)
    expect(withLines.lines[0].ihid).toBe(withLines.id)
  })

  it('adds up its lines: revenue, tax, total, amount due', async () => {
    const partPaid = invoices().find((invoice) => invoice.paymentstatus === 1) as InvoiceRecord
    const { json } = await api(`/Invoice/${partPaid.id}?includedetails=true`)
    const net = json.lines.reduce((sum: number, line: { net_amount: number }) => sum + line.net_amount, 0)
    const tax = json.lines.reduce((sum: number, line: { tax_amount: number }) => sum + line.tax_amount, 0)
    expect(json.revenue).toBeCloseTo(net)
    expect(json.tax_total).toBeCloseTo(tax)
    expect(json.total).toBeCloseTo(net + tax)
    expect(json.amountpaid).toBeGreaterThan(0)
    expect(json.amountdue).toBeCloseTo(json.total - json.amountpaid)
    expect(json.client_name).toBe(halo.db.clients.get(partPaid.client_id)?.name)
    expect((await api(`/Invoice/${partPaid.id}`)).json.lines).toBeUndefined()
  })

  it('filters by client, site, ticket, posting and payment status, and pages', async () => {
    const sample = invoices()[3] as InvoiceRecord
    const listed = async (query: string) => sortedIds((await api(`/Invoice?${query}`)).json.invoices)
    expect(await listed(`client_id=${sample.client_id}`)).toEqual(
      idsWhere((invoice) => invoice.client_id === sample.client_id),
    )
    expect(await listed(`site_id=${sample.sitenumber}`)).toEqual(
      idsWhere((invoice) => invoice.sitenumber === sample.sitenumber),
    )
    expect(await listed(`ticket_id=${sample.ticket_id}`)).toEqual([sample.id])
    expect(await listed('notpostedonly=true')).toEqual(idsWhere((invoice) => !invoice.posted))
    expect(await listed('postedonly=true&paymentstatuses=0,1')).toEqual(
      idsWhere((invoice) => invoice.posted && invoice.paymentstatus < 2),
    )
    const page = (await api('/Invoice?pageinate=true&page_size=10&page_no=2&order=id')).json
    expect(page.record_count).toBe(invoices().length)
    expect(page.invoices.map((invoice: { id: number }) => invoice.id)).toEqual(
      idsWhere(() => true).slice(10, 20),
    )
    expect((await api('/Invoice?idonly=true&count=1')).json.invoices[0]).toEqual({
      id: invoices().at(-1)!.id,
    })
  })

  it('refuses the filters it does not emulate, answers 404 for an unknown invoice, and needs read:customers', async () => {
    const refused = await api('/Invoice?contract_id=3')
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.json)).toContain('contract_id')
    expect((await api('/Invoice/999999')).status).toBe(404)
    const ticketsOnly = await tokenFor(halo, { scope: 'read:tickets' })
    expect((await api('/Invoice', { token: ticketsOnly })).status).toBe(403)
    expect((await api('/Invoice/1', { token })).status).toBe(200)
  })
})
