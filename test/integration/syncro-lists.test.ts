import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'
import { walkList } from '../helpers/walk.js'

/** vendors.md, "Mapping notes": Syncro status names -> canonical categories. */
const CATEGORY_OF: Record<string, string> = {
  New: 'new',
  'In Progress': 'open',
  Resolved: 'resolved',
  Invoiced: 'closed',
  'Waiting for Parts': 'pending',
  'Waiting on Customer': 'pending',
  Scheduled: 'pending',
  'Customer Reply': 'pending',
}

let gateway: SyncroGateway
const base = '/v1/connections/syncro-test'

beforeAll(async () => {
  gateway = await startSyncroGateway({
    moreConnections: (emulator) => [
      {
        id: 'syncro-other',
        vendor: 'syncro',
        apiKey: emulator.apiKeys[0]!,
        baseUrl: emulator.baseUrl,
        rateLimit: { limit: 100_000, windowMs: 60_000, scope: 'connection' },
      },
    ],
  })
})
afterAll(() => gateway.close())

const seededTickets = () => [...gateway.emulator.db.tickets.values()]
const sortedIds = (records: Array<{ id: string | number }>) => records.map((r) => String(r.id)).sort()

const expectEachOnce = (records: Array<{ id: string }>, expected: Array<{ id: number }>) => {
  expect(new Set(records.map((r) => r.id)).size).toBe(records.length)
  expect(sortedIds(records)).toEqual(sortedIds(expected))
}

describe('a full walk of the ticket list', () => {
  it('returns every seeded ticket exactly once although Syncro pages are fixed at 25', async () => {
    expect(seededTickets().length).toBeGreaterThanOrEqual(300)
    const { records, pages } = await walkList(gateway.app, `${base}/tickets`, { pageSize: '40' })
    expectEachOnce(records, seededTickets())
    expect(pages).toBe(Math.ceil(seededTickets().length / 40))
  })

  it.each([['open'], ['pending'], ['new,resolved'], ['closed']])(
    'does so filtered by status category %s',
    async (status) => {
      const categories = status.split(',')
      const expected = seededTickets().filter((t) => categories.includes(CATEGORY_OF[t.status]!))
      expect(expected.length).toBeGreaterThan(0)
      const { records } = await walkList<{ id: string; status: { category: string } }>(
        gateway.app,
        `${base}/tickets`,
        {
          pageSize: '40',
          status,
        },
      )
      expectEachOnce(records, expected)
      expect(records.every((t) => categories.includes(t.status.category))).toBe(true)
    },
  )

  it('does so filtered by customerId', async () => {
    const customerId = seededTickets()[0]!.customer_id
    const expected = seededTickets().filter((t) => t.customer_id === customerId)
    const { records } = await walkList(gateway.app, `${base}/tickets`, {
      pageSize: '3',
      customerId: String(customerId),
    })
    expectEachOnce(records, expected)
  })

  it('does so filtered by updatedSince', async () => {
    const times = seededTickets()
      .map((t) => t.updated_at)
      .sort()
    const since = times[Math.floor(times.length / 2)]!
    const expected = seededTickets().filter((t) => Date.parse(t.updated_at) > Date.parse(since))
    const { records } = await walkList(gateway.app, `${base}/tickets`, {
      pageSize: '40',
      updatedSince: since,
    })
    expectEachOnce(records, expected)
  })

  it('does so filtered by createdSince', async () => {
    const times = seededTickets()
      .map((t) => t.created_at)
      .sort()
    const since = times[Math.floor(times.length / 3)]!
    const expected = seededTickets().filter((t) => Date.parse(t.created_at) > Date.parse(since))
    const { records } = await walkList(gateway.app, `${base}/tickets`, {
      pageSize: '50',
      createdSince: since,
    })
    expectEachOnce(records, expected)
  })

  it('does so filtered by one status id', async () => {
    const expected = seededTickets().filter((t) => t.status === 'Waiting on Customer')
    const { records } = await walkList(gateway.app, `${base}/tickets`, {
      pageSize: '10',
      statusId: 'waiting-on-customer',
    })
    expectEachOnce(records, expected)
  })

  it("passes q to Syncro's own search", async () => {
    const word = seededTickets()[0]!.subject.split(' ')[0]!
    const expected = seededTickets().filter((t) => t.subject.toLowerCase().includes(word.toLowerCase()))
    const { records } = await walkList(gateway.app, `${base}/tickets`, { pageSize: '50', q: word })
    expect(records.length).toBeGreaterThan(0)
    expect(records.length).toBeLessThan(seededTickets().length)
    expect(sortedIds(records)).toEqual(expect.arrayContaining(sortedIds(expected)))
  })

  it('does so with status category and customer together', async () => {
    const customerId = seededTickets()[5]!.customer_id
    const expected = seededTickets().filter(
      (t) => t.customer_id === customerId && ['open', 'pending'].includes(CATEGORY_OF[t.status]!),
    )
    const { records } = await walkList(gateway.app, `${base}/tickets`, {
      pageSize: '2',
      status: 'pending,open',
      customerId: String(customerId),
    })
    expectEachOnce(records, expected)
  })
})

describe('vendor calls', () => {
  it('fills a page of 1000 with as few Syncro calls as its page size allows', async () => {
    gateway.emulator.resetStats()
    const response = await gateway.app.inject(`${base}/tickets?pageSize=1000`)
    expect(response.statusCode).toBe(200)
    const total = seededTickets().length
    expect(json<{ data: unknown[] }>(response).data).toHaveLength(Math.min(1000, total))
    expect(gateway.emulator.stats.byRoute['GET /tickets']).toBe(Math.ceil(total / 25))
    expect(gateway.emulator.stats.requests).toBe(Math.ceil(total / 25))
  })

  it('fetches reference data once for many filtered lists', async () => {
    gateway.emulator.resetStats()
    for (let i = 0; i < 5; i++) {
      expect((await gateway.app.inject(`${base}/tickets?status=new&pageSize=1`)).statusCode).toBe(200)
    }
    expect(gateway.emulator.stats.byRoute['GET /tickets/settings'] ?? 0).toBeLessThanOrEqual(1)
  })
})

describe('other lists', () => {
  it('walks customers, disabled ones included and marked inactive', async () => {
    const seeded = [...gateway.emulator.db.customers.values()]
    const { records } = await walkList<{ id: string; active: boolean }>(gateway.app, `${base}/customers`, {
      pageSize: '7',
    })
    expectEachOnce(records, seeded)
    const inactive = records.filter((c) => !c.active).map((c) => Number(c.id))
    expect(inactive.sort()).toEqual(
      seeded
        .filter((c) => c.disabled)
        .map((c) => c.id)
        .sort(),
    )
    expect(inactive.length).toBeGreaterThan(0)
  })

  it('walks assets of one customer', async () => {
    const seeded = [...gateway.emulator.db.assets.values()]
    expect(seeded.length).toBeGreaterThanOrEqual(150)
    expect(sortedIds((await walkList(gateway.app, `${base}/assets`, { pageSize: '40' })).records)).toEqual(
      sortedIds(seeded),
    )
    const customerId = seeded[0]!.customer_id
    const { records } = await walkList(gateway.app, `${base}/assets`, { customerId: String(customerId) })
    expectEachOnce(
      records,
      seeded.filter((a) => a.customer_id === customerId),
    )
  })

  it("walks a ticket's comments oldest first, hidden ones as internal", async () => {
    const ticket = seededTickets().find((t) => gateway.emulator.db.commentsOf(t.id).length >= 3)!
    const seeded = gateway.emulator.db.commentsOf(ticket.id)
    const { records } = await walkList<{ id: string; visibility: string; createdAt: string }>(
      gateway.app,
      `${base}/tickets/${ticket.id}/comments`,
      { pageSize: '2' },
    )
    expectEachOnce(records, seeded)
    const times = records.map((c) => c.createdAt)
    expect(times).toEqual([...times].sort())
    for (const comment of records) {
      const hidden = seeded.find((c) => String(c.id) === comment.id)!.hidden
      expect(comment.visibility).toBe(hidden ? 'internal' : 'public')
    }
  })

  it("filters a ticket's comments by createdSince", async () => {
    const ticket = seededTickets().find((t) => gateway.emulator.db.commentsOf(t.id).length >= 3)!
    const seeded = gateway.emulator.db.commentsOf(ticket.id)
    const since = seeded[0]!.created_at
    const { records } = await walkList(gateway.app, `${base}/tickets/${ticket.id}/comments`, {
      createdSince: since,
    })
    expectEachOnce(
      records,
      seeded.filter((c) => Date.parse(c.created_at) > Date.parse(since)),
    )
  })

  it('answers 502, not an empty page, when Syncro answers a list without its records', async () => {
    gateway.emulator.faults.respond({ status: 200, body: { error: 'unexpected' }, pathPrefix: '/customers' })
    const response = await gateway.app.inject(`${base}/customers`)
    expect([response.statusCode, json(response).code]).toEqual([502, 'vendor_unavailable'])
  })

  it('serves statuses with stable ids and categories, and the configured priorities', async () => {
    const statuses = json<{ data: Array<{ id: string; name: string; category: string }> }>(
      await gateway.app.inject(`${base}/statuses`),
    ).data
    expect(statuses.map((s) => s.name)).toEqual(gateway.emulator.db.statuses)
    for (const status of statuses) expect(status.category).toBe(CATEGORY_OF[status.name])
    expect(statuses.find((s) => s.name === 'Waiting on Customer')?.id).toBe('waiting-on-customer')
    const priorities = json<{ data: Array<{ name: string; level: string }> }>(
      await gateway.app.inject(`${base}/priorities`),
    ).data
    expect(priorities.map((p) => [p.name, p.level])).toEqual([
      ['Urgent', 'critical'],
      ['High', 'high'],
      ['Normal', 'medium'],
      ['Low', 'low'],
    ])
    const types = json<{ data: unknown[] }>(await gateway.app.inject(`${base}/ticket-types`)).data
    expect(types.length).toBe([...gateway.emulator.db.ticketTypes.values()].filter((t) => !t.disabled).length)
  })

  it('gets one ticket with its description and, on request, the raw record', async () => {
    const ticket = seededTickets()[10]!
    const plain = json(await gateway.app.inject(`${base}/tickets/${ticket.id}`))
    expect(plain).toMatchObject({ id: String(ticket.id), subject: ticket.subject })
    expect(plain).not.toHaveProperty('remote')
    const initial = gateway.emulator.db
      .commentsOf(ticket.id)
      .sort((a, b) => a.created_at.localeCompare(b.created_at))[0]
    expect(plain.description).toBe(initial?.body ?? null)
    const withRemote = json<{ remote: { id: number } }>(
      await gateway.app.inject(`${base}/tickets/${ticket.id}?include=remote`),
    )
    expect(withRemote.remote.id).toBe(ticket.id)
  })
})

describe('bad list input changes nothing and gets problem+json', () => {
  const problem = async (url: string) => {
    const response = await gateway.app.inject(url)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    return {
      status: response.statusCode,
      body: json<{ code: string; detail: string; errors?: Array<{ field?: string }> }>(response),
    }
  }

  it.each([
    ['/v1/connections/nope/tickets', 404, 'not_found'],
    [`${base}/tickets?pageSize=0`, 400, 'validation_failed'],
    [`${base}/tickets?pageSize=1001`, 400, 'validation_failed'],
    [`${base}/tickets?pageSize=ten`, 400, 'validation_failed'],
    [`${base}/tickets?cursor=%%%`, 400, 'invalid_cursor'],
    [`${base}/tickets?cursor=eyJ2IjoxfQ`, 400, 'invalid_cursor'],
    [`${base}/tickets?updatedSince=yesterday`, 400, 'validation_failed'],
    [`${base}/tickets?updatedSince=2025-13-45T00:00:00Z`, 400, 'validation_failed'],
    [`${base}/tickets?status=opened`, 400, 'validation_failed'],
    [`${base}/tickets?colour=blue`, 400, 'validation_failed'],
    [`${base}/tickets?priority=high`, 400, 'unsupported_filter'],
    [`${base}/customers?updatedSince=2025-01-01T00:00:00Z`, 400, 'unsupported_filter'],
    [`${base}/tickets?statusId=no-such-status`, 400, 'validation_failed'],
    [`${base}/tickets?customerId=abc`, 400, 'validation_failed'],
    [`${base}/tickets/abc`, 404, 'not_found'],
    [`${base}/tickets/999999`, 404, 'not_found'],
  ])('%s -> %i %s', async (url, status, code) => {
    const before = gateway.emulator.stats.byRoute['GET /tickets'] ?? 0
    const answer = await problem(url)
    expect([answer.status, answer.body.code]).toEqual([status, code])
    expect(answer.body.detail.length).toBeGreaterThan(0)
    if (status === 400) expect(gateway.emulator.stats.byRoute['GET /tickets'] ?? 0).toBe(before)
  })

  it('names the vendor and the filter it cannot apply', async () => {
    const answer = await problem(`${base}/tickets?priority=high`)
    expect(answer.body.detail).toContain('syncro')
    expect(answer.body.errors?.[0]?.field).toBe('priority')
  })

  it('refuses a cursor reused with other filters, or on another list', async () => {
    const first = json<{ nextCursor: string }>(
      await gateway.app.inject(`${base}/tickets?pageSize=5&status=open`),
    )
    expect(
      (await problem(`${base}/tickets?pageSize=5&status=pending&cursor=${first.nextCursor}`)).body.code,
    ).toBe('invalid_cursor')
    expect((await problem(`${base}/customers?pageSize=5&cursor=${first.nextCursor}`)).body.code).toBe(
      'invalid_cursor',
    )
    const same = await gateway.app.inject(`${base}/tickets?pageSize=5&status=open&cursor=${first.nextCursor}`)
    expect(same.statusCode).toBe(200)
  })
})
