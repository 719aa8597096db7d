import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TICKET_FILTERS } from '../../../src/canonical/list-query.js'
import type { Ticket } from '../../../src/canonical/ticket.js'
import { json } from '../../helpers/gateway.js'
import { hostileText } from '../../helpers/hostile.js'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../../helpers/vendors.js'
import { walkList } from '../../helpers/walk.js'

type Filters = Record<string, string[]>

const idsOf = (records: Array<{ id: string }>) => records.map((record) => record.id).sort()

/** Each record once, and exactly the expected ones. */
function expectExactly(records: Array<{ id: string }>, expected: Array<{ id: string }>) {
  expect(new Set(idsOf(records)).size).toBe(records.length)
  expect(idsOf(records)).toEqual(idsOf(expected))
}

const middle = <T>(values: T[], fraction: number) => [...values].sort()[Math.floor(values.length * fraction)]!

/** A value for each canonical ticket filter, and what it means on a canonical ticket. */
function ticketFilterCases(
  tickets: Ticket[],
): Record<(typeof TICKET_FILTERS)[number], [string, (ticket: Ticket) => boolean]> {
  const withCustomer = tickets.find((ticket) => ticket.customer)!
  const withAssignee = tickets.find((ticket) => ticket.assignee)
  const updated = middle(
    tickets.map((ticket) => ticket.updatedAt),
    0.5,
  )
  const created = middle(
    tickets.map((ticket) => ticket.createdAt),
    0.3,
  )
  const statusId = tickets[Math.floor(tickets.length / 3)]!.status.id
  return {
    status: ['open,pending', (ticket) => ['open', 'pending'].includes(ticket.status.category)],
    statusId: [statusId, (ticket) => ticket.status.id === statusId],
    customerId: [withCustomer.customer!.id, (ticket) => ticket.customer?.id === withCustomer.customer!.id],
    assigneeId: [
      withAssignee?.assignee?.id ?? '1',
      (ticket) => ticket.assignee?.id === withAssignee?.assignee?.id,
    ],
    priority: ['critical,high', (ticket) => ['critical', 'high'].includes(ticket.priority?.level ?? '')],
    updatedSince: [updated, (ticket) => Date.parse(ticket.updatedAt) > Date.parse(updated)],
    createdSince: [created, (ticket) => Date.parse(ticket.createdAt) > Date.parse(created)],
    q: ['', () => true], // text search is the vendor's own: checked apart below
  }
}

describe.each(VENDOR_FIXTURES)('$vendor connection: lists', (fixture) => {
  let vendor: VendorUnderTest
  let filters: Filters
  let tickets: Ticket[]

  beforeAll(async () => {
    vendor = await fixture.start()
    filters = json<{ capabilities: { filters: Filters } }>(await vendor.app.inject(vendor.base)).capabilities
      .filters
    tickets = (await walkList<Ticket>(vendor.app, `${vendor.base}/tickets`, { pageSize: '1000' })).records
  })
  afterAll(() => vendor.close())

  it('walks every ticket exactly once, whatever the page size', async () => {
    expect(tickets.length).toBe(vendor.counts().tickets)
    expect(new Set(idsOf(tickets)).size).toBe(tickets.length)
    const { records, pages } = await walkList(vendor.app, `${vendor.base}/tickets`, { pageSize: '40' })
    expectExactly(records, tickets)
    expect(pages).toBe(Math.ceil(tickets.length / 40))
  })

  it.each(TICKET_FILTERS.filter((name) => name !== 'q'))(
    'filters tickets by %s exactly as the canonical meaning says, or refuses it by name',
    async (name) => {
      const [value, matches] = ticketFilterCases(tickets)[name]
      if (!filters.tickets!.includes(name)) {
        vendor.resetStats()
        const response = await vendor.app.inject(
          `${vendor.base}/tickets?${name}=${encodeURIComponent(value)}`,
        )
        expect([response.statusCode, json(response).code]).toEqual([400, 'unsupported_filter'])
        expect(json<{ detail: string }>(response).detail).toContain(vendor.vendor)
        expect(vendor.stats.requests).toBe(0)
        return
      }
      const expected = tickets.filter(matches)
      expect(expected.length).toBeGreaterThan(0)
      expect(expected.length).toBeLessThan(tickets.length)
      const { records } = await walkList(vendor.app, `${vendor.base}/tickets`, {
        pageSize: '30',
        [name]: value,
      })
      expectExactly(records, expected)
    },
  )

  it('combines a status category with a customer', async () => {
    const customerId = tickets.find((ticket) => ticket.customer)!.customer!.id
    const expected = tickets.filter(
      (ticket) => ticket.customer?.id === customerId && ['open', 'pending'].includes(ticket.status.category),
    )
    const { records } = await walkList(vendor.app, `${vendor.base}/tickets`, {
      pageSize: '2',
      status: 'pending,open',
      customerId,
    })
    expectExactly(records, expected)
  })

  it("passes q to the vendor's text search: every ticket whose subject has the word, and not all", async () => {
    const word = tickets[0]!.subject.split(' ')[0]!
    const expected = tickets.filter((ticket) => ticket.subject.toLowerCase().includes(word.toLowerCase()))
    const { records } = await walkList(vendor.app, `${vendor.base}/tickets`, { pageSize: '50', q: word })
    expect(records.length).toBeLessThan(tickets.length)
    expect(idsOf(records)).toEqual(expect.arrayContaining(idsOf(expected)))
  })

  it('carries any search text to the vendor as one literal value, whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (q) => {
        vendor.resetStats()
        const response = await vendor.app.inject(
          `${vendor.base}/tickets?${new URLSearchParams({ q, pageSize: '5' })}`,
        )
        expect(response.statusCode).toBe(200)
        const calls = vendor.stats.accepted.filter(
          (request) => `${request.method} ${request.path}` === vendor.ticketListRoute,
        )
        expect(calls.length).toBeGreaterThan(0)
        for (const call of calls) expect(vendor.searchesIn(call)).toEqual([q])
      }),
      { numRuns: 40 },
    )
  })

  it('agrees with its own reference data: each status and priority a ticket carries is listed alike', async () => {
    const statuses = json<{ data: Array<{ id: string; category: string }> }>(
      await vendor.app.inject(`${vendor.base}/statuses`),
    ).data
    const priorities = json<{ data: Array<{ id: string; level: string }> }>(
      await vendor.app.inject(`${vendor.base}/priorities`),
    ).data
    const types = json<{ data: unknown[] }>(await vendor.app.inject(`${vendor.base}/ticket-types`)).data
    expect([statuses.length, priorities.length, types.length].every((n) => n > 0)).toBe(true)
    const category = new Map(statuses.map((status) => [status.id, status.category]))
    const level = new Map(priorities.map((priority) => [priority.id, priority.level]))
    for (const ticket of tickets) {
      expect(category.get(ticket.status.id)).toBe(ticket.status.category)
      if (ticket.priority && level.has(ticket.priority.id))
        expect(level.get(ticket.priority.id)).toBe(ticket.priority.level)
    }
    expect(new Set(tickets.map((ticket) => ticket.status.category)).size).toBeGreaterThanOrEqual(3)
  })

  it('gets one ticket as the list shows it and, on request, with the raw record', async () => {
    const listed = tickets[10]!
    const plain = json<Ticket>(await vendor.app.inject(`${vendor.base}/tickets/${listed.id}`))
    const { description: _listed, ...rest } = listed
    expect(plain).toMatchObject(rest)
    expect(plain).not.toHaveProperty('remote')
    const withRemote = json<{ remote: { id: number | string } }>(
      await vendor.app.inject(`${vendor.base}/tickets/${listed.id}?include=remote`),
    )
    expect(String(withRemote.remote.id)).toBe(listed.id)
  })

  it('walks customers, each once, inactive ones included', async () => {
    const { records } = await walkList<{ id: string; active: boolean }>(
      vendor.app,
      `${vendor.base}/customers`,
      {
        pageSize: '7',
      },
    )
    expect(records.length).toBe(vendor.counts().customers)
    expect(new Set(idsOf(records)).size).toBe(records.length)
    expect(records.some((customer) => !customer.active)).toBe(true)
  })

  it('walks assets, and the assets of one customer', async () => {
    const { records } = await walkList<{ id: string; customer: { id: string } | null }>(
      vendor.app,
      `${vendor.base}/assets`,
      { pageSize: '40' },
    )
    expect(records.length).toBe(vendor.counts().assets)
    const customerId = records[0]!.customer!.id
    const ofCustomer = await walkList(vendor.app, `${vendor.base}/assets`, { customerId, pageSize: '3' })
    expectExactly(
      ofCustomer.records,
      records.filter((asset) => asset.customer?.id === customerId),
    )
  })

  it("walks a ticket's comments oldest first, and filters them by createdSince", async () => {
    const ticketId = vendor.sample().ticketWithComments
    const path = `${vendor.base}/tickets/${ticketId}/comments`
    const { records } = await walkList<{ id: string; createdAt: string; ticketId: string }>(
      vendor.app,
      path,
      {
        pageSize: '2',
      },
    )
    expect(records.length).toBe(vendor.counts().comments(ticketId))
    expect(new Set(idsOf(records)).size).toBe(records.length)
    const times = records.map((comment) => comment.createdAt)
    expect(times).toEqual([...times].sort())
    expect(records.every((comment) => comment.ticketId === ticketId)).toBe(true)
    const since = times[0]!
    const later = await walkList(vendor.app, path, { createdSince: since })
    expectExactly(
      later.records,
      records.filter((comment) => Date.parse(comment.createdAt) > Date.parse(since)),
    )
  })

  it('answers 502, not an empty page, when the vendor answers a list without its records', async () => {
    vendor.faults.respond({ status: 200, body: { error: 'unexpected' }, pathPrefix: vendor.paths.customers })
    const response = await vendor.app.inject(`${vendor.base}/customers`)
    expect([response.statusCode, json(response).code]).toEqual([502, 'vendor_unavailable'])
  })

  describe('bad list input changes nothing and gets problem+json', () => {
    it.each([
      ['/v1/connections/nope/tickets', 404, 'not_found'],
      ['/tickets?pageSize=0', 400, 'validation_failed'],
      ['/tickets?pageSize=1001', 400, 'validation_failed'],
      ['/tickets?pageSize=ten', 400, 'validation_failed'],
      ['/tickets?pageSize=1e2', 400, 'validation_failed'],
      ['/tickets?pageSize=0x10', 400, 'validation_failed'],
      ['/tickets?pageSize=%2010', 400, 'validation_failed'],
      ['/tickets?q=printer%0D%0Aoffline', 400, 'validation_failed'],
      ['/tickets?q=printer%00', 400, 'validation_failed'],
      ['/tickets?updatedSince=0001-01-01T00:00:00Z', 400, 'validation_failed'],
      ['/tickets?cursor=%%%', 400, 'invalid_cursor'],
      ['/tickets?cursor=eyJ2IjoxfQ', 400, 'invalid_cursor'],
      ['/tickets?updatedSince=yesterday', 400, 'validation_failed'],
      ['/tickets?updatedSince=2025-13-45T00:00:00Z', 400, 'validation_failed'],
      ['/tickets?updatedSince=2016-12-31T23:59:60Z', 400, 'validation_failed'],
      ['/tickets?createdSince=2024-01-01T00:00:00%2B01', 400, 'validation_failed'],
      ['/tickets?status=opened', 400, 'validation_failed'],
      ['/tickets?colour=blue', 400, 'validation_failed'],
      ['/tickets?statusId=no-such-status', 400, 'validation_failed'],
      ['/tickets?customerId=abc', 400, 'validation_failed'],
      ['/tickets/abc', 404, 'not_found'],
      ['/tickets/999999', 404, 'not_found'],
      // A missing ticket has no comments or time entries to list: a 404, not an empty page, whatever the vendor.
      ['/tickets/999999/comments', 404, 'not_found'],
      ['/tickets/999999/time-entries', 404, 'not_found'],
      ['/tickets/0', 404, 'not_found'],
      ['/customers/007', 404, 'not_found'],
    ])('%s -> %i %s', async (path, status, code) => {
      vendor.resetStats()
      const url = path.startsWith('/v1/') ? path : `${vendor.base}${path}`
      const response = await vendor.app.inject(url)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      const problem = json<{ code: string; detail: string }>(response)
      expect([response.statusCode, problem.code]).toEqual([status, code])
      expect(problem.detail.length).toBeGreaterThan(0)
      const ticketCalls = Object.entries(vendor.stats.byRoute)
        .filter(([route]) => route.startsWith(vendor.ticketListRoute) && !route.includes(':id'))
        .reduce((sum, [, count]) => sum + count, 0)
      if (status === 400) expect(ticketCalls).toBe(0)
    })

    it('refuses a cursor reused with other filters, or on another list', async () => {
      const first = json<{ nextCursor: string }>(
        await vendor.app.inject(`${vendor.base}/tickets?pageSize=5&status=open`),
      )
      const reused = async (url: string) => json(await vendor.app.inject(`${vendor.base}${url}`)).code
      expect(await reused(`/tickets?pageSize=5&status=pending&cursor=${first.nextCursor}`)).toBe(
        'invalid_cursor',
      )
      expect(await reused(`/customers?pageSize=5&cursor=${first.nextCursor}`)).toBe('invalid_cursor')
      const same = await vendor.app.inject(
        `${vendor.base}/tickets?pageSize=5&status=open&cursor=${first.nextCursor}`,
      )
      expect(same.statusCode).toBe(200)
    })
  })
})
