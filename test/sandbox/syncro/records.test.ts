import { existsSync, readFileSync } from 'node:fs'
import { Agent, request, type Dispatcher } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSyncroEmulator, type SyncroEmulator, type TicketRecord } from '../../../sandbox/syncro/index.js'
import {
  extractSyncroSpecExamples,
  SYNCRO_SPEC_EXAMPLES_PATH,
  SYNCRO_SPEC_PATH,
  type SyncroSpecExamples,
} from '../../../scripts/syncro-spec-examples.js'

// The Syncro emulator, exercised over raw HTTP the way a client of the real vendor would be.

interface CallOptions {
  method?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  /** `null` sends no credentials at all. */
  apiKey?: string | null
  dispatcher?: Agent
}

interface CallResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any -- vendor JSON, asserted field by field
}

let syncro: SyncroEmulator

async function call(target: SyncroEmulator, path: string, options: CallOptions = {}): Promise<CallResult> {
  const apiKey = options.apiKey === undefined ? target.apiKeys[0] : options.apiKey
  const headers: Record<string, string> = {
    ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }),
    ...(options.body !== undefined || options.rawBody !== undefined
      ? { 'content-type': 'application/json' }
      : {}),
    ...options.headers,
  }
  const response = await request(`${target.baseUrl}${path}`, {
    method: (options.method ?? 'GET') as Dispatcher.HttpMethod,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    dispatcher: options.dispatcher,
  })
  const text = await response.body.text()
  return {
    status: response.statusCode,
    headers: response.headers,
    json: text === '' ? undefined : JSON.parse(text),
  }
}

const api = (path: string, options?: CallOptions) => call(syncro, path, options)

/** Every ticket id the list answers for this query, walking all pages. */
async function listedTicketIds(query: string): Promise<number[]> {
  const ids: number[] = []
  for (let page = 1; ; page++) {
    const { status, json } = await api(`/tickets?${query}&page=${page}`)
    expect(status).toBe(200)
    ids.push(...json.tickets.map((ticket: { id: number }) => ticket.id))
    if (page >= json.meta.total_pages) return ids
  }
}

function expectedTicketIds(predicate: (ticket: TicketRecord) => boolean): number[] {
  return [...syncro.db.tickets.values()]
    .filter(predicate)
    .map((ticket) => ticket.id)
    .sort((a, b) => b - a)
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  syncro = await startSyncroEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
})

afterAll(async () => {
  await syncro?.close()
})

afterEach(() => {
  syncro.faults.clear()
})

describe('seed data', () => {
  it('is deterministic per seed and differs between seeds', async () => {
    const [first, second, other] = await Promise.all([
      startSyncroEmulator({ seed: 7 }),
      startSyncroEmulator({ seed: 7 }),
      startSyncroEmulator({ seed: 8 }),
    ])
    try {
      const dump = (emulator: SyncroEmulator) =>
        JSON.stringify(
          Object.entries(emulator.db).map(([name, value]) => [
            name,
            value instanceof Map ? [...value] : value,
          ]),
        )
      expect(dump(first)).toBe(dump(second))
      expect(dump(first)).not.toBe(dump(other))
      expect(first.apiKeys[0]).not.toBe(second.apiKeys[0])
    } finally {
      await Promise.all([first.close(), second.close(), other.close()])
    }
  })

  it('holds the promised volumes and variety', () => {
    const { db } = syncro
    expect(db.users.size).toBe(5)
    expect(db.ticketTypes.size).toBe(4)
    expect([...db.assetTypes.values()].map((type) => type.name)).toEqual([
      'Desktop',
      'Laptop',
      'Server',
      'Printer',
      'Network Device',
    ])
    const customers = [...db.customers.values()]
    expect(customers).toHaveLength(50)
    expect(customers.filter((customer) => customer.disabled)).toHaveLength(3)
    expect(customers.filter((customer) => customer.business_name === null).length).toBeGreaterThan(5)
    expect(customers.filter((customer) => customer.business_name !== null).length).toBeGreaterThan(5)
    expect(db.assets.size).toBe(150)
    const tickets = [...db.tickets.values()]
    expect(tickets).toHaveLength(320)
    for (const status of db.statuses) {
      expect(tickets.filter((ticket) => ticket.status === status).length, status).toBeGreaterThanOrEqual(15)
    }
    expect(tickets.filter((ticket) => ticket.priority === 'Emergency').length).toBeGreaterThanOrEqual(3)
    // Priorities in the account's own form (GET /settings), plus a few texts not on its list.
    expect(db.priorities).toEqual(['0 Urgent', '1 High', '2 Normal', '3 Low'])
    expect(new Set(tickets.map((ticket) => ticket.priority))).toEqual(
      new Set([...db.priorities, null, 'Emergency']),
    )
    // Every ticket has an Issue Type from the account's list.
    expect(tickets.filter((ticket) => !db.problemTypes.includes(ticket.problem_type ?? ''))).toEqual([])
    expect(new Set(tickets.map((ticket) => ticket.problem_type)).size).toBeGreaterThanOrEqual(5)
    for (const ticket of tickets) {
      expect(ticket.created_at >= '2025-01-01' && ticket.created_at < '2025-11-01').toBe(true)
      expect(ticket.updated_at > ticket.created_at).toBe(true)
      expect(ticket.resolved_at !== null).toBe(ticket.status === 'Resolved' || ticket.status === 'Invoiced')
      const comments = db.commentsOf(ticket.id)
      expect(comments.length).toBeGreaterThanOrEqual(1)
      expect(comments.length).toBeLessThanOrEqual(5)
      expect(comments[0]).toMatchObject({ hidden: false })
      expect(Date.parse(comments[0]!.created_at) - Date.parse(ticket.created_at)).toBeLessThanOrEqual(1000)
    }
    // Opening comments as Syncro's web app titles them, and as other clients do (another subject, a second late).
    const openings = tickets.map((ticket) => db.commentsOf(ticket.id)[0]!)
    expect(openings.filter((comment) => comment.subject === 'Initial Issue').length).toBeGreaterThan(200)
    expect(openings.filter((comment) => comment.subject !== 'Initial Issue').length).toBeGreaterThan(30)
    expect(
      tickets.filter((ticket, n) => openings[n]!.created_at !== ticket.created_at).length,
    ).toBeGreaterThan(10)
    const openingIds = new Set(openings.map((comment) => comment.id))
    const followUps = [...db.comments.values()].filter((comment) => !openingIds.has(comment.id))
    expect(new Set(followUps.map((comment) => comment.hidden))).toEqual(new Set([true, false]))
    expect(
      Math.min(...db.tickets.keys(), ...db.customers.keys(), ...db.assets.keys(), ...db.comments.keys()),
    ).toBe(1)
  })
})

describe('authentication', () => {
  const NOT_AUTHORIZED = { error: 'Not authorized. Please check your API key.' }

  it('answers 401 without a key and with a wrong key', async () => {
    expect(await api('/tickets', { apiKey: null })).toMatchObject({ status: 401, json: NOT_AUTHORIZED })
    expect(await api('/tickets', { apiKey: 'not-the-key' })).toMatchObject({
      status: 401,
      json: NOT_AUTHORIZED,
    })
    expect(await api(`/tickets?api_key=wrong`, { apiKey: null })).toMatchObject({
      status: 401,
      json: NOT_AUTHORIZED,
    })
  })

  it('accepts the key as a Bearer token, as a bare Authorization value, or as ?api_key=', async () => {
    const key = syncro.apiKeys[0] as string
    expect((await api('/tickets')).status).toBe(200)
    expect((await api('/tickets', { apiKey: null, headers: { authorization: key } })).status).toBe(200)
    expect((await api(`/tickets?api_key=${key}`, { apiKey: null })).status).toBe(200)
  })

  it('lets the Authorization header decide when both are sent', async () => {
    const key = syncro.apiKeys[0] as string
    expect((await api(`/tickets?api_key=${key}`, { apiKey: 'wrong' })).status).toBe(401)
  })

  it('accepts every configured key and only those', async () => {
    const keyed = await startSyncroEmulator({ apiKeys: ['key-one', 'key-two'] })
    try {
      expect((await call(keyed, '/users', { apiKey: 'key-one' })).status).toBe(200)
      expect((await call(keyed, '/users', { apiKey: 'key-two' })).status).toBe(200)
      expect((await call(keyed, '/users', { apiKey: 'key-three' })).status).toBe(401)
    } finally {
      await keyed.close()
    }
  })
})

describe('paging', () => {
  it('answers a fixed page of 25 tickets, newest first, in the vendor envelope', async () => {
    const { status, json } = await api('/tickets')
    expect(status).toBe(200)
    expect(json.meta).toEqual({ total_entries: 320, total_pages: 13, page: 1, per_page: 25 })
    expect(json.tickets.map((ticket: { id: number }) => ticket.id)).toEqual(
      Array.from({ length: 25 }, (_, index) => 320 - index),
    )
  })

  it('returns every ticket exactly once over all pages', async () => {
    const ids = await listedTicketIds('')
    expect(ids).toHaveLength(syncro.db.tickets.size)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expectedTicketIds(() => true))
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

describe('ticket filters', () => {
  const someTicket = () => syncro.db.tickets.get(42) as TicketRecord

  it('filters by customer_id, contact_id and user_id', async () => {
    const { customer_id, user_id } = someTicket()
    const contactId = [...syncro.db.tickets.values()].find((ticket) => ticket.contact_id !== null)?.contact_id
    expect(await listedTicketIds(`customer_id=${customer_id}`)).toEqual(
      expectedTicketIds((ticket) => ticket.customer_id === customer_id),
    )
    expect(await listedTicketIds(`contact_id=${contactId}`)).toEqual(
      expectedTicketIds((ticket) => ticket.contact_id === contactId),
    )
    const userIds = await listedTicketIds(`user_id=${user_id ?? 1}`)
    expect(userIds.length).toBeGreaterThan(0)
    expect(userIds).toEqual(expectedTicketIds((ticket) => ticket.user_id === (user_id ?? 1)))
  })

  it('matches nothing for an integer filter that is not an integer', async () => {
    for (const param of ['customer_id', 'contact_id', 'user_id']) {
      expect((await api(`/tickets?${param}=abc`)).json.meta.total_entries, param).toBe(0)
    }
  })

  it('filters by exact number', async () => {
    expect(await listedTicketIds(`number=${someTicket().number}`)).toEqual([42])
  })

  it('filters by each status name', async () => {
    for (const status of syncro.db.statuses) {
      const ids = await listedTicketIds(`status=${encodeURIComponent(status)}`)
      expect(ids.length, status).toBeGreaterThanOrEqual(15)
      expect(ids, status).toEqual(expectedTicketIds((ticket) => ticket.status === status))
    }
  })

  it('treats status "Not Closed" as every status but Resolved and Invoiced', async () => {
    const ids = await listedTicketIds('status=Not%20Closed')
    expect(ids).toEqual(expectedTicketIds((ticket) => !['Resolved', 'Invoiced'].includes(ticket.status)))
    expect(ids.length).toBeGreaterThan(0)
  })

  it('searches subjects case-insensitively and numbers exactly with query', async () => {
    const ids = await listedTicketIds('query=PRINTER')
    expect(ids.length).toBeGreaterThan(0)
    expect(ids).toEqual(expectedTicketIds((ticket) => ticket.subject.toLowerCase().includes('printer')))
    expect(await listedTicketIds(`query=${someTicket().number}`)).toEqual([42])
  })

  it('filters created_after strictly, with a date or a date-time', async () => {
    const cutoff = someTicket().created_at
    const ids = await listedTicketIds(`created_after=${cutoff}`)
    expect(ids).not.toContain(42)
    expect(ids).toEqual(expectedTicketIds((ticket) => ticket.created_at > cutoff))
    expect(await listedTicketIds('created_after=2025-06-01')).toEqual(
      expectedTicketIds((ticket) => ticket.created_at >= '2025-06-01T00:00:00.000Z'),
    )
  })

  it('filters since_updated_at and resolved_after', async () => {
    expect(await listedTicketIds('since_updated_at=2025-10-01T12:00:00Z')).toEqual(
      expectedTicketIds((ticket) => ticket.updated_at > '2025-10-01T12:00:00.000Z'),
    )
    const resolved = await listedTicketIds('resolved_after=2025-08-15')
    expect(resolved.length).toBeGreaterThan(0)
    expect(resolved).toEqual(
      expectedTicketIds(
        (ticket) => ticket.resolved_at !== null && ticket.resolved_at > '2025-08-15T00:00:00.000Z',
      ),
    )
  })

  it('answers 400 for a date it cannot parse', async () => {
    for (const param of ['created_after', 'since_updated_at', 'resolved_after']) {
      expect(await api(`/tickets?${param}=last-tuesday`)).toMatchObject({
        status: 400,
        json: { error: `Invalid date: ${param}` },
      })
    }
    expect((await api('/tickets?created_after=2025-02-30')).status).toBe(400)
  })

  it('combines filters and ignores unknown parameters', async () => {
    const { customer_id } = someTicket()
    expect(await listedTicketIds(`customer_id=${customer_id}&status=Not%20Closed&colour=blue`)).toEqual(
      expectedTicketIds(
        (ticket) => ticket.customer_id === customer_id && !['Resolved', 'Invoiced'].includes(ticket.status),
      ),
    )
    expect((await api('/tickets?colour=blue')).json.meta.total_entries).toBe(syncro.db.tickets.size)
  })

  it('lists only the initial comment, while the single ticket carries all, oldest first', async () => {
    const ticketWithThread = [...syncro.db.tickets.values()].find(
      (ticket) => syncro.db.commentsOf(ticket.id).length >= 3,
    ) as TicketRecord
    const listed = await api(`/tickets?number=${ticketWithThread.number}`)
    expect(listed.json.tickets[0].comments).toHaveLength(1)
    expect(listed.json.tickets[0].comments[0].id).toBe(syncro.db.commentsOf(ticketWithThread.id)[0]!.id)
    const single = await api(`/tickets/${ticketWithThread.id}`)
    expect(single.json.ticket.comments.map((comment: { id: number }) => comment.id)).toEqual(
      syncro.db.commentsOf(ticketWithThread.id).map((comment) => comment.id),
    )
    const times = single.json.ticket.comments.map((comment: { created_at: string }) => comment.created_at)
    expect(times).toEqual([...times].sort())
  })
})

describe('record shapes', () => {
  const TICKET_FIELDS = [
    'id',
    'number',
    'subject',
    'created_at',
    'customer_id',
    'customer_business_then_name',
    'due_date',
    'resolved_at',
    'start_at',
    'end_at',
    'location_id',
    'problem_type',
    'status',
    'ticket_type_id',
    'ticket_type_name',
    'properties',
    'user_id',
    'user',
    'updated_at',
    'priority',
    'contact_id',
    'contact_fullname',
    'tag_list',
    'asset_ids',
    'sla_id',
    'comments',
  ]

  it('wraps single records and carries the ticket fields with ISO timestamps', async () => {
    const { json } = await api('/tickets/42')
    expect(Object.keys(json)).toEqual(['ticket'])
    expect(Object.keys(json.ticket)).toEqual(expect.arrayContaining(TICKET_FIELDS))
    expect(Object.keys((await api('/tickets')).json.tickets[0])).toEqual(
      expect.arrayContaining(TICKET_FIELDS),
    )
    for (const field of ['created_at', 'updated_at']) expect(json.ticket[field]).toMatch(ISO_MS)
    const stored = syncro.db.tickets.get(42) as TicketRecord
    expect(json.ticket).toMatchObject({
      id: 42,
      number: stored.number,
      status: stored.status,
      priority: stored.priority,
    })
    if (stored.user_id !== null) {
      expect(json.ticket.user).toMatchObject({
        id: stored.user_id,
        email: expect.any(String),
        full_name: expect.any(String),
      })
    }
  })

  it('answers 404 {"message":"Not found"} for unknown or malformed ids', async () => {
    for (const path of [
      '/tickets/999999',
      '/tickets/abc',
      '/customers/0',
      '/customer_assets/999',
      '/users/77',
      '/contacts/999999',
    ]) {
      expect(await api(path), path).toMatchObject({ status: 404, json: { message: 'Not found' } })
    }
  })

  it('answers ticket settings and the user list as the vendor does', async () => {
    const settings = (await api('/tickets/settings')).json
    expect(settings.ticket_status_list).toEqual([
      'New',
      'In Progress',
      'Resolved',
      'Invoiced',
      'Waiting for Parts',
      'Waiting on Customer',
      'Scheduled',
      'Customer Reply',
    ])
    expect(settings.ticket_types).toHaveLength(4)
    expect(settings.ticket_types[0]).toMatchObject({ id: 1, name: 'Hardware', disabled: false })
    expect(settings.users).toContainEqual({ id: 1, name: 'Alex Morgan' })
    const users = (await api('/users')).json
    expect(users.users).toHaveLength(5)
    expect(users.users[0]).toEqual([1, 'Alex Morgan'])
  })

  it('answers the account settings: priorities in its own form and the Issue Types tickets carry', async () => {
    const { status, json } = await api('/settings')
    expect(status).toBe(200)
    // The spec's example lists a blank choice first, then "0 Urgent", "1 High", "2 Normal", "3 Low".
    expect(json.ticket.priorities).toEqual(['', '0 Urgent', '1 High', '2 Normal', '3 Low'])
    expect(json.ticket.problem_types).toEqual(syncro.db.problemTypes)
    expect(json.ticket.problem_types).toEqual(
      expect.arrayContaining(['Virus', 'Hardware', 'Software', 'Other']),
    )
    expect(json.ticket.ticket_types.map((type: { name: string }) => type.name)).toEqual(
      [...syncro.db.ticketTypes.values()].map((type) => type.name),
    )
    expect(json).toMatchObject({
      assets: { asset_types: [] },
      locale: { iso_code: 'en' },
      business_hours: expect.any(Array),
    })
    const ticket = (await api('/tickets/42')).json.ticket
    expect(json.ticket.problem_types).toContain(ticket.problem_type)
  })

  it('stores any priority and Issue Type text as sent (the spec shows a ticket with "High", off the list)', async () => {
    const own = await startSyncroEmulator()
    try {
      const created = await call(own, '/tickets', {
        method: 'POST',
        body: { customer_id: 1, subject: 'Typed', priority: '1 High', problem_type: 'Printer' },
      })
      expect(created.json.ticket).toMatchObject({ priority: '1 High', problem_type: 'Printer' })
      const updated = await call(own, `/tickets/${created.json.ticket.id}`, {
        method: 'PUT',
        body: { priority: 'Someday', problem_type: 'Coffee machine' },
      })
      expect(updated.json.ticket).toMatchObject({ priority: 'Someday', problem_type: 'Coffee machine' })
    } finally {
      await own.close()
    }
  })

  it('lists contacts a page at a time, by customer, and gets one unwrapped as the spec shows', async () => {
    const all: number[] = []
    for (let page = 1; ; page++) {
      const { status, json } = await api(`/contacts?page=${page}`)
      expect(status).toBe(200)
      expect(json.meta).toMatchObject({ page, per_page: 50, total_entries: syncro.db.contacts.size })
      all.push(...json.contacts.map((contact: { id: number }) => contact.id))
      if (page >= json.meta.total_pages) break
    }
    expect(all).toEqual([...syncro.db.contacts.keys()].sort((a, b) => a - b))
    const owner = [...syncro.db.contacts.values()][0]!.customer_id
    const ofOwner = (await api(`/contacts?customer_id=${owner}`)).json.contacts
    expect(ofOwner.map((contact: { id: number }) => contact.id).sort()).toEqual(
      syncro.db
        .contactsOf(owner)
        .map((contact) => contact.id)
        .sort(),
    )
    const first = [...syncro.db.contacts.values()][0]!
    const single = await api(`/contacts/${first.id}`)
    expect(single.status).toBe(200)
    expect(single.json).toMatchObject({ id: first.id, name: first.name, customer_id: first.customer_id })
  })

  it('names the asset type as text and nests the full customer', async () => {
    const { json } = await api('/customer_assets/1')
    const stored = syncro.db.assets.get(1)
    expect(json.asset).toMatchObject({
      id: 1,
      name: stored?.name,
      asset_type: syncro.db.assetTypes.get(stored?.asset_type_id ?? 0)?.name,
      customer: { id: stored?.customer_id },
    })
    expect(json.asset.properties).toMatchObject({
      Manufacturer: expect.any(String),
      Model: expect.any(String),
    })
  })

  // The spec's examples, kept in the repository (scripts/syncro-spec-examples.ts extracts them from
  // ../shared/vendor-specs/syncro-openapi.json), so this runs on a fresh clone.
  it("carries every field of the vendor's OpenAPI examples", async () => {
    const spec = JSON.parse(readFileSync(SYNCRO_SPEC_EXAMPLES_PATH, 'utf8')) as SyncroSpecExamples
    const example = (operation: string, status = '200') => {
      const response = spec.operations[operation]?.[status]
      const value = response?.example ?? Object.values(response?.examples ?? {})[0]
      if (value === undefined) throw new Error(`no example for ${operation} ${status}`)
      return value as any // eslint-disable-line @typescript-eslint/no-explicit-any -- vendor JSON
    }
    const keysOf = (value: object) => Object.keys(value)
    const contact = [...syncro.db.contacts.values()][0]!
    const pairs: [string, object, object][] = [
      ['list ticket', (await api('/tickets')).json.tickets[0], example('GET /tickets').tickets[0]],
      ['ticket', (await api('/tickets/42')).json.ticket, example('GET /tickets/{id}').ticket],
      ['customer', (await api('/customers')).json.customers[0], example('GET /customers').customers[0]],
      ['single customer', (await api('/customers/1')).json.customer, example('GET /customers/{id}').customer],
      ['asset', (await api('/customer_assets')).json.assets[0], example('GET /customer_assets').assets[0]],
      [
        'asset customer',
        (await api('/customer_assets')).json.assets[0].customer,
        example('GET /customer_assets').assets[0].customer,
      ],
      [
        'listed comment',
        (await api('/tickets/42/comments')).json.comments[0],
        example('GET /tickets/{id}/comments').comments[0],
      ],
      ['ticket settings', (await api('/tickets/settings')).json, example('GET /tickets/settings')],
      ['user', (await api('/users/1')).json.user, example('GET /users/{id}').user],
      ['users', (await api('/users')).json, example('GET /users')],
      ['settings', (await api('/settings')).json, example('GET /settings')],
      ['settings.ticket', (await api('/settings')).json.ticket, example('GET /settings').ticket],
      ['settings.locale', (await api('/settings')).json.locale, example('GET /settings').locale],
      ['contacts', (await api('/contacts')).json, example('GET /contacts')],
      ['listed contact', (await api('/contacts')).json.contacts[0], example('GET /contacts').contacts[0]],
      // GET /contacts/{id} has a schema, no example (and spells longitude "longitud"): the listed example.
      ['single contact', (await api(`/contacts/${contact.id}`)).json, example('GET /contacts').contacts[0]],
      ['list meta', (await api('/contacts')).json.meta, example('GET /contacts').meta],
    ]
    for (const [name, ours, vendors] of pairs) {
      expect(keysOf(ours), name).toEqual(expect.arrayContaining(keysOf(vendors)))
    }
  })

  const specMissing = !existsSync(SYNCRO_SPEC_PATH)
  it.skipIf(specMissing)(
    `keeps the spec's examples as the document has them${specMissing ? ` (skipped: no spec at ${SYNCRO_SPEC_PATH})` : ''}`,
    () => {
      const extracted = extractSyncroSpecExamples(JSON.parse(readFileSync(SYNCRO_SPEC_PATH, 'utf8')))
      expect(JSON.parse(readFileSync(SYNCRO_SPEC_EXAMPLES_PATH, 'utf8'))).toEqual(extracted)
    },
  )
})

describe('rate limit', () => {
  const LIMITED_BODY = { error: 'Rate limit exceeded. Please wait before making more requests.' }

  it('answers 429 with Retry-After and the vendor body once the limit is used, counting before auth', async () => {
    const limited = await startSyncroEmulator({
      rateLimit: { limit: 3, windowMs: 60_000, retryAfterSeconds: 7 },
    })
    try {
      expect((await call(limited, '/tickets', { apiKey: null })).status).toBe(401)
      expect((await call(limited, '/tickets')).status).toBe(200)
      expect((await call(limited, '/nowhere')).status).toBe(404)
      const rejected = await call(limited, '/tickets')
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('7')
      expect(rejected.json).toEqual(LIMITED_BODY)
      expect(Object.keys(rejected.headers).filter((name) => name.includes('ratelimit'))).toEqual([])
      expect(limited.stats).toMatchObject({ requests: 4, rateLimited: 1 })
    } finally {
      await limited.close()
    }
  })

  it('rolls the window, and rejected requests do not keep it closed', async () => {
    const limited = await startSyncroEmulator({ rateLimit: { limit: 3, windowMs: 600 } })
    try {
      const start = performance.now()
      for (let n = 0; n < 3; n++) expect((await call(limited, '/users')).status).toBe(200)
      await sleep(300 - (performance.now() - start))
      expect((await call(limited, '/users')).status).toBe(429)
      expect((await call(limited, '/users')).status).toBe(429)
      // The accepted requests have left the window; had the two rejections counted, only one more would pass.
      await sleep(700 - (performance.now() - start))
      for (let n = 0; n < 3; n++) expect((await call(limited, '/users')).status).toBe(200)
      expect((await call(limited, '/users')).status).toBe(429)
    } finally {
      await limited.close()
    }
  })

  it('limits each client IP separately', async (context) => {
    const limited = await startSyncroEmulator({ rateLimit: { limit: 1, windowMs: 60_000 } })
    const otherSource = new Agent({ localAddress: '127.0.0.2' })
    try {
      expect((await call(limited, '/users')).status).toBe(200)
      expect((await call(limited, '/users')).status).toBe(429)
      const fromOtherIp = await call(limited, '/users', { dispatcher: otherSource }).catch(
        (error: Error) => error,
      )
      if (fromOtherIp instanceof Error)
        return context.skip(`no second loopback address here: ${fromOtherIp.message}`)
      expect(fromOtherIp.status).toBe(200)
    } finally {
      await otherSource.close()
      await limited.close()
    }
  })
})

describe('validation errors', () => {
  const validTicket = () => ({ customer_id: 1, subject: 'Printer on fire' })

  it('answers the vendor 422 shapes on ticket create, and creates nothing', async () => {
    const before = syncro.db.tickets.size
    const cases: [object, object][] = [
      [{ subject: 'No customer' }, { error: 'Customer required field' }],
      [{ customer_id: null, subject: 'Null customer' }, { error: 'Customer required field' }],
      [
        { customer_id: 999_999, subject: 'Ghost customer' },
        { error: 'Validation failed', errors: [{ field: 'customer_id', message: 'does not exist' }] },
      ],
      [{ customer_id: 1 }, { success: false, message: ["Subject can't be blank"] }],
      [
        { customer_id: 1, subject: '   ' },
        { success: false, message: ["Subject can't be blank"] },
      ],
      [
        { ...validTicket(), status: 'Closed' },
        { error: 'Validation failed', errors: [{ field: 'status', message: 'is not included in the list' }] },
      ],
      [
        { ...validTicket(), user_id: 99 },
        { error: 'Validation failed', errors: [{ field: 'user_id', message: 'does not exist' }] },
      ],
      [
        { ...validTicket(), ticket_type_id: 99 },
        { error: 'Validation failed', errors: [{ field: 'ticket_type_id', message: 'does not exist' }] },
      ],
      [
        { ...validTicket(), contact_id: 99_999 },
        { error: 'Validation failed', errors: [{ field: 'contact_id', message: 'does not exist' }] },
      ],
    ]
    for (const [body, expected] of cases) {
      const { status, json } = await api('/tickets', { method: 'POST', body })
      expect({ status, json }, JSON.stringify(body)).toEqual({ status: 422, json: expected })
    }
    expect(syncro.db.tickets.size).toBe(before)
  })

  it('checks only the fields sent on ticket update, and changes nothing on failure', async () => {
    const before = structuredClone(syncro.db.tickets.get(10))
    const cases: [object, object][] = [
      [{ customer_id: null }, { error: 'Customer required field' }],
      [{ subject: '' }, { success: false, message: ["Subject can't be blank"] }],
      [
        { status: 'Done', user_id: 42 },
        {
          error: 'Validation failed',
          errors: [
            { field: 'user_id', message: 'does not exist' },
            { field: 'status', message: 'is not included in the list' },
          ],
        },
      ],
    ]
    for (const [body, expected] of cases) {
      expect(await api('/tickets/10', { method: 'PUT', body }), JSON.stringify(body)).toMatchObject({
        status: 422,
        json: expected,
      })
    }
    expect(syncro.db.tickets.get(10)).toEqual(before)
  })

  it('requires a comment subject and body', async () => {
    expect(await api('/tickets/10/comment', { method: 'POST', body: { hidden: true } })).toMatchObject({
      status: 422,
      json: { success: false, message: ["Body can't be blank", "Subject can't be blank"] },
    })
    expect(
      await api('/tickets/10/comment', { method: 'POST', body: { subject: 'Hi', body: ' ' } }),
    ).toMatchObject({
      status: 422,
      json: { success: false, message: ["Body can't be blank"] },
    })
  })

  it('requires a customer name and a real email, echoing the params on create', async () => {
    const nameless = { email: 'someone@example.com', phone: '555-0100' }
    expect(await api('/customers', { method: 'POST', body: nameless })).toMatchObject({
      status: 422,
      json: { success: false, message: ["Business name or last name can't be blank"] },
    })
    const badEmail = { business_name: 'Real Business', email: 'it is not an email' }
    expect(await api('/customers', { method: 'POST', body: badEmail })).toEqual(
      expect.objectContaining({
        status: 422,
        json: { success: false, message: ['Email is not an email'], params: badEmail },
      }),
    )
    expect(await api('/customers/1', { method: 'PUT', body: { email: 'nope' } })).toMatchObject({
      status: 422,
      json: { success: false, message: ['Email is not an email'] },
    })
    expect(
      await api('/customers/1', {
        method: 'PUT',
        body: { business_name: '', firstname: null, lastname: ' ' },
      }),
    ).toMatchObject({ status: 422, json: { message: ["Business name or last name can't be blank"] } })
  })

  it('requires an asset name, a known asset type and an existing customer', async () => {
    const cases: [object, object][] = [
      [
        { asset_type_id: 1, customer_id: 1 },
        { success: false, message: ["Name can't be blank"], params: { asset_type_id: 1, customer_id: 1 } },
      ],
      [
        { name: 'X', customer_id: 1 },
        { success: false, message: ["Asset type can't be blank"], params: { name: 'X', customer_id: 1 } },
      ],
      [
        { name: 'X', customer_id: 1, asset_type_name: 'Toaster' },
        {
          success: false,
          message: ["Asset type can't be blank"],
          params: { name: 'X', customer_id: 1, asset_type_name: 'Toaster' },
        },
      ],
      [
        { name: 'X', customer_id: 999, asset_type_id: 1 },
        { error: 'Validation failed', errors: [{ field: 'customer_id', message: 'does not exist' }] },
      ],
      [
        { name: 'X', asset_type_id: 1 },
        { error: 'Validation failed', errors: [{ field: 'customer_id', message: 'is required' }] },
      ],
    ]
    for (const [body, expected] of cases) {
      const { status, json } = await api('/customer_assets', { method: 'POST', body })
      expect({ status, json }, JSON.stringify(body)).toEqual({ status: 422, json: expected })
    }
    expect(await api('/customer_assets/1', { method: 'PUT', body: { asset_type_id: 99 } })).toMatchObject({
      status: 422,
      json: { success: false, message: ["Asset type can't be blank"] },
    })
  })

  it('answers 400 for malformed JSON and ignores a body that is not JSON', async () => {
    expect(await api('/tickets', { method: 'POST', rawBody: '{"subject":' })).toMatchObject({
      status: 400,
      json: { error: 'Malformed JSON' },
    })
    const formBody = await api('/tickets', {
      method: 'POST',
      rawBody: JSON.stringify(validTicket()),
      headers: { 'content-type': 'text/plain' },
    })
    expect(formBody).toMatchObject({ status: 422, json: { error: 'Customer required field' } })
  })
})

describe('ticket lifecycle', () => {
  let created: { id: number; number: number; updated_at: string }

  it('creates a ticket with its initial comment and lists it first', async () => {
    const highestNumber = Math.max(...[...syncro.db.tickets.values()].map((ticket) => ticket.number))
    const before = Date.now()
    const { status, json } = await api('/tickets', {
      method: 'POST',
      body: {
        customer_id: 3,
        subject: 'Server room too hot',
        problem_type: 'Hardware',
        priority: 'Whenever you can',
        user_id: 2,
        ticket_type_id: 1,
        due_date: '2026-01-15',
        tag_list: ['onsite'],
        properties: { Floor: '2' },
        comments_attributes: [
          { subject: 'Initial Issue', body: 'AC unit failed', hidden: true, tech: 'Priya Shah' },
        ],
      },
    })
    expect(status).toBe(200)
    expect(json.ticket).toMatchObject({
      number: highestNumber + 1,
      subject: 'Server room too hot',
      status: 'New',
      customer_id: 3,
      priority: 'Whenever you can',
      user_id: 2,
      user: { id: 2, full_name: 'Priya Shah' },
      ticket_type_id: 1,
      ticket_type_name: 'Hardware',
      due_date: '2026-01-15T00:00:00.000Z',
      resolved_at: null,
      tag_list: ['onsite'],
      properties: { Floor: '2' },
      comments: [{ subject: 'Initial Issue', body: 'AC unit failed', hidden: true, tech: 'Priya Shah' }],
    })
    expect(Date.parse(json.ticket.created_at)).toBeGreaterThanOrEqual(before - 5)
    created = json.ticket

    const newest = (await api('/tickets')).json.tickets[0]
    expect(newest.id).toBe(created.id)
    expect((await api(`/tickets/${created.id}`)).json.ticket).toEqual(json.ticket)
  })

  it('accepts any priority text or null', async () => {
    for (const priority of [null, 'Emergency', 'P1']) {
      const { status, json } = await api('/tickets', {
        method: 'POST',
        body: { customer_id: 1, subject: `Priority ${priority}`, priority },
      })
      expect(status).toBe(200)
      expect(json.ticket.priority).toBe(priority)
    }
  })

  it('updates only the fields sent and moves updated_at', async () => {
    const before = (await api(`/tickets/${created.id}`)).json.ticket
    await sleep(5)
    const { status, json } = await api(`/tickets/${created.id}`, {
      method: 'PUT',
      body: { subject: 'Renamed' },
    })
    expect(status).toBe(200)
    expect(json.ticket.subject).toBe('Renamed')
    expect(json.ticket.updated_at > before.updated_at).toBe(true)
    const unchanged = (ticket: object) =>
      Object.fromEntries(Object.entries(ticket).filter(([key]) => key !== 'subject' && key !== 'updated_at'))
    expect(unchanged(json.ticket)).toEqual(unchanged(before))
  })

  it('stamps resolved_at when a ticket becomes Resolved', async () => {
    const { json } = await api(`/tickets/${created.id}`, { method: 'PUT', body: { status: 'Resolved' } })
    expect(json.ticket.status).toBe('Resolved')
    expect(json.ticket.resolved_at).toMatch(ISO_MS)
    expect(json.ticket.resolved_at).toBe(json.ticket.updated_at)
    expect(await listedTicketIds('resolved_after=2026-01-01&status=Resolved')).toContain(created.id)
  })

  it('adds comments, hidden false by default, and lists them with paging and sorting', async () => {
    const before = syncro.db.tickets.get(created.id)?.updated_at as string
    await sleep(5)
    const posted = await api(`/tickets/${created.id}/comment`, {
      method: 'POST',
      body: { subject: 'Update', body: 'Replaced the fan', do_not_email: true, tech: 'Alex Morgan' },
    })
    expect(posted.status).toBe(200)
    expect(Object.keys(posted.json)).toEqual(['comment'])
    expect(posted.json.comment).toMatchObject({
      ticket_id: created.id,
      subject: 'Update',
      body: 'Replaced the fan',
      hidden: false,
      tech: 'Alex Morgan',
      user_id: 1,
    })
    expect((syncro.db.tickets.get(created.id)?.updated_at as string) > before).toBe(true)
    await api(`/tickets/${created.id}/comment`, {
      method: 'POST',
      body: { subject: 'Note', body: 'Third', hidden: true },
    })

    const newestFirst = (await api(`/tickets/${created.id}/comments`)).json
    expect(newestFirst.meta).toEqual({ total_entries: 3, total_pages: 1, page: 1, per_page: 10 })
    expect(newestFirst.comments.map((comment: { body: string }) => comment.body)).toEqual([
      'Third',
      'Replaced the fan',
      'AC unit failed',
    ])
    const oldestFirst = (await api(`/tickets/${created.id}/comments?sort_direction=ASC&per_page=2&page=2`))
      .json
    expect(oldestFirst.meta).toEqual({ total_entries: 3, total_pages: 2, page: 2, per_page: 2 })
    expect(oldestFirst.comments.map((comment: { body: string }) => comment.body)).toEqual(['Third'])
    expect((await api(`/tickets/${created.id}/comments?per_page=500`)).json.meta.per_page).toBe(100)
    const detail = (await api(`/tickets/${created.id}`)).json.ticket
    expect(detail.comments.map((comment: { body: string }) => comment.body)).toEqual([
      'AC unit failed',
      'Replaced the fan',
      'Third',
    ])
    expect((await api('/tickets/999999/comments')).status).toBe(404)
  })

  it('deletes a ticket', async () => {
    expect(await api(`/tickets/${created.id}`, { method: 'DELETE' })).toMatchObject({
      status: 200,
      json: { message: 'Ticket was successfully deleted. ' },
    })
    expect((await api(`/tickets/${created.id}`)).status).toBe(404)
    expect((await api(`/tickets/${created.id}`, { method: 'DELETE' })).status).toBe(404)
    expect(syncro.db.commentsOf(created.id)).toEqual([])
  })
})

describe('customers and assets', () => {
  it('excludes disabled customers unless include_disabled=true', async () => {
    const disabledIds = [...syncro.db.customers.values()].filter((c) => c.disabled).map((c) => c.id)
    const listed = (await api('/customers')).json.customers.map((customer: { id: number }) => customer.id)
    expect(listed.some((id: number) => disabledIds.includes(id))).toBe(false)
    const all = (await api('/customers?include_disabled=true')).json
    expect(all.meta.total_entries).toBe(syncro.db.customers.size)
    expect(all.customers.filter((customer: { disabled: boolean }) => customer.disabled)).toHaveLength(3)
    expect((await api(`/customers/${disabledIds[0]}`)).json.customer.disabled).toBe(true)
  })

  it('creates, updates and finds a customer', async () => {
    const created = await api('/customers', {
      method: 'POST',
      body: {
        business_name: 'Zebra Crossing Ltd',
        firstname: 'Zoe',
        lastname: 'Quill',
        email: 'zoe@zebra.example',
      },
    })
    expect(created.status).toBe(200)
    expect(created.json.customer).toMatchObject({
      business_name: 'Zebra Crossing Ltd',
      fullname: 'Zoe Quill',
      business_then_name: 'Zebra Crossing Ltd',
      disabled: false,
      phone: null,
    })
    const id = created.json.customer.id
    const updated = await api(`/customers/${id}`, { method: 'PUT', body: { phone: '(503) 555-0199' } })
    expect(updated.json.customer).toMatchObject({ id, phone: '(503) 555-0199', email: 'zoe@zebra.example' })

    const byQuery = (await api('/customers?query=zebra')).json.customers.map((c: { id: number }) => c.id)
    expect(byQuery).toEqual([id])
    expect((await api('/customers?email=ZOE@zebra.example')).json.customers).toHaveLength(1)
    expect((await api('/customers?email=zoe@zebra')).json.customers).toHaveLength(0)
    expect((await api('/customers?business_name=crossing')).json.customers[0].id).toBe(id)
    expect((await api('/customers?lastname=quil')).json.customers[0].id).toBe(id)
    expect(
      (await api(`/customers?id[]=${id}&id[]=1`)).json.customers.map((c: { id: number }) => c.id),
    ).toEqual([1, id])
  })

  it('creates an asset by type name, updates it and filters assets', async () => {
    const laptop = [...syncro.db.assetTypes.values()].find((type) => type.name === 'Laptop')
    const created = await api('/customer_assets', {
      method: 'POST',
      body: {
        name: 'ZC-LT-01',
        customer_id: 2,
        asset_type_name: 'Laptop',
        asset_serial: 'SN-ZEBRA-1',
        properties: { Manufacturer: 'Lenovo', Model: 'X1' },
      },
    })
    expect(created.status).toBe(200)
    expect(created.json.asset).toMatchObject({
      name: 'ZC-LT-01',
      asset_type: 'Laptop',
      customer_id: 2,
      customer: { id: 2 },
      properties: { Manufacturer: 'Lenovo', Model: 'X1' },
    })
    const id = created.json.asset.id
    const updated = await api(`/customer_assets/${id}`, { method: 'PUT', body: { name: 'ZC-LT-02' } })
    expect(updated.json.asset).toMatchObject({
      id,
      name: 'ZC-LT-02',
      asset_serial: 'SN-ZEBRA-1',
      asset_type: 'Laptop',
    })

    expect(
      (await api('/customer_assets?query=sn-zebra')).json.assets.map((a: { id: number }) => a.id),
    ).toEqual([id])
    const byType = (await api(`/customer_assets?asset_type_id=${laptop?.id}&page=1`)).json
    expect(byType.meta.total_entries).toBe(
      [...syncro.db.assets.values()].filter((a) => a.asset_type_id === laptop?.id).length,
    )
    const byCustomer = (await api('/customer_assets?customer_id=2')).json.assets
    expect(byCustomer.every((asset: { customer_id: number }) => asset.customer_id === 2)).toBe(true)
    expect(byCustomer.map((asset: { id: number }) => asset.id)).toContain(id)
  })
})

describe('fault injection', () => {
  it('answers an injected response once, then serves normally, without needing auth', async () => {
    syncro.faults.respond({ status: 503, body: { error: 'Service Unavailable' } })
    expect(await api('/tickets', { apiKey: null })).toMatchObject({
      status: 503,
      json: { error: 'Service Unavailable' },
    })
    expect((await api('/tickets')).status).toBe(200)
  })

  it("injects the vendor's own 429 when only the status is given", async () => {
    const before = syncro.stats.rateLimited
    syncro.faults.respond({ status: 429, times: 2 })
    for (let n = 0; n < 2; n++) {
      const { status, headers, json } = await api('/customers')
      expect(status).toBe(429)
      expect(headers['retry-after']).toBe('30')
      expect(json).toEqual({ error: 'Rate limit exceeded. Please wait before making more requests.' })
    }
    expect((await api('/customers')).status).toBe(200)
    expect(syncro.stats.rateLimited).toBe(before + 2)
  })

  it('applies a fault only to its method and path prefix', async () => {
    syncro.faults.respond({ status: 502, method: 'post', pathPrefix: '/tickets' })
    expect((await api('/tickets')).status).toBe(200)
    expect((await api('/customers', { method: 'POST', body: {} })).status).toBe(422)
    expect((await api('/tickets', { method: 'POST', body: {} })).status).toBe(502)
    expect((await api('/tickets', { method: 'POST', body: {} })).status).toBe(422)
  })

  it('delays a request, then processes it', async () => {
    syncro.faults.delay({ ms: 150, pathPrefix: '/users' })
    const start = performance.now()
    expect((await api('/users')).status).toBe(200)
    expect(performance.now() - start).toBeGreaterThanOrEqual(145)
    const quick = performance.now()
    await api('/users')
    expect(performance.now() - quick).toBeLessThan(145)
  })

  it('drops the connection without a response', async () => {
    syncro.faults.drop({ pathPrefix: '/tickets/1' })
    await expect(api('/tickets/1')).rejects.toThrow()
    expect((await api('/tickets/1')).status).toBe(200)
  })

  it('forgets pending faults on clear', async () => {
    syncro.faults.respond({ status: 500, times: 5 })
    syncro.faults.clear()
    expect((await api('/users')).status).toBe(200)
  })
})

describe('routing and stats', () => {
  it('answers 404 {"message":"Not found"} for unknown routes and methods', async () => {
    for (const [method, path] of [
      ['GET', '/widgets'],
      ['PATCH', '/tickets/1'],
      ['DELETE', '/customer_assets/1'],
    ] as const) {
      expect(await api(path, { method }), `${method} ${path}`).toMatchObject({
        status: 404,
        json: { message: 'Not found' },
      })
    }
    const outsideApi = await request(`${syncro.origin}/tickets`)
    expect(outsideApi.statusCode).toBe(404)
    expect(await outsideApi.body.json()).toEqual({ message: 'Not found' })
  })

  it('counts every request by route, and resets', async () => {
    syncro.resetStats()
    await api('/tickets')
    await api('/tickets/5')
    await api('/tickets/5', { apiKey: null })
    await api('/tickets/5/comment', { method: 'POST', body: { subject: 'S', body: 'B' } })
    await api('/widgets')
    expect(syncro.stats.accepted.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /tickets',
      'GET /tickets/5',
      'GET /tickets/5',
      'POST /tickets/5/comment',
      'GET /widgets',
    ])
    expect(syncro.stats).toMatchObject({
      requests: 5,
      rateLimited: 0,
      byRoute: {
        'GET /tickets': 1,
        'GET /tickets/:id': 2,
        'POST /tickets/:id/comment': 1,
        'GET (no route)': 1,
      },
    })
    syncro.resetStats()
    expect(syncro.stats).toEqual({ requests: 0, rateLimited: 0, accepted: [], byRoute: {} })
  })
})
