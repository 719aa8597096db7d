import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseConditions, type ConditionNode } from '../../sandbox/connectwise/index.js'
import type { Ticket } from '../../src/canonical/ticket.js'
import {
  defaultBoardOf,
  json,
  startConnectWiseGateway,
  startGateway,
  type ConnectWiseGateway,
  type Gateway,
} from '../helpers/gateway.js'
import { hostileText } from '../helpers/hostile.js'
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy.js'
import { walkList } from '../helpers/walk.js'

// ConnectWise specifics the shared connection suite (test/integration/connections/) does not cover.

let gateway: ConnectWiseGateway
const base = '/v1/connections/connectwise-test'

beforeAll(async () => {
  gateway = await startConnectWiseGateway()
})
afterAll(() => gateway.close())

const send = (method: 'POST' | 'PATCH', path: string, payload: unknown) =>
  gateway.app.inject({ method, url: `${base}${path}`, payload: payload as string })

/** The `conditions` of every list call the emulator accepted since the last reset. */
const receivedConditions = (path: string) =>
  gateway.emulator.stats.accepted
    .filter((request) => request.method === 'GET' && request.path === path)
    .map((request) => new URLSearchParams(request.query ?? '').get('conditions'))

const comparisonsOf = (node: ConditionNode): ConditionNode[] =>
  node.kind === 'and' || node.kind === 'or' ? node.operands.flatMap(comparisonsOf) : [node]

describe('the conditions the gateway writes', () => {
  it('keeps any search text one literal comparison, and the emulator answers it', async () => {
    const customerId = String([...gateway.emulator.db.companies.keys()][3])
    await fc.assert(
      fc.asyncProperty(hostileText, async (q) => {
        gateway.emulator.resetStats()
        const response = await gateway.app.inject({
          method: 'GET',
          url: `${base}/tickets?${new URLSearchParams({ q, customerId, updatedSince: '2024-01-01T00:00:00Z' })}`,
        })
        expect(response.statusCode).toBe(200)
        const [conditions] = receivedConditions('/service/tickets')
        const comparisons = comparisonsOf(parseConditions(conditions!))
        expect(comparisons).toHaveLength(3)
        expect(comparisons).toContainEqual({
          kind: 'comparison',
          field: 'summary',
          operator: 'contains',
          value: { type: 'string', value: q },
        })
        const expected = [...gateway.emulator.db.tickets.values()].filter(
          (ticket) =>
            ticket.companyId === Number(customerId) &&
            ticket.summary.toLowerCase().includes(q.toLowerCase()) &&
            Date.parse(ticket.info.lastUpdated) > Date.parse('2024-01-01T00:00:00Z'),
        )
        expect(json<{ data: unknown[] }>(response).data).toHaveLength(Math.min(25, expected.length))
      }),
      { numRuns: 60 },
    )
  })

  it('does the same for customer and asset search', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (q) => {
        gateway.emulator.resetStats()
        const customers = await gateway.app.inject(`${base}/customers?${new URLSearchParams({ q })}`)
        const assets = await gateway.app.inject(
          `${base}/assets?${new URLSearchParams({ q, customerId: '7' })}`,
        )
        expect([customers.statusCode, assets.statusCode]).toEqual([200, 200])
        for (const [path, count] of [
          ['/company/companies', 1],
          ['/company/configurations', 2],
        ] as const) {
          const comparisons = comparisonsOf(parseConditions(receivedConditions(path)[0]!))
          expect(comparisons).toHaveLength(count)
          expect(comparisons).toContainEqual(
            expect.objectContaining({ field: 'name', value: { type: 'string', value: q } }),
          )
        }
      }),
      { numRuns: 30 },
    )
  })

  it('finds the seeded records whose names are hostile to a naive query builder', async () => {
    const awkward = [...gateway.emulator.db.companies.values()].filter((company) =>
      /["'\\()]|\b(and|or)\b/.test(company.name),
    )
    expect(awkward.length).toBeGreaterThan(3)
    for (const company of awkward) {
      const { records } = await walkList<{ id: string }>(gateway.app, `${base}/customers`, {
        q: company.name,
      })
      expect(records.map((record) => record.id)).toContain(String(company.id))
    }
  })

  it('turns categories and levels into id lists from reference data, one comparison each', async () => {
    gateway.emulator.resetStats()
    const response = await gateway.app.inject(`${base}/tickets?status=closed&priority=critical,high`)
    expect(response.statusCode).toBe(200)
    const comparisons = comparisonsOf(parseConditions(receivedConditions('/service/tickets')[0]!))
    expect(comparisons.map((node) => (node.kind === 'in' ? node.field : 'other'))).toEqual([
      'status/id',
      'priority/id',
    ])
    const statuses = json<{ data: Array<{ id: string; category: string }> }>(
      await gateway.app.inject(`${base}/statuses`),
    ).data
    const closedIds = statuses
      .filter((status) => status.category === 'closed')
      .map((status) => Number(status.id))
    expect(closedIds).toEqual(
      expect.arrayContaining(
        [...gateway.emulator.db.statuses.values()].filter((s) => s.closedStatus).map((s) => s.id),
      ),
    )
    expect(
      (comparisons[0] as { values: Array<{ value: number }> }).values.map((v) => v.value).sort(),
    ).toEqual(closedIds.sort())
  })
})

describe('vendor calls', () => {
  it('lists every ticket in as few calls as the vendor page size allows, and no more', async () => {
    await gateway.app.inject(`${base}/tickets?pageSize=1`) // reference data cached
    gateway.emulator.resetStats()
    const { records } = await walkList(gateway.app, `${base}/tickets`, { pageSize: '1000' })
    expect(records).toHaveLength(gateway.emulator.db.tickets.size)
    expect(gateway.emulator.stats.requests).toBe(Math.ceil(gateway.emulator.db.tickets.size / 1000))
    gateway.emulator.resetStats()
    const small = await walkList(gateway.app, `${base}/tickets`, { pageSize: '100' })
    expect(small.records).toHaveLength(gateway.emulator.db.tickets.size)
    expect(gateway.emulator.stats.requests).toBe(Math.ceil(gateway.emulator.db.tickets.size / 100))
  })

  it('keeps paging exact while tickets are created between pages', async () => {
    const first = json<{ data: Ticket[]; nextCursor: string }>(
      await gateway.app.inject(`${base}/tickets?pageSize=200`),
    )
    const created = json<Ticket>(
      await send('POST', '/tickets', {
        subject: 'Arrived mid-walk',
        customerId: first.data[0]!.customer!.id,
      }),
    )
    let cursor: string | null = first.nextCursor
    const seen = first.data.map((ticket) => ticket.id)
    while (cursor) {
      const page: { data: Ticket[]; nextCursor: string | null } = json(
        await gateway.app.inject(`${base}/tickets?pageSize=200&cursor=${cursor}`),
      )
      seen.push(...page.data.map((ticket) => ticket.id))
      cursor = page.nextCursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toContain(created.id)
    expect(seen).toHaveLength(gateway.emulator.db.tickets.size)
  })
})

describe('writes', () => {
  let proxy: RecordingProxy
  let recorded: Gateway
  beforeAll(async () => {
    proxy = await startRecordingProxy(gateway.emulator.origin)
    recorded = await startGateway([
      {
        ...gateway.connection,
        id: 'connectwise-recorded',
        baseUrl: gateway.emulator.baseUrl.replace(gateway.emulator.origin, proxy.origin),
      },
    ])
  })
  afterAll(async () => {
    await recorded.close()
    await proxy.close()
  })

  it('patches only the fields the caller sent, and pins the API version', async () => {
    const ticket = [...gateway.emulator.db.tickets.values()].find((t) => t.ownerId !== null)!
    const before = structuredClone(ticket)
    const path = `/v1/connections/connectwise-recorded/tickets/${ticket.id}`
    const response = await recorded.app.inject({
      method: 'PATCH',
      url: path,
      payload: { subject: 'Renamed', assigneeId: null },
    })
    expect(response.statusCode).toBe(200)
    const patch = proxy.requests.find((r) => r.method === 'PATCH')!
    expect(JSON.parse(patch.body)).toEqual([
      { op: 'replace', path: 'summary', value: 'Renamed' },
      { op: 'remove', path: 'owner' },
      // ConnectWise's board rules may mail the customer unless told not to (the connection's notifications).
      { op: 'replace', path: 'processNotifications', value: false },
    ])
    expect(patch.headers.accept).toBe('application/vnd.connectwise.com+json; version=2025.8')
    expect(patch.headers.clientid).toBe(gateway.connection.clientId)
    const after = gateway.emulator.db.tickets.get(ticket.id)!
    expect({ ...after, summary: before.summary, ownerId: before.ownerId, info: before.info }).toEqual(before)
  })

  it("resolves a status category on the ticket's board, and refuses a status of another board", async () => {
    const boards = [...gateway.emulator.db.boards.values()].filter((board) => !board.inactiveFlag)
    const other = boards.find((board) => board.id !== defaultBoardOf(gateway.emulator).id)!
    const customerId = String([...gateway.emulator.db.companies.values()].find((c) => !c.deletedFlag)!.id)
    const created = json<Ticket>(
      await send('POST', '/tickets', {
        subject: 'On the other board',
        customerId,
        boardId: String(other.id),
        status: 'pending',
      }),
    )
    expect(created.board?.id).toBe(String(other.id))
    const status = gateway.emulator.db.statuses.get(Number(created.status.id))!
    expect(status.boardId).toBe(other.id)
    expect(created.status.category).toBe('pending')

    const foreign = gateway.emulator.db.statusesOf(defaultBoardOf(gateway.emulator).id)[0]!
    const refused = await send('PATCH', `/tickets/${created.id}`, { statusId: String(foreign.id) })
    expect([
      refused.statusCode,
      json<{ errors: Array<{ field: string }> }>(refused).errors[0]?.field,
    ]).toEqual([422, 'statusId'])

    const closed = await send('PATCH', `/tickets/${created.id}`, { status: 'closed' })
    expect(json<Ticket>(closed).status).toMatchObject({ category: 'closed' })
    expect(gateway.emulator.db.statuses.get(Number(json<Ticket>(closed).status.id))!.boardId).toBe(other.id)
  })

  it('needs a board for a status category when the connection has no default board', async () => {
    const noDefault = await startGateway([
      { ...gateway.connection, id: 'connectwise-nodefault', defaultBoardId: undefined },
    ])
    try {
      const customerId = String([...gateway.emulator.db.companies.keys()][0])
      const before = gateway.emulator.db.tickets.size
      const response = await noDefault.app.inject({
        method: 'POST',
        url: '/v1/connections/connectwise-nodefault/tickets',
        payload: { subject: 'x', customerId, status: 'new' },
      })
      expect([
        response.statusCode,
        json<{ errors: Array<{ field: string }> }>(response).errors[0]?.field,
      ]).toEqual([400, 'boardId'])
      expect(gateway.emulator.db.tickets.size).toBe(before)
    } finally {
      await noDefault.close()
    }
  })

  it('stores the description as the first discussion note and comments with the right flags', async () => {
    const customerId = String([...gateway.emulator.db.companies.values()].find((c) => !c.deletedFlag)!.id)
    const ticket = json<Ticket>(
      await send('POST', '/tickets', { subject: 'Flags', customerId, description: 'Printer jams' }),
    )
    await send('POST', `/tickets/${ticket.id}/comments`, { body: 'Seen by us', visibility: 'internal' })
    await send('POST', `/tickets/${ticket.id}/comments`, { body: 'Told the customer', visibility: 'public' })
    const notes = gateway.emulator.db.notesOf(Number(ticket.id)).sort((a, b) => a.id - b.id)
    expect(notes.map((note) => [note.text, note.detailDescriptionFlag, note.internalAnalysisFlag])).toEqual([
      ['Printer jams', true, false],
      ['Seen by us', false, true],
      ['Told the customer', true, false],
    ])
    expect(ticket.description).toBe('Printer jams')
    const listed = json<{ data: Ticket[] }>(
      await gateway.app.inject(`${base}/tickets?q=Flags&pageSize=5`),
    ).data
    expect(listed.find((t) => t.id === ticket.id)?.description).toBeNull()
  })

  it("translates ConnectWise's field errors back to canonical names", async () => {
    const customerId = String([...gateway.emulator.db.companies.values()].find((c) => !c.deletedFlag)!.id)
    const board = defaultBoardOf(gateway.emulator).id
    const foreignType = [...gateway.emulator.db.types.values()].find((type) => type.boardId !== board)!
    const response = await send('POST', '/tickets', {
      subject: 'x',
      customerId,
      typeId: String(foreignType.id),
    })
    const problem = json<{
      code: string
      errors: Array<{ field?: string }>
      vendor: { status: number; code: string }
    }>(response)
    expect(response.statusCode).toBe(422)
    expect(problem).toMatchObject({
      code: 'validation_failed',
      vendor: { status: 400, code: 'InvalidObject' },
    })
    expect(problem.errors.map((error) => error.field)).toEqual(['typeId'])
  })

  it('refuses what is longer than ConnectWise takes before any write, and takes what fits', async () => {
    const customerId = String([...gateway.emulator.db.companies.values()].find((c) => !c.deletedFlag)!.id)
    gateway.emulator.resetStats()
    const long = await send('POST', '/tickets', { subject: 'é'.repeat(101), customerId })
    expect([long.statusCode, json<{ errors: Array<{ field: string }> }>(long).errors[0]?.field]).toEqual([
      400,
      'subject',
    ])
    const company = await send('POST', '/customers', { name: 'n'.repeat(51) })
    expect([
      company.statusCode,
      json<{ errors: Array<{ field: string }> }>(company).errors[0]?.field,
    ]).toEqual([400, 'name'])
    // A create reads the resource's custom field definitions first (the gateway checks custom fields against
    // them); nothing was written.
    expect(gateway.emulator.stats.accepted.filter((request) => request.method !== 'GET')).toEqual([])
    expect((await send('POST', '/tickets', { subject: 'é'.repeat(100), customerId })).statusCode).toBe(201)
  })

  it.each([
    ['customers', { name: 'x', email: 'a@b.example' }, 'email'],
    ['assets', { name: 'x', customerId: '1', typeId: '1', manufacturer: 'HP' }, 'manufacturer'],
  ])(
    'refuses a %s field ConnectWise cannot store by value, before any call',
    async (resource, body, field) => {
      gateway.emulator.resetStats()
      const response = await send('POST', `/${resource}`, body)
      expect([
        response.statusCode,
        json<{ errors: Array<{ field: string }> }>(response).errors[0]?.field,
      ]).toEqual([400, field])
      expect(gateway.emulator.stats.requests).toBe(0)
    },
  )

  it('refuses a customer without an address before any call, naming the fields ConnectWise takes', async () => {
    gateway.emulator.resetStats()
    const count = gateway.emulator.db.companies.size
    const response = await send('POST', '/customers', { name: 'Harbor Dental', phone: '+1 555 0100' })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
    const problem = json<{ code: string; detail: string; errors: Array<{ field: string }> }>(response)
    expect(problem.code).toBe('validation_failed')
    expect(problem.errors.map((error) => error.field)).toEqual([
      'address.line1',
      'address.line2',
      'address.city',
      'address.region',
      'address.postalCode',
    ])
    expect(gateway.emulator.stats.requests).toBe(0)
    const created = await send('POST', '/customers', {
      name: 'A'.repeat(50),
      address: { postalCode: '97201' },
    })
    expect(created.statusCode).toBe(201)
    const company = gateway.emulator.db.companies.get(Number(json<{ id: string }>(created).id))!
    expect(company.identifier.length).toBeLessThanOrEqual(25)
    expect(gateway.emulator.db.companies.size).toBe(count + 1)
  })
})

describe('reference data', () => {
  it('categorises statuses as vendors.md says: the closed flag first, then the name', async () => {
    const statuses = json<{ data: Array<{ id: string; name: string; category: string; boardId: string }> }>(
      await gateway.app.inject(`${base}/statuses`),
    ).data
    expect(statuses).toHaveLength(gateway.emulator.db.statuses.size)
    for (const status of statuses) {
      const vendor = gateway.emulator.db.statuses.get(Number(status.id))!
      expect(status.boardId).toBe(String(vendor.boardId))
      if (vendor.closedStatus) expect(status.category).toBe('closed')
      else if (/^new\b/i.test(vendor.name)) expect(status.category).toBe('new')
      else if (/^waiting\b/i.test(vendor.name)) expect(status.category).toBe('pending')
      else if (/^(in progress|assigned|open)\b/i.test(vendor.name)) expect(status.category).toBe('open')
    }
  })

  it("reads no board's statuses to list or read tickets", async () => {
    const fresh = await startConnectWiseGateway()
    try {
      const id = [...fresh.emulator.db.tickets.keys()][0]
      expect(
        (await fresh.app.inject('/v1/connections/connectwise-test/tickets?pageSize=50')).statusCode,
      ).toBe(200)
      expect((await fresh.app.inject(`/v1/connections/connectwise-test/tickets/${id}`)).statusCode).toBe(200)
      const routes = Object.keys(fresh.emulator.stats.byRoute)
      expect(routes.filter((route) => route.includes('/service/boards'))).toEqual([])
    } finally {
      await fresh.close()
    }
  })
})

describe('more writes', () => {
  const customerId = () => String([...gateway.emulator.db.companies.values()].find((c) => !c.deletedFlag)!.id)

  it('never shows a first discussion note that is also flagged internal as the description', async () => {
    const ticket = json<Ticket>(
      await send('POST', '/tickets', { subject: 'Hidden first note', customerId: customerId() }),
    )
    const member = gateway.emulator.members[0]!
    const answer = await request(`${gateway.emulator.baseUrl}/service/tickets/${ticket.id}/notes`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${gateway.emulator.companyId}+${member.publicKey}:${member.privateKey}`).toString('base64')}`,
        clientid: gateway.connection.clientId,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        text: 'SECRET analysis',
        detailDescriptionFlag: true,
        internalAnalysisFlag: true,
      }),
    })
    expect(answer.statusCode).toBe(201)
    await answer.body.dump()
    const read = json<Ticket>(await gateway.app.inject(`${base}/tickets/${ticket.id}`))
    expect(read.description).toBeNull()
    const comments = json<{ data: Array<{ body: string; visibility: string }> }>(
      await gateway.app.inject(`${base}/tickets/${ticket.id}/comments`),
    ).data
    expect(comments).toEqual([expect.objectContaining({ body: 'SECRET analysis', visibility: 'internal' })])
  })

  it("sends a ticket created with another board's status to that board, despite the default board", async () => {
    const other = [...gateway.emulator.db.boards.values()].find(
      (board) => !board.inactiveFlag && board.id !== defaultBoardOf(gateway.emulator).id,
    )!
    const status = gateway.emulator.db.statusesOf(other.id).find((s) => !s.inactive)!
    const created = await send('POST', '/tickets', {
      subject: 'x',
      customerId: customerId(),
      statusId: String(status.id),
    })
    expect(created.statusCode).toBe(201)
    expect(json<Ticket>(created)).toMatchObject({
      board: { id: String(other.id) },
      status: { id: String(status.id) },
    })
  })

  it('moves a ticket to another board keeping its status category there', async () => {
    const created = json<Ticket>(
      await send('POST', '/tickets', { subject: 'Mover', customerId: customerId(), status: 'new' }),
    )
    const other = [...gateway.emulator.db.boards.values()].find(
      (board) => !board.inactiveFlag && String(board.id) !== created.board!.id,
    )!
    const moved = await send('PATCH', `/tickets/${created.id}`, { boardId: String(other.id) })
    expect(moved.statusCode).toBe(200)
    const ticket = json<Ticket>(moved)
    expect(ticket.board?.id).toBe(String(other.id))
    expect(ticket.status.category).toBe('new')
    expect(gateway.emulator.db.statuses.get(Number(ticket.status.id))!.boardId).toBe(other.id)
  })

  it('answers the record unchanged, without a PATCH, when an update holds nothing ConnectWise stores', async () => {
    const company = [...gateway.emulator.db.companies.values()].find((c) => !c.deletedFlag)!
    gateway.emulator.resetStats()
    const response = await send('PATCH', `/customers/${company.id}`, { email: null })
    expect([response.statusCode, json(response).name]).toEqual([200, company.name])
    expect(Object.keys(gateway.emulator.stats.byRoute)).toEqual(['GET /company/companies/:id'])
  })
})

describe('credentials and the member rate limit', () => {
  it('answers 502 when ConnectWise refuses the keys, naming no secret', async () => {
    const wrong = await startGateway([
      { ...gateway.connection, id: 'connectwise-wrong', privateKey: 'not-the-key' },
    ])
    try {
      const response = await wrong.app.inject('/v1/connections/connectwise-wrong/customers/1')
      expect([response.statusCode, json(response).code]).toEqual([502, 'vendor_unavailable'])
      expect(json(response)).toMatchObject({ vendor: { status: 401, code: 'InvalidCredentials' } })
      expect(response.body).not.toContain('not-the-key')
      expect(response.body).not.toContain(gateway.connection.privateKey)
    } finally {
      await wrong.close()
    }
  })

  it('holds its calls when X-RateLimit-Remaining says another app spent the quota', async () => {
    const limited = await startConnectWiseGateway({ emulator: { rateLimit: { limit: 5, windowMs: 1_500 } } })
    try {
      const { emulator, connection } = limited
      const member = emulator.members[0]!
      const headers = {
        authorization: `Basic ${Buffer.from(`${emulator.companyId}+${member.publicKey}:${member.privateKey}`).toString('base64')}`,
        clientid: connection.clientId,
      }
      for (let i = 0; i < 4; i++) {
        const answer = await request(`${emulator.baseUrl}/company/companies/1`, { headers })
        await answer.body.dump()
      }
      const first = await limited.app.inject(`/v1/connections/connectwise-test/customers/1`)
      const second = await limited.app.inject(`/v1/connections/connectwise-test/customers/2`)
      expect([first.statusCode, second.statusCode]).toEqual([200, 200])
      expect(emulator.stats.rateLimited).toBe(0)
    } finally {
      await limited.close()
    }
  })

  it('shares one bucket among the connections of one API member', async () => {
    const emulatorLimit = { limit: 12, windowMs: 1_000 }
    const shared = await startConnectWiseGateway({ emulator: { rateLimit: emulatorLimit } })
    const pair = await startGateway(
      ['connectwise-a', 'connectwise-b'].map((id) => ({
        ...shared.connection,
        id,
        rateLimit: emulatorLimit,
      })),
    )
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          pair.app.inject(`/v1/connections/connectwise-${i % 2 ? 'a' : 'b'}/customers/${(i % 5) + 1}`),
        ),
      )
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(30).fill(200))
      expect(shared.emulator.stats.rateLimited).toBe(0)
    } finally {
      await pair.close()
      await shared.close()
    }
  })

  it('trusts an on-premise host signed by a private CA only with that CA in caFile', async () => {
    const fixtures = fileURLToPath(new URL('../fixtures/tls/', import.meta.url))
    const onPremise = await startRecordingProxy(gateway.emulator.origin, {
      key: readFileSync(`${fixtures}server-key.pem`, 'utf8'),
      cert: readFileSync(`${fixtures}server.pem`, 'utf8'),
    })
    const baseUrl = gateway.emulator.baseUrl.replace(gateway.emulator.origin, onPremise.origin)
    const pair = await startGateway([
      { ...gateway.connection, id: 'cw-trusted', baseUrl, caFile: `${fixtures}ca.pem` },
      { ...gateway.connection, id: 'cw-untrusted', baseUrl },
    ])
    try {
      const trusted = await pair.app.inject('/v1/connections/cw-trusted/customers/1')
      const untrusted = await pair.app.inject('/v1/connections/cw-untrusted/customers/1')
      expect(trusted.statusCode).toBe(200)
      expect([untrusted.statusCode, json(untrusted).code]).toEqual([502, 'vendor_unavailable'])
      expect(onPremise.requests).toHaveLength(1)
    } finally {
      await pair.close()
      await onPremise.close()
    }
  })
})
