import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compileConditions, parseConditions } from '../../../sandbox/connectwise/conditions/index.js'
import { parseOrderBy, sortRecords } from '../../../sandbox/connectwise/listing/order-by.js'
import { TICKET_SCHEMA, ticketView } from '../../../sandbox/connectwise/views/tickets.js'
import { api, cw, links, q, tickets, useConnectWiseEmulator } from './helpers.js'

// A list call renders the records of its page, not every record of the table: the gateway's full sync of 5,000
// tickets once spent 50 ms of the emulator's CPU on each call, a page of 25 as much as a page of 1000.

useConnectWiseEmulator()

/** Tickets rendered meanwhile: ticketView looks up each ticket's priority once, and nothing else in a list does. */
function countRenders() {
  const lookups = vi.spyOn(cw.db.priorities, 'get')
  return () => lookups.mock.calls.length
}

afterEach(() => {
  vi.restoreAllMocks()
})

const FORWARD = { headers: { 'pagination-type': 'forward-only' } }
const idsOf = (json: Array<{ id: number }>) => json.map((ticket) => ticket.id)

describe('what a ticket list renders', () => {
  it('renders only the page in id order, whichever way it is asked for', async () => {
    const middle = [...cw.db.tickets.keys()].sort((a, b) => a - b)[200] as number
    expect(cw.db.tickets.size).toBeGreaterThan(500)
    for (const [path, options] of [
      ['/service/tickets', {}],
      ['/service/tickets?page=3&pageSize=25', {}],
      // The gateway's keyset walk: ConnectWiseApi.list asks exactly this.
      [`/service/tickets?${q(`id > ${middle}`)}&orderBy=id%20asc&page=1&pageSize=25`, {}],
      ['/service/tickets?orderBy=id%20desc&page=2&pageSize=25', {}],
      [`/service/tickets?pageSize=25&pageId=${middle}`, FORWARD],
    ] as const) {
      const rendered = countRenders()
      const { status, json } = await api(path, options)
      expect(status, path).toBe(200)
      expect(json, path).toHaveLength(25)
      // Forward-only paging renders one record past the page to know whether a next link is due.
      expect(rendered(), path).toBeLessThanOrEqual(26)
      vi.restoreAllMocks()
    }
  })

  it('counts without rendering unless a condition needs the records', async () => {
    const rendered = countRenders()
    const { json } = await api(`/service/tickets/count?${q('id > 100 and id <= 300')}`)
    expect(json).toEqual({ count: tickets().filter((ticket) => ticket.id > 100 && ticket.id <= 300).length })
    expect(rendered()).toBe(0)
  })

  it('tests only the records of the id range a condition bounds', async () => {
    const rendered = countRenders()
    const { status } = await api(`/service/tickets/count?${q('id >= 11 and id < 21 and closedFlag = false')}`)
    expect(status).toBe(200)
    expect(rendered()).toBe(10)
  })
})

describe("what a ticket's notes cost", () => {
  it("reads the ticket's own notes without walking every note of the site", async () => {
    const ticket = tickets().find((candidate) => cw.db.notesOf(candidate.id).length >= 2)!
    const walked = vi.spyOn(cw.db.notes, 'values')
    const listed = await api(`/service/tickets/${ticket.id}/notes`)
    const counted = await api(`/service/tickets/${ticket.id}/notes/count`)
    expect(walked).not.toHaveBeenCalled()
    const own = [...cw.db.notes.values()].filter((note) => note.ticketId === ticket.id).map((note) => note.id)
    expect(idsOf(listed.json)).toEqual(own.sort((a, b) => a - b))
    expect(counted.json).toEqual({ count: own.length })
  })
})

describe('answers as the whole table would', () => {
  /** What the list answers by definition: every ticket rendered, filtered, sorted, then cut to the page. */
  function expected(conditions: string | undefined, orderBy: string | undefined) {
    const views = tickets().map((ticket) => ticketView(cw.db, ticket))
    const matching = conditions
      ? views.filter(compileConditions(parseConditions(conditions), TICKET_SCHEMA))
      : views
    return sortRecords(matching, orderBy ? parseOrderBy(orderBy, TICKET_SCHEMA) : []).map(
      (view) => view.id as number,
    )
  }

  const idBound = fc
    .tuple(
      fc.constantFrom('id', 'ID', 'Id'),
      fc.constantFrom('=', '<', '<=', '>', '>=', '!='),
      fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double({ min: -5, max: 600, noNaN: true })),
    )
    .map(([field, operator, value]) => `${field} ${operator} ${Number(value.toFixed(2))}`)
  const other = fc.constantFrom(
    'closedFlag = false',
    'board/id = 2',
    'summary like "%a%"',
    'priority/sort >= 3',
    'id in (3, 40, 77, 400)',
  )
  const conditions = fc
    .array(
      fc.oneof(
        idBound,
        other,
        fc.tuple(idBound, idBound).map(([a, b]) => `(${a} or ${b})`),
      ),
      {
        minLength: 0,
        maxLength: 4,
      },
    )
    .chain((parts) =>
      fc.boolean().map((nest) => {
        if (parts.length === 0) return undefined
        // Parentheses make nested `and`s, whose bounds count as the top level's.
        return nest && parts.length > 2
          ? `(${parts.slice(0, 2).join(' and ')}) and ${parts.slice(2).join(' and ')}`
          : parts.join(' and ')
      }),
    )
  const orderBy = fc.constantFrom(undefined, 'id asc', 'ID desc', 'summary desc', 'id desc, summary')

  it('pages and counts every combination of id bounds, other conditions and orders alike', async () => {
    await fc.assert(
      fc.asyncProperty(
        conditions,
        orderBy,
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(1, 7, 100),
        async (conditions, orderBy, page, pageSize) => {
          const all = expected(conditions, orderBy)
          const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) })
          if (conditions) query.set('conditions', conditions)
          if (orderBy) query.set('orderBy', orderBy)
          const listed = await api(`/service/tickets?${query}`)
          expect(idsOf(listed.json)).toEqual(all.slice((page - 1) * pageSize, page * pageSize))
          expect(links(listed).last).toMatch(
            new RegExp(`[?&]page=${Math.max(1, Math.ceil(all.length / pageSize))}$`),
          )
          const counted = await api(`/service/tickets/count?${conditions ? q(conditions) : ''}`)
          expect(counted.json).toEqual({ count: all.length })
        },
      ),
      { numRuns: 60 },
    )
  })

  it('pages forward-only after any pageId alike', async () => {
    await fc.assert(
      fc.asyncProperty(
        conditions,
        fc.integer({ min: 0, max: 600 }),
        fc.constantFrom(1, 7, 100),
        async (conditions, pageId, pageSize) => {
          const following = expected(conditions, undefined).filter((id) => id > pageId)
          const query = new URLSearchParams({ pageId: String(pageId), pageSize: String(pageSize) })
          if (conditions) query.set('conditions', conditions)
          const listed = await api(`/service/tickets?${query}`, FORWARD)
          expect(idsOf(listed.json)).toEqual(following.slice(0, pageSize))
          expect(links(listed).next === undefined).toBe(following.length <= pageSize)
        },
      ),
      { numRuns: 40 },
    )
  })
})
