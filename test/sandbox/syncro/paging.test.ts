import { describe, expect, it } from 'vitest'
import { startSyncroEmulator } from '../../../sandbox/syncro/index.js'
import { api, call, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('paging', () => {
  it('answers a fixed page of 25 tickets, newest first, in the vendor envelope', async () => {
    const { status, json } = await api('/tickets')
    expect(status).toBe(200)
    expect(json.meta).toEqual({ total_entries: 320, total_pages: 13, page: 1, per_page: 25 })
    expect(json.tickets.map((ticket: { id: number }) => ticket.id)).toEqual(
      Array.from({ length: 25 }, (_, index) => 320 - index),
    )
  })

  it('ignores per_page and treats an invalid page as page 1', async () => {
    expect((await api('/tickets?per_page=100')).json.meta.per_page).toBe(25)
    expect((await api('/tickets?per_page=100')).json.tickets).toHaveLength(25)
    for (const page of ['0', '-2', 'abc', '']) {
      const { json } = await api(`/tickets?page=${page}`)
      expect(json.meta.page, `page=${page}`).toBe(1)
      expect(json.tickets[0].id).toBe(320)
    }
  })

  it('answers a page past the end with no records and the same meta', async () => {
    const { status, json } = await api('/tickets?page=99')
    expect(status).toBe(200)
    expect(json).toEqual({
      tickets: [],
      meta: { total_entries: 320, total_pages: 13, page: 99, per_page: 25 },
    })
  })

  it('counts zero pages when nothing matches', async () => {
    const { json } = await api('/tickets?customer_id=999999')
    expect(json).toEqual({ tickets: [], meta: { total_entries: 0, total_pages: 0, page: 1, per_page: 25 } })
  })

  it('pages customers by 100 and assets by 25, id ascending', async () => {
    const customers = await api('/customers?per_page=5')
    expect(customers.json.meta).toEqual({ total_entries: 47, total_pages: 1, page: 1, per_page: 100 })
    const customerIds = customers.json.customers.map((customer: { id: number }) => customer.id)
    expect(customerIds).toEqual([...customerIds].sort((a, b) => a - b))

    const assets = await api('/customer_assets?page=2')
    expect(assets.json.meta).toEqual({ total_entries: 150, total_pages: 6, page: 2, per_page: 25 })
    expect(assets.json.assets.map((asset: { id: number }) => asset.id)).toEqual(
      Array.from({ length: 25 }, (_, index) => 26 + index),
    )
  })

  it('uses the configured page sizes', async () => {
    const small = await startSyncroEmulator({ pageSizes: { tickets: 50, customers: 10, assets: 7 } })
    try {
      expect((await call(small, '/tickets')).json.meta).toMatchObject({ per_page: 50, total_pages: 7 })
      expect((await call(small, '/customers')).json.meta).toMatchObject({ per_page: 10, total_pages: 5 })
      expect((await call(small, '/customer_assets')).json.assets).toHaveLength(7)
    } finally {
      await small.close()
    }
  })
})
