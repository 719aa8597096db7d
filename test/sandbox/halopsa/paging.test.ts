import { describe, expect, it } from 'vitest'
import { STATUS_TYPE } from '../../../sandbox/halopsa/index.js'
import { api, halo, ticketsWhere, useHaloEmulator } from './helpers.js'

useHaloEmulator()

describe('paging the vendor way', () => {
  it('answers every matching record without pageinate, with record_count', async () => {
    const { json } = await api('/Tickets')
    expect(json.record_count).toBe(halo.db.tickets.size)
    expect(json.tickets).toHaveLength(halo.db.tickets.size)
    expect(json.tickets[0].id).toBeGreaterThan(json.tickets[1].id)
  })

  it('caps with count, without paging', async () => {
    const { json } = await api('/Tickets?count=7')
    expect(json.tickets).toHaveLength(7)
    expect(json.record_count).toBe(halo.db.tickets.size)
    expect((await api('/Client?count=3')).json.clients).toHaveLength(3)
  })

  it('pages with pageinate=true, page_size (default 50, at most 100) and 1-based page_no', async () => {
    const total = halo.db.tickets.size
    const first = await api('/Tickets?pageinate=true')
    expect(first.json.tickets).toHaveLength(50)
    expect(first.json.record_count).toBe(total)
    const third = await api('/Tickets?pageinate=true&page_size=20&page_no=3')
    const all = (await api('/Tickets')).json.tickets.map((ticket: { id: number }) => ticket.id)
    expect(third.json.tickets.map((ticket: { id: number }) => ticket.id)).toEqual(all.slice(40, 60))
    expect((await api('/Tickets?pageinate=true&page_size=500')).json.tickets).toHaveLength(100)
    const past = await api('/Tickets?pageinate=true&page_size=100&page_no=99')
    expect(past.json).toEqual({ record_count: total, tickets: [] })
    expect((await api('/Tickets?pageinate=false&count=2')).json.tickets).toHaveLength(2)
  })

  it('returns every record exactly once over all pages', async () => {
    const ids: number[] = []
    for (let page = 1; ; page++) {
      const { json } = await api(`/Tickets?pageinate=true&page_size=100&page_no=${page}&open_only=true`)
      ids.push(...json.tickets.map((ticket: { id: number }) => ticket.id))
      if (ids.length >= json.record_count) break
    }
    expect(ids.sort((a, b) => a - b)).toEqual(
      ticketsWhere((ticket) => halo.db.statuses.get(ticket.status_id)?.type !== STATUS_TYPE.closed),
    )
  })

  it('answers 400 keyed by parameter for numbers that are not', async () => {
    for (const query of [
      'pageinate=true&page_size=abc',
      'pageinate=true&page_no=0',
      'count=-1',
      'client_id=x',
      'status_id=1,x',
      'open_only=yes',
    ]) {
      const answer = await api(`/Tickets?${query}`)
      expect(answer.status, query).toBe(400)
      expect(Object.keys(answer.json)).toEqual([query.split('&').at(-1)?.split('=')[0]])
    }
  })

  it('orders by any answered field, orderdesc flips, an unknown field is ignored', async () => {
    const byId = (await api('/Tickets?orderdesc=false&count=3')).json.tickets.map(
      (ticket: { id: number }) => ticket.id,
    )
    expect(byId).toEqual([1, 2, 3])
    const byUpdate = (await api('/Tickets?order=last_update&orderdesc=true')).json.tickets
    const updates = byUpdate.map((ticket: { last_update: string }) => Date.parse(`${ticket.last_update}Z`))
    expect(updates).toEqual([...updates].sort((a, b) => b - a))
    const ignored = (await api('/Tickets?order=no_such_field&count=2')).json.tickets
    expect(ignored[0].id).toBeGreaterThan(ignored[1].id)
    const clients = (await api('/Client')).json.clients.map((client: { name: string }) =>
      client.name.toLowerCase(),
    )
    expect(clients).toEqual([...clients].sort())
    const assets = (await api('/Asset?order=inventory_number&orderdesc=true&count=3&includeinactive=true'))
      .json.assets
    expect(assets.map((asset: { id: number }) => asset.id)).toEqual([150, 149, 148])
  })
})
