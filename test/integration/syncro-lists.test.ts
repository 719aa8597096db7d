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
  gateway = await startSyncroGateway()
})
afterAll(() => gateway.close())

const seededTickets = () => [...gateway.emulator.db.tickets.values()]
const sortedIds = (records: Array<{ id: string | number }>) => records.map((r) => String(r.id)).sort()

const expectEachOnce = (records: Array<{ id: string }>, expected: Array<{ id: number }>) => {
  expect(new Set(records.map((r) => r.id)).size).toBe(records.length)
  expect(sortedIds(records)).toEqual(sortedIds(expected))
}

describe('vendor calls', () => {
  it('fills a page of 1000 with as few Syncro calls as its page size allows', async () => {
    gateway.emulator.resetStats()
    const response = await gateway.app.inject(`${base}/tickets?pageSize=1000`)
    expect(response.statusCode).toBe(200)
    const total = seededTickets().length
    expect(json<{ data: unknown[] }>(response).data).toHaveLength(Math.min(1000, total))
    expect(gateway.emulator.stats.byRoute['GET /tickets']).toBe(Math.ceil(total / 25))
    // Besides the pages, at most the account settings once (the custom field definitions, cached).
    const settings = gateway.emulator.stats.byRoute['GET /settings'] ?? 0
    expect(settings).toBeLessThanOrEqual(1)
    expect(gateway.emulator.stats.requests).toBe(Math.ceil(total / 25) + settings)
  })

  it('walks every ticket at a page size that splits its pages with one call per Syncro page', async () => {
    gateway.emulator.resetStats()
    const { records } = await walkList(gateway.app, `${base}/tickets`, { pageSize: '40' })
    const total = seededTickets().length
    expectEachOnce(records, seededTickets())
    // Each page that ends inside a Syncro page once fetched it again for the next page.
    expect(gateway.emulator.stats.byRoute['GET /tickets']).toBe(Math.ceil(total / 25))
  })

  it('fetches reference data once for many filtered lists', async () => {
    gateway.emulator.resetStats()
    for (let i = 0; i < 5; i++) {
      expect((await gateway.app.inject(`${base}/tickets?status=new&pageSize=1`)).statusCode).toBe(200)
    }
    expect(gateway.emulator.stats.byRoute['GET /tickets/settings'] ?? 0).toBeLessThanOrEqual(1)
  })

  it('fetches the account settings once for many priority and type reads and writes', async () => {
    gateway.emulator.resetStats()
    for (let i = 0; i < 3; i++) {
      expect((await gateway.app.inject(`${base}/priorities`)).statusCode).toBe(200)
      expect((await gateway.app.inject(`${base}/ticket-types`)).statusCode).toBe(200)
    }
    expect(gateway.emulator.stats.byRoute['GET /settings'] ?? 0).toBeLessThanOrEqual(1)
  })
})

describe('Syncro specifics', () => {
  it("walks a ticket's comments oldest first, hidden ones as internal", async () => {
    const ticket = seededTickets().find((t) => gateway.emulator.db.commentsOf(t.id).length >= 3)!
    const seeded = [...gateway.emulator.db.commentsOf(ticket.id)]
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

  it("serves statuses with stable ids and categories, and the account's priorities and Issue Types", async () => {
    const statuses = json<{ data: Array<{ id: string; name: string; category: string }> }>(
      await gateway.app.inject(`${base}/statuses`),
    ).data
    expect(statuses.map((s) => s.name)).toEqual(gateway.emulator.db.statuses)
    for (const status of statuses) expect(status.category).toBe(CATEGORY_OF[status.name])
    expect(statuses.find((s) => s.name === 'Waiting on Customer')?.id).toBe('waiting-on-customer')
    const priorities = json<{ data: Array<{ name: string; level: string }> }>(
      await gateway.app.inject(`${base}/priorities`),
    ).data
    // GET /settings -> ticket.priorities, in the account's own form (the blank choice is no priority).
    expect(priorities).toEqual([
      { id: '0-urgent', name: '0 Urgent', level: 'critical' },
      { id: '1-high', name: '1 High', level: 'high' },
      { id: '2-normal', name: '2 Normal', level: 'medium' },
      { id: '3-low', name: '3 Low', level: 'low' },
    ])
    // GET /settings -> ticket.problem_types: the Issue Type every ticket carries.
    const types = json<{ data: Array<{ id: string; name: string }> }>(
      await gateway.app.inject(`${base}/ticket-types`),
    ).data
    expect(types.map((t) => t.name)).toEqual(gateway.emulator.db.problemTypes)
    expect(types.find((t) => t.name === 'TuneUp')).toEqual({ id: 'tuneup', name: 'TuneUp', boardId: null })
  })

  it("reads each ticket's priority and type as listed ones, a text not on the list kept as is", async () => {
    const priorities = json<{ data: Array<{ id: string; name: string; level: string }> }>(
      await gateway.app.inject(`${base}/priorities`),
    ).data
    const types = json<{ data: Array<{ id: string; name: string }> }>(
      await gateway.app.inject(`${base}/ticket-types`),
    ).data
    const tickets = json<{
      data: Array<{
        id: string
        priority: { id: string; name: string; level: string } | null
        type: { id: string; name: string } | null
      }>
    }>(await gateway.app.inject(`${base}/tickets?pageSize=1000`)).data
    expect(tickets).toHaveLength(seededTickets().length)
    for (const ticket of tickets) {
      const seeded = gateway.emulator.db.tickets.get(Number(ticket.id))!
      if (seeded.priority === null) expect(ticket.priority).toBeNull()
      else if (seeded.priority === 'Emergency')
        expect(ticket.priority).toEqual({ id: 'emergency', name: 'Emergency', level: 'critical' })
      else expect(priorities).toContainEqual(ticket.priority)
      const type = types.find((t) => t.name === seeded.problem_type)!
      expect(ticket.type).toEqual({ id: type.id, name: type.name })
    }
  })

  it("takes the description from the ticket's first public comment made with it, whatever its title", async () => {
    const tickets = json<{ data: Array<{ id: string; description: string | null }> }>(
      await gateway.app.inject(`${base}/tickets?pageSize=1000`),
    ).data
    const titles = new Set<string>()
    for (const ticket of tickets) {
      const opening = gateway.emulator.db.commentsOf(Number(ticket.id))[0]!
      titles.add(opening.subject)
      expect(ticket.description, ticket.id).toBe(opening.body)
    }
    expect(titles.size).toBeGreaterThan(2)
  })

  it('gets one ticket with its description and, on request, the raw record', async () => {
    const ticket = seededTickets()[10]!
    const plain = json(await gateway.app.inject(`${base}/tickets/${ticket.id}`))
    expect(plain).toMatchObject({ id: String(ticket.id), subject: ticket.subject })
    expect(plain).not.toHaveProperty('remote')
    const initial = gateway.emulator.db.commentsOf(ticket.id)[0]
    expect(plain.description).toBe(initial?.body ?? null)
    const withRemote = json<{ remote: { id: number } }>(
      await gateway.app.inject(`${base}/tickets/${ticket.id}?include=remote`),
    )
    expect(withRemote.remote.id).toBe(ticket.id)
  })
})

describe("a connection's own priority texts", () => {
  it("stand for the account's list when configured, with no call for it", async () => {
    const configured = await startSyncroGateway({ connection: { priorities: ['P1 Now', '3 Later'] } })
    try {
      const response = await configured.app.inject(`${base}/priorities`)
      expect(json<{ data: unknown[] }>(response).data).toEqual([
        { id: 'p1-now', name: 'P1 Now', level: 'critical' },
        { id: '3-later', name: '3 Later', level: 'low' },
      ])
      expect(configured.emulator.stats.byRoute['GET /settings'] ?? 0).toBe(0)
    } finally {
      await configured.close()
    }
  })
})

describe('filters Syncro cannot apply', () => {
  it.each([
    ['/tickets?priority=high', 'priority'],
    ['/customers?updatedSince=2025-01-01T00:00:00Z', 'updatedSince'],
  ])('%s -> 400 unsupported_filter naming syncro and %s', async (path, field) => {
    gateway.emulator.resetStats()
    const response = await gateway.app.inject(`${base}${path}`)
    const problem = json<{ code: string; detail: string; errors?: Array<{ field?: string }> }>(response)
    expect([response.statusCode, problem.code]).toEqual([400, 'unsupported_filter'])
    expect(problem.detail).toContain('syncro')
    expect(problem.errors?.[0]?.field).toBe(field)
    expect(gateway.emulator.stats.requests).toBe(0)
  })
})
