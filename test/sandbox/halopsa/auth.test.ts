import { request, type Dispatcher } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  startHaloEmulator,
  STATUS_TYPE,
  type HaloEmulator,
  type TicketRecord,
} from '../../../sandbox/halopsa/index.js'

// The HaloPSA emulator, exercised over raw HTTP the way a client of the real vendor would be.

interface CallOptions {
  method?: string
  /** Sent as JSON. */
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  /** Sent as `Authorization: Bearer {token}`; `api()` sends the suite's `all` token unless given null. */
  token?: string | null
}

interface CallResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any -- vendor JSON, asserted field by field
}

async function call(url: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  }
  const response = await request(url, {
    method: (options.method ?? 'GET') as Dispatcher.HttpMethod,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  })
  const text = await response.body.text()
  return {
    status: response.statusCode,
    headers: response.headers,
    json: text === '' ? undefined : JSON.parse(text),
  }
}

interface TokenOptions {
  clientId?: string
  clientSecret?: string
  /** `null` sends no tenant parameter; default the emulator's tenant. */
  tenant?: string | null
  scope?: string
  grantType?: string
}

function requestToken(target: HaloEmulator, options: TokenOptions = {}): Promise<CallResult> {
  const client = target.clients[0]
  const form = new URLSearchParams({
    grant_type: options.grantType ?? 'client_credentials',
    client_id: options.clientId ?? client?.clientId ?? '',
    client_secret: options.clientSecret ?? client?.clientSecret ?? '',
    ...(options.scope === undefined ? {} : { scope: options.scope }),
  })
  const tenant = options.tenant === undefined ? target.tenant : options.tenant
  const query = tenant === null ? '' : `?tenant=${encodeURIComponent(tenant)}`
  return call(`${target.authUrl}/token${query}`, {
    method: 'POST',
    rawBody: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
}

async function tokenFor(target: HaloEmulator, options: TokenOptions = {}): Promise<string> {
  const answer = await requestToken(target, options)
  expect(answer.status).toBe(200)
  return answer.json.access_token as string
}

let halo: HaloEmulator
let token: string

const api = (path: string, options: CallOptions = {}) =>
  call(`${halo.apiUrl}${path}`, { ...options, token: options.token === undefined ? token : options.token })

const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/
const DATE_FIELDS = [
  'dateoccurred',
  'datecreated',
  'lastactiondate',
  'last_update',
  'fixbydate',
  'dateclosed',
]

const sortedIds = (items: { id: number }[]) => items.map((item) => item.id).sort((a, b) => a - b)
const ticketsWhere = (predicate: (ticket: TicketRecord) => boolean) =>
  [...halo.db.tickets.values()]
    .filter(predicate)
    .map((ticket) => ticket.id)
    .sort((a, b) => a - b)

/** The ids a ticket list answers for this query, every record at once (no paging). */
async function listedTicketIds(query: string): Promise<number[]> {
  const { status, json } = await api(`/Tickets?${query}`)
  expect(status).toBe(200)
  expect(json.record_count).toBe(json.tickets.length)
  return sortedIds(json.tickets)
}

beforeAll(async () => {
  halo = await startHaloEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
  token = await tokenFor(halo)
})

afterAll(async () => {
  await halo?.close()
})

afterEach(() => {
  halo.faults.clear()
})

describe('seed data', () => {
  it('is deterministic per seed and differs between seeds', async () => {
    const [first, second, other] = await Promise.all([
      startHaloEmulator({ seed: 7 }),
      startHaloEmulator({ seed: 7 }),
      startHaloEmulator({ seed: 8 }),
    ])
    try {
      const dump = (emulator: HaloEmulator) =>
        JSON.stringify(
          Object.entries(emulator.db).map(([name, value]) => [
            name,
            value instanceof Map ? [...value] : value,
          ]),
        )
      expect(dump(first)).toBe(dump(second))
      expect(dump(first)).not.toBe(dump(other))
      expect(first.clients[0]?.clientSecret).not.toBe(second.clients[0]?.clientSecret)
    } finally {
      await Promise.all([first.close(), second.close(), other.close()])
    }
  })

  it('holds the promised volumes and variety', () => {
    const { db } = halo
    expect(db.agents.size).toBe(12)
    expect([...db.agents.values()].filter((agent) => agent.isdisabled)).toHaveLength(1)
    expect(db.teams.size).toBe(3)
    expect(db.ticketTypes.size).toBeGreaterThanOrEqual(5)
    expect(db.statuses.get(9)).toMatchObject({ name: 'Closed', type: STATUS_TYPE.closed })
    const priorities = [...db.priorities.values()]
    expect(priorities).toHaveLength(8)
    expect(
      priorities.filter((priority) => priority.priorityid === 1).map((priority) => priority.slaid),
    ).toEqual([1, 2])
    expect(new Set(priorities.map((priority) => priority.id)).size).toBe(8)

    const clients = [...db.clients.values()]
    expect(clients).toHaveLength(60)
    expect(clients.filter((client) => client.inactive).length).toBeGreaterThanOrEqual(3)
    for (const needle of ["'", '"', '(', '&'])
      expect(clients.some((client) => client.name.includes(needle))).toBe(true)
    for (const client of clients)
      expect(db.sites.get(client.main_site_id as number)?.client_id).toBe(client.id)
    expect(db.users.size).toBeGreaterThan(60)
    expect(db.assets.size).toBe(150)
    expect(new Set([...db.assets.values()].map((asset) => asset.assettype_id)).size).toBeGreaterThanOrEqual(4)

    const tickets = [...db.tickets.values()]
    expect(tickets.length).toBeGreaterThanOrEqual(400)
    for (const status of db.statuses.values())
      expect(
        tickets.filter((ticket) => ticket.status_id === status.id).length,
        status.name,
      ).toBeGreaterThanOrEqual(5)
    for (const ticket of tickets) {
      expect(db.priorityOf(ticket.sla_id, ticket.priority_id), `ticket ${ticket.id}`).toBeDefined()
      expect(ticket.dateclosed !== null).toBe(db.statuses.get(ticket.status_id)?.type === STATUS_TYPE.closed)
      const actions = db.actionsOf(ticket.id)
      expect(actions.length).toBeGreaterThanOrEqual(1)
      expect(actions.length).toBeLessThanOrEqual(6)
    }
    const occurred = tickets.map((ticket) => Date.parse(ticket.dateoccurred))
    expect((Math.max(...occurred) - Math.min(...occurred)) / 86_400_000).toBeGreaterThan(500)
    expect(Math.max(...occurred)).toBeLessThan(Date.parse('2025-11-01T00:00:00Z'))
    expect(new Set([...db.actions.values()].map((action) => action.hiddenfromuser))).toEqual(
      new Set([true, false]),
    )
  })
})

describe('token endpoint', () => {
  it('issues a bearer token for client credentials, scope all by default', async () => {
    const before = halo.tokens.issued
    const answer = await requestToken(halo)
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'all',
    })
    expect(answer.headers['cache-control']).toBe('no-store')
    expect(halo.tokens.issued).toBe(before + 1)
    expect((await api('/Status', { token: answer.json.access_token })).status).toBe(200)
  })

  it('answers 401 invalid_client for a wrong secret or an unknown client', async () => {
    for (const options of [{ clientSecret: 'wrong' }, { clientId: 'nobody' }]) {
      const answer = await requestToken(halo, options)
      expect(answer.status).toBe(401)
      expect(answer.json).toEqual({ error: 'invalid_client', error_description: expect.any(String) })
    }
  })

  it('needs the tenant on a hosted instance (case-insensitively)', async () => {
    expect((await requestToken(halo, { tenant: null })).status).toBe(401)
    expect((await requestToken(halo, { tenant: 'other' })).json.error).toBe('invalid_client')
    expect((await requestToken(halo, { tenant: 'SandBox' })).status).toBe(200)
  })

  it('takes the tenant from the query, the form or the host, as real Halo does', async () => {
    const client = halo.clients[0]!
    const post = (query: string, extra: Record<string, string>, host?: string) =>
      call(`${halo.authUrl}/token${query}`, {
        method: 'POST',
        rawBody: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client.clientId,
          client_secret: client.clientSecret,
          ...extra,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(host ? { host } : {}) },
      })
    expect((await post('', { tenant: 'sandbox' })).status).toBe(200)
    expect((await post('', { tenant: 'other' })).status).toBe(401)
    expect((await post('?tenant=sandbox', { tenant: 'other' })).status).toBe(401)
    expect((await post('?tenant=sandbox', { tenant: 'SANDBOX' })).status).toBe(200)
    expect((await post('', {}, 'sandbox.halopsa.com')).status).toBe(200)
    expect((await post('', {}, 'Sandbox.halopsa.com:443')).status).toBe(200)
    expect((await post('', {}, 'other.halopsa.com')).status).toBe(401)
    // A parameter names the tenant even on the tenant's own host.
    expect((await post('?tenant=other', {}, 'sandbox.halopsa.com')).status).toBe(401)
    // An address names no tenant.
    expect((await post('', {}, '127.0.0.1')).status).toBe(401)
  })

  it('takes no tenant on a self-hosted instance', async () => {
    const selfHosted = await startHaloEmulator({ hosted: false, tenant: 'acme' })
    try {
      expect((await requestToken(selfHosted, { tenant: null })).status).toBe(200)
      expect((await requestToken(selfHosted, { tenant: 'acme' })).status).toBe(401)
      const info = await call(`${selfHosted.apiUrl}/AuthInfo`)
      expect(info.json).toEqual({ auth_url: `${selfHosted.origin}/auth`, tenant: null })
    } finally {
      await selfHosted.close()
    }
  })

  it('grants the scopes asked for, within what the client holds', async () => {
    const scoped = await startHaloEmulator({
      clients: [
        { clientId: 'full', clientSecret: 'full-secret' },
        { clientId: 'reader', clientSecret: 'reader-secret', scopes: ['read:tickets', 'read:customers'] },
      ],
    })
    try {
      const full = { clientId: 'full', clientSecret: 'full-secret' }
      const reader = { clientId: 'reader', clientSecret: 'reader-secret' }
      expect((await requestToken(scoped, { ...full, scope: 'read:tickets edit:tickets' })).json.scope).toBe(
        'read:tickets edit:tickets',
      )
      expect((await requestToken(scoped, { ...reader })).json.scope).toBe('read:tickets read:customers')
      expect((await requestToken(scoped, { ...reader, scope: 'read:tickets' })).json.scope).toBe(
        'read:tickets',
      )
      for (const scope of ['all', 'edit:tickets', 'read:everything']) {
        const refused = await requestToken(scoped, {
          ...(scope === 'read:everything' ? full : reader),
          scope,
        })
        expect(refused.status, scope).toBe(400)
        expect(refused.json.error).toBe('invalid_scope')
      }
    } finally {
      await scoped.close()
    }
  })

  it('answers OAuth errors for other grants, missing fields and non-form bodies', async () => {
    const password = await requestToken(halo, { grantType: 'password' })
    expect(password.status).toBe(400)
    expect(password.json.error).toBe('unsupported_grant_type')
    const noSecret = await call(`${halo.authUrl}/token?tenant=sandbox`, {
      method: 'POST',
      rawBody: `grant_type=client_credentials&client_id=${halo.clients[0]?.clientId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(noSecret.status).toBe(400)
    expect(noSecret.json.error).toBe('invalid_request')
    const noGrant = await call(`${halo.authUrl}/token?tenant=sandbox`, {
      method: 'POST',
      rawBody: 'client_id=x&client_secret=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(noGrant.json.error).toBe('invalid_request')
    const json = await call(`${halo.authUrl}/token?tenant=sandbox`, {
      method: 'POST',
      body: { grant_type: 'client_credentials', ...halo.clients[0] },
    })
    expect(json.status).toBe(400)
    expect(json.json.error).toBe('invalid_request')
    expect((await call(`${halo.authUrl}/token?tenant=sandbox`)).status).toBe(405)
  })

  it('tells the auth URL and tenant at /api/AuthInfo without a token', async () => {
    const info = await api('/AuthInfo', { token: null })
    expect(info.status).toBe(200)
    expect(info.json).toEqual({ auth_url: halo.authUrl, tenant: 'sandbox' })
  })
})

describe('bearer tokens', () => {
  const DENIED = { Message: 'Authorization has been denied for this request.' }

  it('answers 401 without a token, with an unknown one or another scheme', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer not-a-token' },
      { authorization: `Basic ${token}` },
    ]) {
      const answer = await api('/Tickets', { token: null, headers })
      expect(answer.status).toBe(401)
      expect(answer.json).toEqual(DENIED)
      expect(answer.headers['www-authenticate']).toBe('Bearer')
    }
  })

  it('expires tokens after their lifetime, on the emulator clock', async () => {
    let now = Date.parse('2025-06-01T12:00:00Z')
    const clocked = await startHaloEmulator({ clock: () => now, tokenLifetimeSeconds: 60 })
    try {
      const first = await tokenFor(clocked)
      now += 59_999
      expect((await call(`${clocked.apiUrl}/Status`, { token: first })).status).toBe(200)
      now += 1
      expect((await call(`${clocked.apiUrl}/Status`, { token: first })).json).toEqual(DENIED)
      clocked.tokens.setLifetimeSeconds(1)
      const short = await requestToken(clocked)
      expect(short.json.expires_in).toBe(1)
      now += 1000
      expect((await call(`${clocked.apiUrl}/Status`, { token: short.json.access_token })).status).toBe(401)
    } finally {
      await clocked.close()
    }
  })

  it('expires a one-second token in real time', async () => {
    const quick = await startHaloEmulator({})
    try {
      quick.tokens.setLifetimeSeconds(1)
      const short = await tokenFor(quick)
      expect((await call(`${quick.apiUrl}/Status`, { token: short })).status).toBe(200)
      await new Promise((resolve) => setTimeout(resolve, 1100))
      expect((await call(`${quick.apiUrl}/Status`, { token: short })).status).toBe(401)
    } finally {
      await quick.close()
    }
  })

  it('answers 401 to revoked tokens, and accepts tokens issued afterwards', async () => {
    const revoking = await startHaloEmulator({})
    try {
      const old = await tokenFor(revoking)
      revoking.tokens.revokeAll()
      expect((await call(`${revoking.apiUrl}/Status`, { token: old })).status).toBe(401)
      const fresh = await tokenFor(revoking)
      expect((await call(`${revoking.apiUrl}/Status`, { token: fresh })).status).toBe(200)
    } finally {
      await revoking.close()
    }
  })

  it('answers 403 when the token lacks the scope', async () => {
    const readTickets = await tokenFor(halo, { scope: 'read:tickets' })
    const editCustomers = await tokenFor(halo, { scope: 'edit:customers' })
    const forbidden = await api('/Client', { token: readTickets })
    expect(forbidden.status).toBe(403)
    expect(forbidden.json).toEqual({ Message: expect.any(String) })
    for (const path of [
      '/Tickets?count=1',
      '/Actions?ticket_id=1',
      '/Status',
      '/Priority',
      '/TicketType',
      '/Agent',
      '/Team',
    ])
      expect((await api(path, { token: readTickets })).status, path).toBe(200)
    expect((await api('/Tickets', { token: readTickets, method: 'POST', body: [] })).status).toBe(403)
    expect((await api('/Asset', { token: readTickets })).status).toBe(403)
    expect((await api('/Client', { token: editCustomers })).status).toBe(403)
    const created = await api('/Client', {
      token: editCustomers,
      method: 'POST',
      body: [{ name: 'Scoped Client Ltd' }],
    })
    expect(created.status).toBe(200)
  })
})

describe('record shapes', () => {
  it('emits dates without a zone suffix, as Halo does', async () => {
    const { json } = await api('/Tickets?count=50')
    for (const ticket of json.tickets)
      for (const field of DATE_FIELDS) if (ticket[field] !== null) expect(ticket[field]).toMatch(ZONELESS)
    const closed = json.tickets.find((ticket: { dateclosed: string | null }) => ticket.dateclosed !== null)
    const stored = halo.db.tickets.get(closed.id) as TicketRecord
    expect(Date.parse(`${closed.dateclosed}Z`)).toBe(Date.parse(stored.dateclosed as string))
  })

  it('answers a single ticket as a bare object with names looked up', async () => {
    const stored = halo.db.tickets.get(7) as TicketRecord
    const { status, json } = await api('/Tickets/7')
    expect(status).toBe(200)
    expect(json).toMatchObject({
      id: 7,
      summary: stored.summary,
      client_id: stored.client_id,
      client_name: halo.db.clients.get(stored.client_id)?.name,
      status_id: stored.status_id,
      status_name: halo.db.statuses.get(stored.status_id)?.name,
      priority_id: stored.priority_id,
      priority_name: halo.db.priorityOf(stored.sla_id, stored.priority_id)?.name,
      sla_id: stored.sla_id,
      tickettype_id: stored.tickettype_id,
      hasbeenclosed: stored.hasbeenclosed,
    })
    for (const field of [
      'user_email',
      'agent_name',
      'team',
      'site_name',
      'details_html',
      'customfields',
      'assets',
      'tags',
    ])
      expect(json).toHaveProperty(field)
  })

  it('answers single clients, assets and actions, and 404 {"Message"} for unknown or malformed ids', async () => {
    expect((await api('/Client/1')).json).toMatchObject({ id: 1, name: halo.db.clients.get(1)?.name })
    expect((await api('/Asset/1')).json).toMatchObject({ id: 1, fields: expect.any(Array) })
    expect((await api('/Actions/1')).json).toMatchObject({
      id: 1,
      ticket_id: halo.db.actions.get(1)?.ticket_id,
    })
    for (const path of ['/Tickets/999999', '/Tickets/abc', '/Client/999999', '/Asset/0', '/Actions/999999']) {
      const missing = await api(path)
      expect(missing.status, path).toBe(404)
      expect(missing.json).toEqual({ Message: expect.any(String) })
    }
  })

  it('routes case-insensitively, answers 405 to PUT/PATCH and an empty 404 to unknown routes', async () => {
    expect((await api('/tickets/7')).json.id).toBe(7)
    expect((await api('/TICKETS?COUNT=1&Client_ID=1')).status).toBe(200)
    const put = await api('/Tickets/7', { method: 'PUT', body: { summary: 'x' } })
    expect(put.status).toBe(405)
    expect(put.headers.allow).toContain('DELETE')
    expect((await api('/Tickets', { method: 'PATCH', body: [] })).status).toBe(405)
    const unknown = await api('/Nothing')
    expect(unknown.status).toBe(404)
    expect(unknown.json).toBeUndefined()
  })

  it('answers reference lists as bare arrays, priorities per SLA', async () => {
    const statuses = (await api('/Status')).json
    expect(Array.isArray(statuses)).toBe(true)
    expect(statuses.find((status: { id: number }) => status.id === 9)).toEqual({
      id: 9,
      name: 'Closed',
      shortname: 'Closed',
      type: STATUS_TYPE.closed,
      sequence: expect.any(Number),
      colour: expect.any(String),
    })
    const all = (await api('/Priority')).json
    expect(all).toHaveLength(8)
    const standard = (await api('/Priority?slaid=1')).json
    expect(standard.map((priority: { priorityid: number }) => priority.priorityid)).toEqual([1, 2, 3, 4])
    expect(standard.map((priority: { name: string }) => priority.name)).toEqual([
      'Critical',
      'High',
      'Medium',
      'Low',
    ])
    expect(
      standard.every(
        (priority: { slaid: number; id: string }) =>
          priority.slaid === 1 && /^[0-9a-f-]{36}$/.test(priority.id),
      ),
    ).toBe(true)
    expect((await api('/Priority?slaid=3')).json).toEqual([])
    expect((await api('/Priority?slaid=x')).status).toBe(400)
    const types = (await api('/TicketType')).json
    expect(types.length).toBeGreaterThanOrEqual(5)
    expect(types[0]).toMatchObject({ id: 1, name: 'Incident', default_sla: 1, initial_status: 1 })
    expect((await api('/Agent')).json).toHaveLength(11)
    expect((await api('/Agent?includedisabled=true')).json).toHaveLength(12)
    expect((await api('/Team')).json.map((team: { name: string }) => team.name)).toEqual([
      '1st Line Support',
      '2nd Line Support',
      'Projects',
    ])
  })
})

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

describe('ticket filters', () => {
  const sample = () => halo.db.tickets.get(42) as TicketRecord

  it('filters by client, status (one or a list), ticket type, agent and team', async () => {
    const { client_id, tickettype_id } = sample()
    expect(await listedTicketIds(`client_id=${client_id}`)).toEqual(
      ticketsWhere((t) => t.client_id === client_id),
    )
    expect(await listedTicketIds('status_id=4')).toEqual(ticketsWhere((t) => t.status_id === 4))
    expect(await listedTicketIds('status_id=1,2')).toEqual(
      ticketsWhere((t) => t.status_id === 1 || t.status_id === 2),
    )
    expect(await listedTicketIds('status=3,5')).toEqual(
      ticketsWhere((t) => t.status_id === 3 || t.status_id === 5),
    )
    expect(await listedTicketIds(`requesttype_id=${tickettype_id}`)).toEqual(
      ticketsWhere((t) => t.tickettype_id === tickettype_id),
    )
    expect(await listedTicketIds('agent_id=3')).toEqual(ticketsWhere((t) => t.agent_id === 3))
    // `team` takes team ids (spec: "array of int"); a ticket holds its team's name.
    expect(await listedTicketIds('team=3')).toEqual(ticketsWhere((t) => t.team === 'Projects'))
    expect(await listedTicketIds('team=1,3')).toEqual(
      ticketsWhere((t) => t.team === 'Projects' || t.team === '1st Line Support'),
    )
    expect(await listedTicketIds('client_id=999999')).toEqual([])
  })

  it('filters by priority ids, SLA, asset and excluded ids, as the spec documents them', async () => {
    expect(await listedTicketIds('priority=1,2')).toEqual(ticketsWhere((t) => [1, 2].includes(t.priority_id)))
    expect((await listedTicketIds('priority=1')).length).toBeGreaterThan(0)
    expect(await listedTicketIds('priority=1')).not.toEqual(await listedTicketIds(''))
    expect(await listedTicketIds('sla=2')).toEqual(ticketsWhere((t) => t.sla_id === 2))
    const linked = [...halo.db.tickets.values()].find((t) => t.asset_ids.length > 0)!
    expect(await listedTicketIds(`asset_id=${linked.asset_ids[0]}`)).toEqual(
      ticketsWhere((t) => t.asset_ids.includes(linked.asset_ids[0]!)),
    )
    expect(await listedTicketIds('excludethese=1,2,3')).toEqual(ticketsWhere((t) => t.id > 3))
  })

  it.each([
    ['/Tickets', 'category_1=4'],
    ['/Tickets', 'mine=true'],
    ['/Tickets', 'toplevel_id=1'],
    ['/Client', 'activeinactive=true,false'],
    ['/Asset', 'assetstatuses=1'],
    ['/Actions', 'ticket_id=1&agentonly=true'],
  ])(
    'refuses a documented filter it does not apply (%s?%s) rather than answer unfiltered',
    async (path, query) => {
      const answer = await api(`${path}?${query}`)
      expect(answer.status).toBe(400)
      const name = query.split('&').at(-1)!.split('=')[0]!
      expect(answer.json[name]).toEqual([expect.stringContaining('does not emulate')])
    },
  )

  it('lets a boolean filter set to false through: it filters nothing', async () => {
    expect((await api('/Tickets?mine=false&count=1')).status).toBe(200)
  })

  it('keeps open tickets with open_only=true', async () => {
    const open = await listedTicketIds('open_only=true')
    expect(open).toEqual(ticketsWhere((t) => ![8, 9].includes(t.status_id)))
    expect(open.length).toBeGreaterThan(50)
  })

  it('searches summary and details case-insensitively, or the exact id', async () => {
    const bySummary = await listedTicketIds('search=PRINTER OFFLINE')
    expect(bySummary).toEqual(ticketsWhere((t) => t.summary.toLowerCase().includes('printer offline')))
    expect(bySummary.length).toBeGreaterThan(0)
    expect(await listedTicketIds('search=hard reset')).toEqual(
      ticketsWhere((t) => (t.details ?? '').toLowerCase().includes('hard reset')),
    )
    expect(await listedTicketIds('search=42')).toContain(42)
  })

  it('bounds last_update, from inclusive to exclusive, with or without a zone', async () => {
    const stamp = sample().last_update
    const from = await listedTicketIds(`lastupdatefromdate=${encodeURIComponent(stamp.replace('Z', ''))}`)
    expect(from).toEqual(ticketsWhere((t) => t.last_update >= stamp))
    expect(from).toContain(42)
    const to = await listedTicketIds(`lastupdatetodate=${encodeURIComponent(stamp)}`)
    expect(to).toEqual(ticketsWhere((t) => t.last_update < stamp))
    expect(to).not.toContain(42)
  })

  it('searches a chosen date field between startdate and enddate', async () => {
    const within = (field: 'dateoccurred' | 'datecreated' | 'lastactiondate' | 'dateclosed') =>
      ticketsWhere(
        (t) =>
          t[field] !== null && (t[field] as string) >= '2025-01-01' && (t[field] as string) < '2025-03-01',
      )
    const range = 'startdate=2025-01-01&enddate=2025-03-01T00:00:00'
    expect(await listedTicketIds(range)).toEqual(within('dateoccurred'))
    expect(await listedTicketIds(`datesearch=dateoccured&${range}`)).toEqual(within('dateoccurred'))
    expect(await listedTicketIds(`datesearch=datecreated&${range}`)).toEqual(within('datecreated'))
    expect(await listedTicketIds(`datesearch=lastactiondate&${range}`)).toEqual(within('lastactiondate'))
    expect(await listedTicketIds(`datesearch=datecleared&${range}`)).toEqual(within('dateclosed'))
    expect((await api(`/Tickets?datesearch=whenever&${range}`)).status).toBe(400)
    expect((await api('/Tickets?startdate=2025-02-30')).status).toBe(400)
    expect((await api('/Tickets?lastupdatefromdate=yesterday')).json).toEqual({
      lastupdatefromdate: [expect.any(String)],
    })
  })

  it('combines filters and ignores unknown parameters', async () => {
    const { client_id } = sample()
    expect(await listedTicketIds(`client_id=${client_id}&open_only=true&whatever=1`)).toEqual(
      ticketsWhere((t) => t.client_id === client_id && ![8, 9].includes(t.status_id)),
    )
  })
})

describe('client, asset and action lists', () => {
  it('leaves inactive clients out unless includeinactive=true, and searches names', async () => {
    const active = (await api('/Client')).json
    expect(active.record_count).toBe(
      [...halo.db.clients.values()].filter((client) => !client.inactive).length,
    )
    expect((await api('/Client?includeinactive=true')).json.record_count).toBe(halo.db.clients.size)
    const onlyInactive = (await api('/Client?includeactive=false&includeinactive=true')).json.clients
    expect(onlyInactive.every((client: { inactive: boolean }) => client.inactive)).toBe(true)
    const found = (await api(`/Client?includeinactive=true&search=${encodeURIComponent("o'brien &")}`)).json
      .clients
    expect(found.map((client: { name: string }) => client.name)).toEqual(["O'Brien & Sons Plumbing"])
  })

  it.each(['Client', 'Asset'])(
    'binds lastupdatefromdate on /%s as the boolean the spec types it, filtering nothing',
    async (path) => {
      const all = (await api(`/${path}?includeinactive=true`)).json.record_count
      for (const flag of ['true', 'false']) {
        const answer = await api(
          `/${path}?includeinactive=true&lastupdatefromdate=${flag}&lastupdatetodate=${flag}`,
        )
        expect([answer.status, answer.json.record_count]).toEqual([200, all])
      }
      const dated = await api(`/${path}?includeinactive=true&lastupdatefromdate=2025-01-01T00:00:00`)
      expect(dated.status).toBe(400)
      expect(dated.json).toEqual({ lastupdatefromdate: [expect.any(String)] })
    },
  )

  it('filters assets by client, type and search, inactive ones only on request', async () => {
    const asset = [...halo.db.assets.values()].find((candidate) => !candidate.inactive)
    const byClient = (await api(`/Asset?client_id=${asset?.client_id}&includeinactive=true`)).json.assets
    expect(sortedIds(byClient)).toEqual(
      [...halo.db.assets.values()].filter((a) => a.client_id === asset?.client_id).map((a) => a.id),
    )
    const byType = (await api('/Asset?assettype_id=3')).json.assets
    expect(
      byType.every((a: { assettype_id: number; inactive: boolean }) => a.assettype_id === 3 && !a.inactive),
    ).toBe(true)
    expect(
      (await api(`/Asset?search=${asset?.key_field?.toLowerCase()}`)).json.assets.map(
        (a: { id: number }) => a.id,
      ),
    ).toContain(asset?.id)
    expect((await api(`/Asset?search=${asset?.inventory_number}`)).json.assets).toHaveLength(1)
    const active = (await api('/Asset')).json.record_count
    expect(active).toBe([...halo.db.assets.values()].filter((a) => !a.inactive).length)
    expect(active).toBeLessThan(150)
  })

  it("lists a ticket's actions oldest first, filters private ones", async () => {
    const withHidden = [...halo.db.tickets.keys()].find((id) =>
      halo.db.actionsOf(id).some((a) => a.hiddenfromuser),
    ) as number
    const all = (await api(`/Actions?ticket_id=${withHidden}`)).json
    expect(all.actions.map((a: { id: number }) => a.id)).toEqual(
      halo.db.actionsOf(withHidden).map((a) => a.id),
    )
    expect(all.record_count).toBe(all.actions.length)
    const visible = (await api(`/Actions?ticket_id=${withHidden}&excludeprivate=true`)).json.actions
    expect(visible.length).toBeLessThan(all.actions.length)
    expect(visible.every((a: { hiddenfromuser: boolean }) => !a.hiddenfromuser)).toBe(true)
    expect((await api(`/Actions?ticket_id=${withHidden}&count=1`)).json.actions).toHaveLength(1)
    expect((await api('/Actions?ticket_id=999999')).json).toEqual({ record_count: 0, actions: [] })
  })

  it("lists every ticket's actions in a date range without ticket_id, as the spec allows", async () => {
    const times = [...halo.db.actions.values()].map((a) => a.datetime).sort()
    const [from, to] = [times[Math.floor(times.length / 3)]!, times[Math.floor(times.length / 2)]!]
    const range = `startdate=${from.replace('Z', '')}&enddate=${to.replace('Z', '')}`
    const { status, json } = await api(`/Actions?${range}`)
    const expected = [...halo.db.actions.values()].filter((a) => a.datetime >= from && a.datetime < to)
    expect(status).toBe(200)
    expect(sortedIds(json.actions)).toEqual(sortedIds(expected))
    expect(new Set(json.actions.map((a: { ticket_id: number }) => a.ticket_id)).size).toBeGreaterThan(1)
    expect((await api('/Actions')).json.record_count).toBe(halo.db.actions.size)
  })
})

describe('reference records, sites and end-users', () => {
  it('leaves closed or pending statuses out with excludeclosed / excludepending', async () => {
    const types = (path: string) =>
      api(path).then(({ json }) => new Set(json.map((status: { type: number }) => status.type)))
    expect(await types('/Status')).toEqual(
      new Set([STATUS_TYPE.open, STATUS_TYPE.pending, STATUS_TYPE.closed]),
    )
    expect(await types('/Status?excludeclosed=true')).toEqual(
      new Set([STATUS_TYPE.open, STATUS_TYPE.pending]),
    )
    expect(await types('/Status?excludepending=true')).toEqual(
      new Set([STATUS_TYPE.open, STATUS_TYPE.closed]),
    )
    expect((await api('/Status?excludeclosed=false')).json).toHaveLength(halo.db.statuses.size)
  })

  it.each([
    ['Status', 9, 'Closed'],
    ['Agent', 1, 'Sam Carter'],
    ['Team', 3, 'Projects'],
    ['TicketType', 1, undefined],
  ])('answers GET /%s/{id} as the list shows the record, 404 for an unknown id', async (path, id, name) => {
    const list = (await api(`/${path}${path === 'Agent' ? '?includedisabled=true' : ''}`)).json
    const one = await api(`/${path}/${id}`)
    expect(one.status).toBe(200)
    expect(one.json).toEqual(list.find((record: { id: number }) => record.id === id))
    if (name) expect(one.json.name).toBe(name)
    const missing = await api(`/${path}/999999`)
    expect([missing.status, typeof missing.json.Message]).toEqual([404, 'string'])
  })

  it("lists sites and end-users by client, site and search, in the spec's fields", async () => {
    const site = [...halo.db.sites.values()][3]!
    const sites = (await api(`/Site?client_id=${site.client_id}`)).json
    expect(sortedIds(sites.sites)).toEqual(
      sortedIds([...halo.db.sites.values()].filter((s) => s.client_id === site.client_id)),
    )
    expect(sites.sites.find((s: { id: number }) => s.id === site.id)).toMatchObject({
      id: site.id,
      name: site.name,
      client_id: site.client_id,
      client_name: halo.db.clients.get(site.client_id)?.name,
      inactive: false,
    })
    expect((await api('/Site?pageinate=true&page_size=5')).json.sites).toHaveLength(5)
    const user = [...halo.db.users.values()][7]!
    const bySite = (await api(`/Users?site_id=${user.site_id}`)).json.users
    expect(sortedIds(bySite)).toEqual(
      sortedIds([...halo.db.users.values()].filter((u) => u.site_id === user.site_id)),
    )
    const found = (await api(`/Users?search=${encodeURIComponent(user.surname)}`)).json.users
    expect(found.find((u: { id: number }) => u.id === user.id)).toMatchObject({
      name: `${user.firstname} ${user.surname}`,
      emailaddress: user.emailaddress,
      site_id: user.site_id,
      client_id: halo.db.sites.get(user.site_id)?.client_id,
    })
    expect((await api('/Users?lastupdatefromdate=2025-01-01')).status).toBe(400)
  })
})

describe('array writes', () => {
  it('creates a ticket with the vendor defaults and answers the single record', async () => {
    const client = [...halo.db.clients.values()].find((candidate) => !candidate.is_vip) as {
      id: number
      main_site_id: number
    }
    const { status, json } = await api('/Tickets', {
      method: 'POST',
      body: [{ summary: 'Created through the API', details: 'Line one\nLine <two>', client_id: client.id }],
    })
    expect(status).toBe(200)
    expect(Array.isArray(json)).toBe(false)
    expect(json).toMatchObject({
      summary: 'Created through the API',
      details: 'Line one\nLine <two>',
      details_html: 'Line one<br>Line &lt;two&gt;',
      client_id: client.id,
      site_id: client.main_site_id,
      status_id: 1,
      status_name: 'New',
      tickettype_id: 1,
      sla_id: 1,
      priority_id: 3,
      priority_name: 'Medium',
      hasbeenclosed: false,
      dateclosed: null,
    })
    expect(json.id).toBeGreaterThan(420)
    expect(Date.parse(`${json.fixbydate}Z`) - Date.parse(`${json.dateoccurred}Z`)).toBe(24 * 3_600_000)
    expect(halo.db.tickets.get(json.id)?.summary).toBe('Created through the API')
    const listed = (await api('/Tickets?count=1')).json.tickets[0]
    expect(listed.id).toBe(json.id)
  })

  it('updates only the keys an item carries and moves last_update', async () => {
    const before = structuredClone(halo.db.tickets.get(11) as TicketRecord)
    const { json } = await api('/Tickets', {
      method: 'POST',
      body: [{ id: 11, summary: 'Renamed', agent_id: 2 }],
    })
    const after = halo.db.tickets.get(11) as TicketRecord
    expect(json).toMatchObject({ id: 11, summary: 'Renamed', agent_id: 2, agent_name: 'Priya Desai' })
    expect({
      ...after,
      summary: before.summary,
      agent_id: before.agent_id,
      last_update: before.last_update,
    }).toEqual(before)
    expect(after.last_update > before.last_update).toBe(true)
  })

  it('closes and reopens through status_id', async () => {
    const open = ticketsWhere((t) => t.status_id === 2)[0] as number
    const closed = (await api('/Tickets', { method: 'POST', body: [{ id: open, status_id: 9 }] })).json
    expect(closed).toMatchObject({
      status_id: 9,
      hasbeenclosed: true,
      dateclosed: expect.stringMatching(ZONELESS),
    })
    const reopened = (await api('/Tickets', { method: 'POST', body: [{ id: open, status_id: 2 }] })).json
    expect(reopened).toMatchObject({ status_id: 2, hasbeenclosed: true, dateclosed: null })
  })

  it('creates and updates in one array and answers an array', async () => {
    const { status, json } = await api('/Tickets', {
      method: 'POST',
      body: [
        { summary: 'Mixed one', client_id: 2 },
        { id: 12, urgency: 3 },
        { summary: 'Mixed two', client_id: 3, status_id: 4, priority_id: 1 },
      ],
    })
    expect(status).toBe(200)
    expect(json).toHaveLength(3)
    expect(json[1]).toMatchObject({ id: 12, urgency: 3 })
    expect(json[2]).toMatchObject({
      summary: 'Mixed two',
      status_id: 4,
      priority_id: 1,
      priority_name: 'Critical',
      onhold: true,
    })
  })

  it("keeps a ticket's team by name, as Faults.team is, with no team_id", async () => {
    const read = (await api('/Tickets/15')).json
    expect(read).not.toHaveProperty('team_id')
    expect(read.team).toBe(halo.db.tickets.get(15)?.team)
    const moved = await api('/Tickets', { method: 'POST', body: [{ id: 15, team: 'projects' }] })
    expect([moved.status, moved.json.team]).toEqual([200, 'Projects'])
    // team_id is no Faults field: it is ignored, as any unknown property is.
    const ignored = await api('/Tickets', { method: 'POST', body: [{ id: 15, team_id: 1 }] })
    expect(ignored.json.team).toBe('Projects')
    const unknown = await api('/Tickets', { method: 'POST', body: [{ id: 15, team: 'Nobody' }] })
    expect([unknown.status, unknown.json.details]).toEqual([
      400,
      [{ field: 'team', message: "Team 'Nobody' does not exist" }],
    ])
    const cleared = await api('/Tickets', { method: 'POST', body: [{ id: 15, team: '' }] })
    expect(cleared.json.team).toBeNull()
  })

  it('changes nothing when any item fails, naming every failing field', async () => {
    const ticketsBefore = halo.db.tickets.size
    const summaryBefore = halo.db.tickets.get(13)?.summary
    const { status, json } = await api('/Tickets', {
      method: 'POST',
      body: [
        { id: 13, summary: 'Should not stick' },
        { summary: 'Bad refs', client_id: 1, status_id: 999, agent_id: 999 },
        { summary: '   ', client_id: 999 },
        { id: 999999, summary: 'Unknown id' },
      ],
    })
    expect(status).toBe(400)
    expect(json).toEqual({
      error: 'validation_error',
      message: 'Agent ID 999 does not exist',
      details: [
        { field: '[1].agent_id', message: 'Agent ID 999 does not exist' },
        { field: '[1].status_id', message: 'Status ID 999 does not exist' },
        { field: '[2].summary', message: 'Summary is required' },
        { field: '[2].client_id', message: 'Client ID 999 does not exist' },
        { field: '[3].id', message: 'Ticket ID 999999 does not exist' },
      ],
    })
    expect(halo.db.tickets.size).toBe(ticketsBefore)
    expect(halo.db.tickets.get(13)?.summary).toBe(summaryBefore)
  })

  it('names fields as sent for a single item, and checks priorities, sites and users against the ticket', async () => {
    const single = await api('/Tickets', { method: 'POST', body: [{ id: 14, status_id: 999 }] })
    expect(single.json).toEqual({
      error: 'validation_error',
      message: 'Status ID 999 does not exist',
      details: [{ field: 'status_id', message: 'Status ID 999 does not exist' }],
    })
    expect((await api('/Tickets', { method: 'POST', body: [{ summary: 'x' }] })).json.details).toEqual([
      { field: 'client_id', message: 'Client ID is required' },
    ])
    expect(
      (await api('/Tickets', { method: 'POST', body: [{ id: 14, priority_id: 7 }] })).json.details,
    ).toEqual([
      {
        field: 'priority_id',
        message: `Priority ID 7 does not exist for SLA ID ${halo.db.tickets.get(14)?.sla_id}`,
      },
    ])
    const ticket = halo.db.tickets.get(14) as TicketRecord
    const foreignSite = [...halo.db.sites.values()].find((site) => site.client_id !== ticket.client_id)
    const foreignUser = [...halo.db.users.values()].find(
      (user) => halo.db.clientIdOfUser(user) !== ticket.client_id,
    )
    const mismatched = await api('/Tickets', {
      method: 'POST',
      body: [{ id: 14, site_id: foreignSite?.id, user_id: foreignUser?.id }],
    })
    expect(mismatched.json.details.map((detail: { field: string }) => detail.field)).toEqual([
      'site_id',
      'user_id',
    ])
  })

  it("moves a ticket to the new client's main site when the client changes", async () => {
    const ticket = halo.db.tickets.get(15) as TicketRecord
    const target = [...halo.db.clients.values()].find(
      (client) => client.id !== ticket.client_id && !client.inactive,
    )
    const { json } = await api('/Tickets', { method: 'POST', body: [{ id: 15, client_id: target?.id }] })
    expect(json).toMatchObject({ client_id: target?.id, site_id: target?.main_site_id })
    const user = json.user_id === null ? undefined : halo.db.users.get(json.user_id)
    if (user) expect(halo.db.clientIdOfUser(user)).toBe(target?.id)
  })

  it('answers binding errors keyed by body path, and refuses bodies that are not a JSON array', async () => {
    const badType = await api('/Tickets', { method: 'POST', body: [{ summary: 'x', client_id: 'abc' }] })
    expect(badType.status).toBe(400)
    expect(Object.keys(badType.json)).toEqual(['[0].client_id'])
    expect((await api('/Tickets', { method: 'POST', body: [{ summary: 'x', client_id: '1' }] })).status).toBe(
      200,
    )
    const notArray = await api('/Tickets', { method: 'POST', body: { summary: 'x', client_id: 1 } })
    expect(notArray.status).toBe(400)
    expect(Object.keys(notArray.json)).toEqual([''])
    expect((await api('/Tickets', { method: 'POST', body: [] })).json).toMatchObject({
      error: 'validation_error',
    })
    expect((await api('/Tickets', { method: 'POST', body: [5] })).status).toBe(400)
    expect(
      (
        await api('/Tickets', {
          method: 'POST',
          rawBody: '[{',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400)
    expect(
      (await api('/Tickets', { method: 'POST', rawBody: '[]', headers: { 'content-type': 'text/plain' } }))
        .status,
    ).toBe(415)
  })

  it('deletes a ticket with its actions', async () => {
    const id = 16
    const actionIds = halo.db.actionsOf(id).map((action) => action.id)
    const deleted = await api(`/Tickets/${id}?reason=${encodeURIComponent('Raised in error')}`, {
      method: 'DELETE',
    })
    expect(deleted.status).toBe(200)
    expect((await api(`/Tickets/${id}`)).status).toBe(404)
    expect(actionIds.every((actionId) => !halo.db.actions.has(actionId))).toBe(true)
    expect((await api(`/Tickets/${id}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('creates clients with a main site, with unique names, and updates them partially', async () => {
    const created = (
      await api('/Client', {
        method: 'POST',
        body: [{ name: 'Brand "New" & Co (Test)', website: 'https://new.example' }],
      })
    ).json
    expect(created).toMatchObject({
      name: 'Brand "New" & Co (Test)',
      inactive: false,
      main_site_name: 'Main',
      toplevel_id: 1,
    })
    expect(halo.db.sites.get(created.main_site_id)?.client_id).toBe(created.id)
    const updated = (
      await api('/Client', { method: 'POST', body: [{ id: created.id, notes: 'VIP from next month' }] })
    ).json
    expect(updated).toMatchObject({ website: 'https://new.example', notes: 'VIP from next month' })
    const duplicate = await api('/Client', { method: 'POST', body: [{ name: ' brand "new" & co (test) ' }] })
    expect(duplicate.json.details).toEqual([
      { field: 'name', message: expect.stringContaining('already exists') },
    ])
    const twice = await api('/Client', { method: 'POST', body: [{ name: 'Twin Ltd' }, { name: 'twin ltd' }] })
    expect(twice.json.details.map((detail: { field: string }) => detail.field)).toEqual(['[1].name'])
    expect((await api('/Client', { method: 'POST', body: [{ website: 'x' }] })).json.details).toEqual([
      { field: 'name', message: 'Client name is required' },
    ])
    const hidden = (await api('/Client', { method: 'POST', body: [{ id: created.id, inactive: true }] })).json
    expect(hidden.inactive).toBe(true)
    expect((await api('/Client?search=Brand')).json.clients).toEqual([])
  })

  it('creates and updates assets, merging fields by id', async () => {
    const client = halo.db.clients.get(2) as { id: number; main_site_id: number }
    const created = (
      await api('/Asset', {
        method: 'POST',
        body: [
          {
            client_id: client.id,
            assettype_id: 2,
            inventory_number: 'INV-NEW-1',
            key_field: 'NEW-LT01',
            fields: [
              { id: 1, value: 'Dell' },
              { id: 2, name: 'Model', value: 'Latitude 7450' },
            ],
          },
        ],
      })
    ).json
    expect(created).toMatchObject({
      client_id: client.id,
      site_id: client.main_site_id,
      assettype_name: 'Laptop',
      status_name: 'Active',
      fields: [
        { id: 1, name: 'Manufacturer', value: 'Dell' },
        { id: 2, name: 'Model', value: 'Latitude 7450' },
      ],
    })
    const updated = (
      await api('/Asset', {
        method: 'POST',
        body: [{ id: created.id, fields: [{ id: 2, value: 'Latitude 9450' }] }],
      })
    ).json
    expect(updated.fields).toEqual([
      { id: 1, name: 'Manufacturer', value: 'Dell' },
      { id: 2, name: 'Model', value: 'Latitude 9450' },
    ])
    expect(updated.inventory_number).toBe('INV-NEW-1')
    const invalid = await api('/Asset', {
      method: 'POST',
      body: [{ client_id: 999999, fields: [{ id: 99, value: 'x' }] }],
    })
    expect(invalid.json.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
      'assettype_id',
      'client_id',
      'fields',
    ])
  })

  it('refuses an asset field written by name alone (FieldHelper.id is a non-nullable int)', async () => {
    const asset = [...halo.db.assets.values()][0]!
    const before = JSON.stringify(asset.fields)
    const byName = await api('/Asset', {
      method: 'POST',
      body: [{ id: asset.id, fields: [{ name: 'Serial Number', value: 'SN-BY-NAME' }] }],
    })
    expect([byName.status, byName.json.details]).toEqual([
      400,
      [{ field: 'fields', message: 'Asset field 0 does not exist' }],
    ])
    expect(JSON.stringify(asset.fields)).toBe(before)
  })

  it('answers asset types with their fields (TypeInfo field_id, field_name)', async () => {
    const type = (await api('/AssetType/2')).json
    expect(type).toMatchObject({ id: 2, name: 'Laptop' })
    expect(
      type.fields.map((f: { field_id: number; field_name: string }) => [f.field_id, f.field_name]),
    ).toEqual([...halo.db.assetFields.values()].map((field) => [field.id, field.name]))
    expect((await api('/AssetType')).json).toHaveLength(halo.db.assetTypes.size)
    expect((await api('/AssetType/999')).status).toBe(404)
  })
})

describe('actions', () => {
  it('adds a visible action by default, as the API agent, and moves the ticket', async () => {
    const before = structuredClone(halo.db.tickets.get(20) as TicketRecord)
    const { status, json } = await api('/Actions', {
      method: 'POST',
      body: [{ ticket_id: 20, note: 'Called the user back.' }],
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({
      ticket_id: 20,
      note: 'Called the user back.',
      note_html: 'Called the user back.',
      hiddenfromuser: false,
      who_agentid: 1,
      who_initials: 'SC',
      new_status: null,
    })
    const after = halo.db.tickets.get(20) as TicketRecord
    expect(after.status_id).toBe(before.status_id)
    expect(after.last_update > before.last_update).toBe(true)
    expect(after.lastactiondate && after.lastactiondate > (before.lastactiondate ?? '')).toBe(true)
    const listed = (await api('/Actions?ticket_id=20')).json.actions
    expect(listed.at(-1).id).toBe(json.id)
  })

  it('keeps hidden actions private and closes a ticket through new_status', async () => {
    const open = ticketsWhere((t) => t.status_id === 3)[0] as number
    const { json } = await api('/Actions', {
      method: 'POST',
      body: [
        { ticket_id: open, note_html: '<p>Internal: <b>root cause</b> found</p>', hiddenfromuser: true },
        { ticket_id: open, note: 'Fixed, closing.', new_status: 9, outcome: 'Email User' },
      ],
    })
    expect(json[0]).toMatchObject({ hiddenfromuser: true, note: 'Internal: root cause found' })
    expect(json[1]).toMatchObject({ new_status: 9, new_status_name: 'Closed', hiddenfromuser: false })
    const ticket = (await api(`/Tickets/${open}`)).json
    expect(ticket).toMatchObject({ status_id: 9, hasbeenclosed: true })
    expect(ticket.dateclosed).not.toBeNull()
    const publicOnly = (await api(`/Actions?ticket_id=${open}&excludeprivate=true`)).json.actions
    expect(publicOnly.map((action: { id: number }) => action.id)).not.toContain(json[0].id)
  })

  it('needs an existing ticket and a note, and validates statuses and agents', async () => {
    const actionsBefore = halo.db.actions.size
    const { status, json } = await api('/Actions', {
      method: 'POST',
      body: [
        { ticket_id: 999999, note: 'x' },
        { ticket_id: 21 },
        { ticket_id: 21, note: 'x', new_status: 6, who_agentid: 99 },
      ],
    })
    expect(status).toBe(400)
    expect(json.details).toEqual([
      { field: '[0].ticket_id', message: 'Ticket ID 999999 does not exist' },
      { field: '[1].note', message: 'A note or an outcome is required' },
      { field: '[2].who_agentid', message: 'Agent ID 99 does not exist' },
      { field: '[2].new_status', message: 'Status ID 6 does not exist' },
    ])
    expect(halo.db.actions.size).toBe(actionsBefore)
  })

  it("updates an action's own keys", async () => {
    const action = halo.db.actionsOf(22)[0]
    const { json } = await api('/Actions', {
      method: 'POST',
      body: [{ id: action?.id, hiddenfromuser: true }],
    })
    expect(json).toMatchObject({ id: action?.id, hiddenfromuser: true, note: action?.note })
  })
})

describe('rate limit', () => {
  it('answers 429 with Retry-After and the vendor body, counting every /api request before auth', async () => {
    let now = 1_000_000
    const limited = await startHaloEmulator({ rateLimit: { limit: 3, windowMs: 10_000 }, clock: () => now })
    try {
      const fresh = await tokenFor(limited)
      expect((await call(`${limited.apiUrl}/Tickets?count=1`)).status).toBe(401)
      expect((await call(`${limited.apiUrl}/Nowhere`, { token: fresh })).status).toBe(404)
      now += 2_500
      expect((await call(`${limited.apiUrl}/Status`, { token: fresh })).status).toBe(200)
      expect(await tokenFor(limited)).toEqual(expect.any(String))
      const rejected = await call(`${limited.apiUrl}/Status`, { token: fresh })
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('8')
      expect(rejected.json).toEqual({
        error: 'rate_limit_exceeded',
        message: 'Too many requests. Please retry after 8 seconds.',
        retry_after: 8,
      })
      expect(Object.keys(rejected.headers).filter((name) => name.includes('ratelimit'))).toEqual([])
      now += 7_499
      expect((await call(`${limited.apiUrl}/Status`, { token: fresh })).headers['retry-after']).toBe('1')
      now += 1
      expect((await call(`${limited.apiUrl}/Status`, { token: fresh })).status).toBe(200)
      expect(limited.stats).toMatchObject({ rateLimited: 2 })
      expect(limited.stats.accepted.map((entry) => entry.path)).toEqual([
        '/api/Tickets',
        '/api/Nowhere',
        '/api/Status',
        '/api/Status',
      ])
      expect(limited.stats.accepted[0]?.query).toBe('count=1')
    } finally {
      await limited.close()
    }
  })

  it('rolls the window in real time', async () => {
    const limited = await startHaloEmulator({ rateLimit: { limit: 2, windowMs: 500 } })
    try {
      const fresh = await tokenFor(limited)
      for (let n = 0; n < 2; n++)
        expect((await call(`${limited.apiUrl}/Team`, { token: fresh })).status).toBe(200)
      const rejected = await call(`${limited.apiUrl}/Team`, { token: fresh })
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('1')
      await new Promise((resolve) => setTimeout(resolve, 550))
      expect((await call(`${limited.apiUrl}/Team`, { token: fresh })).status).toBe(200)
    } finally {
      await limited.close()
    }
  })
})

describe('fault injection', () => {
  it('answers an injected response once, before auth, then serves normally', async () => {
    halo.faults.respond({ status: 503, body: { Message: 'down' }, pathPrefix: '/api/Tickets' })
    const injected = await api('/Tickets?count=1', { token: null })
    expect(injected.status).toBe(503)
    expect(injected.json).toEqual({ Message: 'down' })
    expect((await api('/Tickets?count=1')).status).toBe(200)
  })

  it("injects the vendor's own 429 when only the status is given", async () => {
    halo.faults.respond({ status: 429, times: 2 })
    for (let n = 0; n < 2; n++) {
      const injected = await api('/Status')
      expect(injected.status).toBe(429)
      expect(injected.headers['retry-after']).toBe('1')
      expect(injected.json).toEqual({
        error: 'rate_limit_exceeded',
        message: 'Too many requests. Please retry after 1 seconds.',
        retry_after: 1,
      })
    }
    expect((await api('/Status')).status).toBe(200)
  })

  it('applies faults to the token endpoint and by method and path prefix', async () => {
    halo.faults.respond({ status: 500, pathPrefix: '/auth/token' })
    expect((await requestToken(halo)).status).toBe(500)
    expect((await requestToken(halo)).status).toBe(200)
    halo.faults.respond({ status: 502, method: 'POST', pathPrefix: '/api/Actions' })
    expect((await api('/Actions?ticket_id=1')).status).toBe(200)
    expect((await api('/Actions', { method: 'POST', body: [{ ticket_id: 23, note: 'x' }] })).status).toBe(502)
  })

  it('delays a request, then processes it', async () => {
    halo.faults.delay({ ms: 200, pathPrefix: '/api/Status' })
    const start = performance.now()
    expect((await api('/Status')).status).toBe(200)
    expect(performance.now() - start).toBeGreaterThanOrEqual(190)
  })

  it('drops the connection without a response', async () => {
    halo.faults.drop({ pathPrefix: '/api/Team' })
    await expect(api('/Team')).rejects.toThrow()
    expect((await api('/Team')).status).toBe(200)
  })
})

describe('stats', () => {
  it('counts requests by route and resets, token count included', async () => {
    const counted = await startHaloEmulator({})
    try {
      const fresh = await tokenFor(counted)
      await call(`${counted.apiUrl}/tickets/1`, { token: fresh })
      await call(`${counted.apiUrl}/Nowhere`, { token: fresh })
      expect(counted.stats.byRoute).toEqual({
        'POST /auth/token': 1,
        'GET /api/Tickets/:id': 1,
        'GET (no route)': 1,
      })
      expect(counted.stats.requests).toBe(3)
      expect(counted.tokens.issued).toBe(1)
      counted.resetStats()
      expect(counted.stats).toMatchObject({ requests: 0, rateLimited: 0, accepted: [], byRoute: {} })
      expect(counted.tokens.issued).toBe(0)
    } finally {
      await counted.close()
    }
  })
})
