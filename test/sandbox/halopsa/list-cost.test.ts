import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TicketRecord } from '../../../sandbox/halopsa/index.js'
import { api, halo, useHaloEmulator } from './helpers.js'

// A ticket list renders the tickets it answers, not every ticket of the tenant: the gateway's pages of 100 once
// cost the emulator 64 ms of CPU each on 5,000 tickets.

useHaloEmulator()

afterEach(() => {
  vi.restoreAllMocks()
})

/** Tickets rendered meanwhile: ticketView names each ticket's priority once, and nothing else in a list does. */
function countRenders() {
  const lookups = vi.spyOn(halo.db, 'priorityOf')
  return () => lookups.mock.calls.length
}

const idsOf = (json: { tickets: Array<{ id: number }> }) => json.tickets.map((ticket) => ticket.id)

describe('what a ticket list renders', () => {
  it('renders only the page when it is ordered by id, filtered or not', async () => {
    expect(halo.db.tickets.size).toBeGreaterThan(300)
    for (const query of [
      // The gateway's walk: HaloApi.list asks exactly this.
      'pageinate=true&page_size=100&page_no=2&order=id&orderdesc=false',
      'pageinate=true&page_size=25&page_no=3',
      'pageinate=true&page_size=25&order=ID&orderdesc=true',
      'count=10',
      'pageinate=true&page_size=20&open_only=true',
    ]) {
      const rendered = countRenders()
      const { status, json } = await api(`/Tickets?${query}`)
      expect(status, query).toBe(200)
      // `order` is a field of the answer: one ticket is rendered to know its fields.
      expect(rendered(), query).toBeLessThanOrEqual(json.tickets.length + (query.includes('order=') ? 1 : 0))
      vi.restoreAllMocks()
    }
  })

  it("names each ticket's priority without walking every priority", async () => {
    const walked = vi.spyOn(halo.db.priorities, 'values')
    const { json } = await api('/Tickets?pageinate=true&page_size=50')
    expect(walked).not.toHaveBeenCalled()
    for (const listed of json.tickets as Array<{ id: number; priority_name: string | null }>) {
      const ticket = halo.db.tickets.get(listed.id) as TicketRecord
      const named = [...halo.db.priorities.values()].find(
        (priority) => priority.slaid === ticket.sla_id && priority.priorityid === ticket.priority_id,
      )
      expect(listed.priority_name).toBe(named?.name ?? null)
    }
  })
})

describe("what a ticket's actions cost", () => {
  it("reads the ticket's own actions without walking every action of the tenant", async () => {
    const walked = vi.spyOn(halo.db.actions, 'values')
    const { json } = await api('/Actions?ticket_id=30')
    expect(walked).not.toHaveBeenCalled()
    vi.restoreAllMocks()
    const own = [...halo.db.actions.values()].filter((action) => action.ticket_id === 30)
    expect(own.length).toBeGreaterThan(1)
    expect(json.actions.map((action: { id: number }) => action.id).sort()).toEqual(
      own.map((action) => action.id).sort(),
    )
  })

  it('files an action moved to another ticket under that ticket', async () => {
    const created = await api('/Actions', {
      method: 'POST',
      body: [{ ticket_id: 31, note: 'Wrong ticket.' }],
    })
    const moved = await api('/Actions', { method: 'POST', body: [{ id: created.json.id, ticket_id: 32 }] })
    expect(moved.status).toBe(200)
    const listedUnder = async (ticketId: number) =>
      (await api(`/Actions?ticket_id=${ticketId}`)).json.actions.map((action: { id: number }) => action.id)
    expect(await listedUnder(31)).not.toContain(created.json.id)
    expect(await listedUnder(32)).toContain(created.json.id)
  })
})

describe('answers as the whole list would', () => {
  const filters: Record<string, (ticket: TicketRecord) => boolean> = {
    '': () => true,
    'open_only=true': (ticket) => !halo.db.isClosedStatus(ticket.status_id),
    'client_id=3': (ticket) => ticket.client_id === 3,
    'agent_id=2': (ticket) => ticket.agent_id === 2,
  }

  it('pages and counts in id order, either way, with or without filters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(filters)),
        fc.constantFrom(undefined, 'order=id', 'order=ID&orderdesc=false', 'order=id&orderdesc=true'),
        fc.oneof(
          fc.tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 6 })).map(([size, page]) => ({
            query: `pageinate=true&page_size=${size}&page_no=${page}`,
            size,
            page,
          })),
          fc
            .integer({ min: 1, max: 400 })
            .map((count) => ({ query: `count=${count}`, size: count, page: 1 })),
        ),
        async (filter, order, window) => {
          const descending = order === undefined || order.endsWith('orderdesc=true') // newest first by default
          const all = [...halo.db.tickets.values()]
            .filter(filters[filter] as (ticket: TicketRecord) => boolean)
            .map((ticket) => ticket.id)
            .sort((a, b) => (descending ? b - a : a - b))
          const query = [filter, order, window.query].filter(Boolean).join('&')
          const { json } = await api(`/Tickets?${query}`)
          const size = Math.min(window.size, window.query.startsWith('count') ? Infinity : 100)
          expect(all.length, filter).toBeGreaterThan(0)
          expect(json.record_count, query).toBe(all.length)
          expect(idsOf(json), query).toEqual(all.slice((window.page - 1) * size, window.page * size))
        },
      ),
      { numRuns: 60 },
    )
  })
})
