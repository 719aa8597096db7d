import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Ticket } from '../../src/canonical/ticket.js'
import { json, startGateway, startHaloGateway, type Gateway, type HaloGateway } from '../helpers/gateway.js'
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy.js'
import { walkList } from '../helpers/walk.js'

// HaloPSA specifics the shared connection suite (test/integration/connections/) does not cover.

let gateway: HaloGateway
const base = '/v1/connections/halopsa-test'

beforeAll(async () => {
  gateway = await startHaloGateway()
})
afterAll(() => gateway.close())

const customerPath = () => `${base}/customers/${[...gateway.emulator.db.clients.keys()][0]}`
const statuses = (answers: Array<{ statusCode: number }>) => answers.map((answer) => answer.statusCode)

describe('OAuth tokens', () => {
  it('fetches one token for many concurrent first calls, one more after expiry or near it, and replaces a revoked one once', async () => {
    // Date is faked (the token's lifetime at the emulator and in the gateway's cache both run on it), so the second
    // passes when the test says: 30 calls on a busy machine may take longer than the token lives.
    vi.useFakeTimers({ toFake: ['Date'] })
    const fresh = await startHaloGateway({ emulator: { tokenLifetimeSeconds: 1 } })
    try {
      const url = `${base}/customers/${[...fresh.emulator.db.clients.keys()][0]}`
      const call = (count: number) => Promise.all(Array.from({ length: count }, () => fresh.app.inject(url)))
      expect(statuses(await call(30))).toEqual(Array(30).fill(200))
      expect(fresh.emulator.tokens.issued).toBe(1)

      // Past its lifetime the token is gone: the next callers wait for one new token together.
      vi.advanceTimersByTime(1_000)
      expect(statuses(await call(30))).toEqual(Array(30).fill(200))
      expect(fresh.emulator.tokens.issued).toBe(2)

      // Past half its lifetime it is still served while one refresh runs in the background.
      fresh.emulator.tokens.setLifetimeSeconds(3600)
      vi.advanceTimersByTime(600)
      expect(statuses(await call(10))).toEqual(Array(10).fill(200))
      await vi.waitFor(() => expect(fresh.emulator.tokens.issued).toBe(3))
      expect(statuses(await call(10))).toEqual(Array(10).fill(200))
      expect(fresh.emulator.tokens.issued).toBe(3)

      fresh.emulator.tokens.revokeAll()
      const afterRevoke = await call(30)
      expect(statuses(afterRevoke)).toEqual(Array(30).fill(200))
      expect(fresh.emulator.tokens.issued).toBe(4)
    } finally {
      vi.useRealTimers()
      await fresh.close()
    }
  })

  it.each([
    ['query', undefined, (r: { url: string; body: string }) => r.url === '/auth/token?tenant=sandbox'],
    [
      'form',
      undefined,
      (r: { url: string; body: string }) =>
        r.url === '/auth/token' && new URLSearchParams(r.body).get('tenant') === 'sandbox',
    ],
    [
      'host',
      'sandbox.halopsa.com',
      (r: { url: string; body: string }) =>
        r.url === '/auth/token' && !new URLSearchParams(r.body).has('tenant'),
    ],
  ] as const)('names the tenant to the token endpoint by %s (tenantIn)', async (tenantIn, host, sent) => {
    const proxy = await startRecordingProxy(gateway.emulator.origin, undefined, { host })
    const connection = { ...gateway.connection, id: `halopsa-${tenantIn}`, baseUrl: proxy.origin }
    const tenanted = await startGateway([{ ...connection, tenantIn }])
    try {
      const response = await tenanted.app.inject(`/v1/connections/halopsa-${tenantIn}/customers/1`)
      expect(response.statusCode).toBe(200)
      const tokenCalls = proxy.requests.filter((r) => r.url.startsWith('/auth/token'))
      expect(tokenCalls).toHaveLength(1)
      expect(sent(tokenCalls[0]!)).toBe(true)
    } finally {
      await tenanted.close()
      await proxy.close()
    }
  })

  it.each([
    ['a wrong secret', { clientSecret: 'not-the-secret' }],
    ['a wrong tenant', { tenant: 'someone-else' }],
  ])('answers 502 for %s, naming no secret', async (_, connection) => {
    const wrong = await startGateway([{ ...gateway.connection, id: 'halopsa-wrong', ...connection }])
    try {
      const response = await wrong.app.inject('/v1/connections/halopsa-wrong/customers/1')
      expect([response.statusCode, json(response).code]).toEqual([502, 'vendor_unavailable'])
      expect(json(response)).toMatchObject({ vendor: { status: 401 } })
      for (const text of [response.body, ...wrong.logs]) {
        expect(text).not.toContain('not-the-secret')
        expect(text).not.toContain(gateway.connection.clientSecret)
      }
    } finally {
      await wrong.close()
    }
  })
})

describe('lists', () => {
  it("pages the vendor's way: 100 a call, so a page of 1000 costs ceil(n / 100) calls", async () => {
    await gateway.app.inject(customerPath()) // a token first, so only list calls count below
    gateway.emulator.resetStats()
    const { records } = await walkList(gateway.app, `${base}/tickets`, { pageSize: '1000' })
    const total = gateway.emulator.db.tickets.size
    expect(records).toHaveLength(total)
    expect(gateway.emulator.stats.byRoute['GET /api/Tickets']).toBe(Math.ceil(total / 100))
  })

  it('walks every ticket at a page size that splits its pages with one call per Halo page', async () => {
    await gateway.app.inject(customerPath())
    gateway.emulator.resetStats()
    const { records } = await walkList(gateway.app, `${base}/tickets`, { pageSize: '125' })
    const total = gateway.emulator.db.tickets.size
    expect(new Set(records.map((record) => record.id)).size).toBe(total)
    // Each page that ends inside a Halo page once fetched it again for the next page.
    expect(gateway.emulator.stats.byRoute['GET /api/Tickets']).toBe(Math.ceil(total / 100))
  })

  it.each(['customers', 'assets'])(
    'refuses updatedSince on %s (no date filter on that Halo list) before any call',
    async (resource) => {
      gateway.emulator.resetStats()
      const response = await gateway.app.inject(`${base}/${resource}?updatedSince=2025-01-01T00:00:00Z`)
      expect([response.statusCode, json(response).code]).toEqual([400, 'unsupported_filter'])
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(gateway.emulator.stats.requests).toBe(0)
    },
  )

  it("reads Halo's zone-less dates as UTC", async () => {
    const ticket = [...gateway.emulator.db.tickets.values()][5]!
    const read = json<Ticket>(await gateway.app.inject(`${base}/tickets/${ticket.id}`))
    expect(read.createdAt).toBe(new Date(ticket.dateoccurred).toISOString())
    expect(read.updatedAt).toBe(new Date(ticket.last_update).toISOString())
  })

  it('lists one priority per Halo priority id, and a ticket of any SLA shows its level', async () => {
    const priorities = json<{ data: Array<{ id: string; level: string }> }>(
      await gateway.app.inject(`${base}/priorities`),
    ).data
    const ids = new Set([...gateway.emulator.db.priorities.values()].map((row) => String(row.priorityid)))
    expect(priorities.map((priority) => priority.id).sort()).toEqual([...ids].sort())
    const slas = new Set([...gateway.emulator.db.tickets.values()].map((ticket) => ticket.sla_id))
    expect(slas.size).toBeGreaterThan(1)
  })
})

describe('writes', () => {
  let proxy: RecordingProxy
  let recorded: Gateway
  beforeAll(async () => {
    proxy = await startRecordingProxy(gateway.emulator.origin)
    recorded = await startGateway([{ ...gateway.connection, id: 'halopsa-recorded', baseUrl: proxy.origin }])
  })
  afterAll(async () => {
    await recorded.close()
    await proxy.close()
  })

  it('updates by POSTing a one-item array that carries the id and the changed fields only', async () => {
    const ticket = [...gateway.emulator.db.tickets.values()].find((t) => t.agent_id !== null)!
    const response = await recorded.app.inject({
      method: 'PATCH',
      url: `/v1/connections/halopsa-recorded/tickets/${ticket.id}`,
      payload: { subject: 'Renamed', assigneeId: null },
    })
    expect(response.statusCode).toBe(200)
    const post = proxy.requests.find(
      (request) => request.method === 'POST' && request.url === '/api/Tickets',
    )!
    expect(JSON.parse(post.body)).toEqual([{ id: ticket.id, summary: 'Renamed', agent_id: null }])
    expect(json(response)).toMatchObject({ subject: 'Renamed', assignee: null })
    expect(proxy.requests.some((request) => request.url.startsWith('/auth/token'))).toBe(true)
    expect(proxy.requests.every((request) => !request.url.includes(gateway.connection.clientSecret))).toBe(
      true,
    )
  })

  it("reads a ticket's board from its team name, and writes a boardId as the team's name", async () => {
    const { db } = gateway.emulator
    const stored = [...db.tickets.values()].find((t) => t.team !== null)!
    const team = [...db.teams.values()].find((t) => t.name === stored.team)!
    const read = json<Ticket>(await gateway.app.inject(`${base}/tickets/${stored.id}`))
    expect(read.board).toEqual({ id: String(team.id), name: team.name })
    const listed = (await walkList<Ticket>(gateway.app, `${base}/tickets`, { pageSize: '200' })).records
    expect(listed.find((t) => t.id === String(stored.id))?.board).toEqual(read.board)

    const other = [...db.teams.values()].find((t) => t.name !== stored.team)!
    const response = await recorded.app.inject({
      method: 'PATCH',
      url: `/v1/connections/halopsa-recorded/tickets/${stored.id}`,
      payload: { boardId: String(other.id) },
    })
    expect(response.statusCode).toBe(200)
    expect(json<Ticket>(response).board).toEqual({ id: String(other.id), name: other.name })
    expect(db.tickets.get(stored.id)?.team).toBe(other.name)
    const post = proxy.requests.findLast((r) => r.method === 'POST' && r.url === '/api/Tickets')!
    expect(JSON.parse(post.body)).toEqual([{ id: stored.id, team: other.name }])

    const unknown = await gateway.app.inject({
      method: 'PATCH',
      url: `${base}/tickets/${stored.id}`,
      payload: { boardId: '999' },
    })
    expect([
      unknown.statusCode,
      json<{ errors: Array<{ field: string }> }>(unknown).errors[0]?.field,
    ]).toEqual([400, 'boardId'])
  })

  it('writes comments as actions: internal ones hidden from the user, none mailed', async () => {
    const ticket = [...gateway.emulator.db.tickets.values()][0]!
    for (const visibility of ['internal', 'public'] as const) {
      const response = await gateway.app.inject({
        method: 'POST',
        url: `${base}/tickets/${ticket.id}/comments`,
        payload: { body: `a ${visibility} note`, visibility },
      })
      expect(response.statusCode).toBe(201)
      const stored = gateway.emulator.db.actions.get(Number(json<{ id: string }>(response).id))!
      expect([stored.note, stored.hiddenfromuser, stored.sendemail]).toEqual([
        `a ${visibility} note`,
        visibility === 'internal',
        false,
      ])
    }
  })

  it("names a comment's author from the agent list (an action carries only who_agentid)", async () => {
    const { db } = gateway.emulator
    const ticketId = [...db.tickets.keys()].find((id) =>
      db.actionsOf(id).some((a) => a.who_agentid !== null),
    )!
    const comments = json<{ data: Array<{ id: string; author: { id: string; name: string } | null }> }>(
      await gateway.app.inject(`${base}/tickets/${ticketId}/comments`),
    ).data
    const action = db.actionsOf(ticketId).find((a) => a.who_agentid !== null)!
    const agent = db.agents.get(action.who_agentid!)!
    expect(comments.find((c) => c.id === String(action.id))?.author).toEqual({
      id: String(agent.id),
      name: `${agent.firstname} ${agent.surname}`,
    })
  })

  it('answers 404 for a comment on a ticket Halo does not have', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: `${base}/tickets/999999/comments`,
      payload: { body: 'x' },
    })
    expect([response.statusCode, json(response).code]).toEqual([404, 'not_found'])
  })

  it('keeps serial number, manufacturer and model in the asset fields of those names', async () => {
    const client = [...gateway.emulator.db.clients.values()].find((c) => !c.inactive)!
    const type = [...gateway.emulator.db.assetTypes.values()][0]!
    const response = await gateway.app.inject({
      method: 'POST',
      url: `${base}/assets`,
      payload: {
        name: 'HD-01',
        customerId: String(client.id),
        typeId: String(type.id),
        serialNumber: 'SN-1',
        manufacturer: 'Dell',
        model: 'OptiPlex 7010',
      },
    })
    expect(response.statusCode).toBe(201)
    expect(json(response)).toMatchObject({
      serialNumber: 'SN-1',
      manufacturer: 'Dell',
      model: 'OptiPlex 7010',
    })
  })

  it('writes asset fields with their ids from the asset type (FieldHelper.id), on update too', async () => {
    const { db } = gateway.emulator
    const asset = [...db.assets.values()].find((a) => !a.inactive)!
    const serialId = [...db.assetFields.values()].find((f) => f.name === 'Serial Number')!.id
    const response = await recorded.app.inject({
      method: 'PATCH',
      url: `/v1/connections/halopsa-recorded/assets/${asset.id}`,
      payload: { serialNumber: 'SN-UPDATED' },
    })
    expect(response.statusCode).toBe(200)
    expect(json(response)).toMatchObject({ serialNumber: 'SN-UPDATED' })
    const post = proxy.requests.findLast((r) => r.method === 'POST' && r.url === '/api/Asset')!
    expect(JSON.parse(post.body)).toEqual([
      { id: asset.id, fields: [{ id: serialId, name: 'Serial Number', value: 'SN-UPDATED' }] },
    ])
    expect(proxy.requests.some((r) => r.url === `/api/AssetType/${asset.assettype_id}`)).toBe(true)

    const unknownType = await gateway.app.inject({
      method: 'PATCH',
      url: `${base}/assets/${asset.id}`,
      payload: { typeId: '999', model: 'X' },
    })
    expect([unknownType.statusCode, json(unknownType).code]).toEqual([400, 'validation_failed'])
  })

  it.each([
    ['customers', { name: 'x', email: 'a@b.example' }, 'email'],
    ['customers', { name: 'x', address: { city: 'Leeds' } }, 'address'],
  ])('refuses a %s field Halo keeps elsewhere, before any call', async (resource, body, field) => {
    gateway.emulator.resetStats()
    const response = await gateway.app.inject({ method: 'POST', url: `${base}/${resource}`, payload: body })
    expect([
      response.statusCode,
      json<{ errors: Array<{ field: string }> }>(response).errors[0]?.field,
    ]).toEqual([400, field])
    expect(gateway.emulator.stats.requests).toBe(0)
  })
})

describe('status categories', () => {
  it('derive from the status type Halo gives (its excludeclosed/excludepending lists), whatever the name; statusMap wins', async () => {
    const { db } = gateway.emulator
    const resolved = db.statuses.get(8)!
    const supplier = db.statuses.get(5)!
    const [resolvedName, supplierName] = [resolved.name, supplier.name]
    ;[resolved.name, supplier.name] = ['Finished', 'Third party']
    try {
      const fresh = await startGateway([
        { ...gateway.connection, id: 'halopsa-types' },
        { ...gateway.connection, id: 'halopsa-mapped', statusMap: { Finished: 'resolved' } },
      ])
      try {
        const categories = async (connection: string) =>
          Object.fromEntries(
            json<{ data: Array<{ id: string; category: string }> }>(
              await fresh.app.inject(`/v1/connections/${connection}/statuses`),
            ).data.map((status) => [status.id, status.category]),
          )
        expect(await categories('halopsa-types')).toMatchObject({
          '8': 'closed',
          '5': 'pending',
          '9': 'closed',
        })
        expect(await categories('halopsa-mapped')).toMatchObject({ '8': 'resolved' })
        const ticket = [...db.tickets.values()].find((t) => t.status_id === 5)!
        const read = json<Ticket>(
          await fresh.app.inject(`/v1/connections/halopsa-types/tickets/${ticket.id}`),
        )
        expect(read.status).toEqual({ id: '5', name: 'Third party', category: 'pending' })
      } finally {
        await fresh.close()
      }
    } finally {
      resolved.name = resolvedName
      supplier.name = supplierName
    }
  })
})

describe('priorities of several SLAs', () => {
  it('refuses a level that is another priority in another SLA, asking for the priority id; changes nothing', async () => {
    const { db } = gateway.emulator
    const rows = [...db.priorities.values()]
    const secondSla = Math.max(...rows.map((row) => row.slaid))
    const high = rows.find((row) => row.slaid === secondSla && row.name === 'High')!
    const medium = rows.find((row) => row.slaid === secondSla && row.name === 'Medium')!
    const [highName, mediumName] = [high.name, medium.name]
    ;[high.name, medium.name] = ['Medium', 'High']
    try {
      const fresh = await startGateway([{ ...gateway.connection, id: 'halopsa-slas' }])
      try {
        const ticket = [...db.tickets.values()][0]!
        const before = JSON.stringify(db.tickets.get(ticket.id))
        const response = await fresh.app.inject({
          method: 'PATCH',
          url: `/v1/connections/halopsa-slas/tickets/${ticket.id}`,
          payload: { priority: 'high' },
        })
        expect([
          response.statusCode,
          json<{ errors: Array<{ field: string }> }>(response).errors[0]?.field,
        ]).toEqual([400, 'priority'])
        expect(JSON.stringify(db.tickets.get(ticket.id))).toBe(before)
        const byId = await fresh.app.inject({
          method: 'PATCH',
          url: `/v1/connections/halopsa-slas/tickets/${ticket.id}`,
          payload: { priorityId: String(high.priorityid) },
        })
        expect(byId.statusCode).toBe(200)
        // A level filter would match the other level's tickets in one SLA: refused, naming the field.
        const filtered = await fresh.app.inject('/v1/connections/halopsa-slas/tickets?priority=high')
        expect([
          filtered.statusCode,
          json<{ errors: Array<{ field: string }> }>(filtered).errors[0]?.field,
        ]).toEqual([400, 'priority'])
        const unambiguous = await fresh.app.inject('/v1/connections/halopsa-slas/tickets?priority=critical')
        expect(unambiguous.statusCode).toBe(200)
      } finally {
        await fresh.close()
      }
    } finally {
      high.name = highName
      medium.name = mediumName
    }
  })
})

describe('the tenant rate limit', () => {
  it('answers many callers without a vendor 429 when the limit is small', async () => {
    const limited = await startHaloGateway({ emulator: { rateLimit: { limit: 10, windowMs: 1_000 } } })
    try {
      const url = `${base}/customers/${[...limited.emulator.db.clients.keys()][0]}`
      const answers = await Promise.all(Array.from({ length: 25 }, () => limited.app.inject(url)))
      expect(statuses(answers)).toEqual(Array(25).fill(200))
      expect(limited.emulator.stats.rateLimited).toBe(0)
    } finally {
      await limited.close()
    }
  })
})
