import { request, type Dispatcher } from 'undici'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CONNECTWISE_PRIORITY_COLORS } from '../../helpers/connectwise-model.js'
import {
  parseConditions,
  startConnectWiseEmulator,
  type ConnectWiseEmulator,
  type TicketRecord,
} from '../../../sandbox/connectwise/index.js'

// The ConnectWise emulator, exercised over raw HTTP the way a client of the real vendor would be.

interface CallOptions {
  method?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  /** `null` sends no Authorization header; a string is sent as is. Default: the first member's Basic credentials. */
  authorization?: string | null
  /** `null` sends no clientId header. */
  clientId?: string | null
}

interface CallResult {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any -- vendor JSON, asserted field by field
}

let cw: ConnectWiseEmulator

const basic = (companyId: string, publicKey: string, privateKey: string) =>
  `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`

const memberAuth = (target: ConnectWiseEmulator, index = 0) => {
  const member = target.members[index] as { publicKey: string; privateKey: string }
  return basic(target.companyId, member.publicKey, member.privateKey)
}

async function call(
  target: ConnectWiseEmulator,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const authorization = options.authorization === undefined ? memberAuth(target) : options.authorization
  const clientId = options.clientId === undefined ? target.clientIds[0] : options.clientId
  const hasBody = options.body !== undefined || options.rawBody !== undefined
  const headers: Record<string, string> = {
    ...(authorization === null ? {} : { authorization }),
    ...(clientId === null || clientId === undefined ? {} : { clientid: clientId }),
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  }
  const response = await request(path.startsWith('http') ? path : `${target.baseUrl}${path}`, {
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

const api = (path: string, options?: CallOptions) => call(cw, path, options)

const q = (conditions: string) => `conditions=${encodeURIComponent(conditions)}`
const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** The `Link` header as rel -> URL. */
function links(result: CallResult): Record<string, string> {
  const header = result.headers.link
  if (typeof header !== 'string') return {}
  return Object.fromEntries(
    [...header.matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((match) => [match[2] as string, match[1] as string]),
  )
}

/** Ids the list answers for this query, in order, in one page of up to 1000. */
async function listIds(path: string, query = ''): Promise<number[]> {
  const separator = path.includes('?') ? '&' : '?'
  const { status, json } = await api(`${path}${separator}pageSize=1000${query ? `&${query}` : ''}`)
  expect(status, JSON.stringify(json)).toBe(200)
  return json.map((record: { id: number }) => record.id)
}

const tickets = () => [...cw.db.tickets.values()]
const ticketIds = (predicate: (ticket: TicketRecord) => boolean) =>
  tickets()
    .filter(predicate)
    .map((ticket) => ticket.id)
    .sort((a, b) => a - b)
const statusOf = (ticket: TicketRecord) => cw.db.statuses.get(ticket.statusId)

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

beforeAll(async () => {
  cw = await startConnectWiseEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
})

afterAll(async () => {
  await cw?.close()
})

afterEach(() => {
  cw.faults.clear()
})

describe('seed data', () => {
  it('is deterministic per seed, differs between seeds, and never shares keys', async () => {
    const [first, second, other] = await Promise.all([
      startConnectWiseEmulator({ seed: 7 }),
      startConnectWiseEmulator({ seed: 7 }),
      startConnectWiseEmulator({ seed: 8 }),
    ])
    try {
      const dump = (emulator: ConnectWiseEmulator) =>
        JSON.stringify(
          Object.entries(emulator.db).map(([name, table]) => [name, [...(table as Map<number, unknown>)]]),
        )
      expect(dump(first)).toBe(dump(second))
      expect(dump(first)).not.toBe(dump(other))
      expect(first.members[0]?.privateKey).not.toBe(second.members[0]?.privateKey)
      expect(first.members[0]?.publicKey).not.toBe(second.members[0]?.publicKey)
      expect(first.clientIds[0]).not.toBe(second.clientIds[0])
      expect(first.clientIds[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    } finally {
      await Promise.all([first.close(), second.close(), other.close()])
    }
  })

  it('holds the service desk setup: boards, statuses, types, priorities, members', () => {
    const { db } = cw
    const boards = [...db.boards.values()]
    expect(boards.filter((board) => !board.inactiveFlag).map((board) => board.name)).toEqual([
      'Service Desk',
      'Network Operations',
      'Onboarding',
    ])
    expect(boards.filter((board) => board.inactiveFlag)).toHaveLength(1)
    expect(new Set([...db.statuses.keys()]).size).toBe(db.statuses.size)
    for (const board of boards) {
      const statuses = db.statusesOf(board.id)
      expect(statuses.length, board.name).toBeGreaterThanOrEqual(5)
      expect(statuses.length, board.name).toBeLessThanOrEqual(8)
      expect(
        statuses.filter((status) => status.defaultFlag),
        board.name,
      ).toHaveLength(1)
      expect(
        statuses.some((status) => status.closedStatus),
        board.name,
      ).toBe(true)
      expect(
        statuses.filter((status) => status.inactive),
        board.name,
      ).toHaveLength(1)
      expect(db.typesOf(board.id).length, board.name).toBeGreaterThanOrEqual(3)
      expect(db.typesOf(board.id).length, board.name).toBeLessThanOrEqual(5)
    }
    const names = [...db.statuses.values()].map((status) => status.name)
    expect(names).toEqual(expect.arrayContaining(['Completed', 'Closed', 'Resolved', 'Cancelled']))
    expect(names).toEqual(expect.arrayContaining(['Waiting Customer', 'Scheduled']))
    expect([...db.priorities.values()].sort((a, b) => a.sortOrder - b.sortOrder).map((p) => p.name)).toEqual([
      'Priority 1 - Emergency Response',
      'Priority 2 - Quick Response',
      'Priority 3 - Normal Response',
      'Priority 4 - Scheduled Maintenance',
      'Do Not Respond',
    ])
    expect([...db.priorities.values()].filter((priority) => priority.defaultFlag)).toHaveLength(1)
    expect(db.members.size).toBeGreaterThanOrEqual(12)
    expect([...db.members.values()].map((member) => member.identifier)).toContain('jsmith')
  })

  it('holds companies, contacts and configurations with awkward names among them', () => {
    const { db } = cw
    const companies = [...db.companies.values()]
    expect(companies).toHaveLength(80)
    expect(companies.filter((company) => company.deletedFlag)).toHaveLength(3)
    expect(
      companies.filter((company) => db.companyStatuses.get(company.statusId)?.name === 'Inactive'),
    ).toHaveLength(4)
    const names = companies.map((company) => company.name)
    for (const fragment of ['"', "'", '(', '&', ' and ', ' or ', '\\']) {
      expect(
        names.some((name) => name.includes(fragment)),
        fragment,
      ).toBe(true)
    }
    expect(new Set(companies.map((company) => company.identifier.toLowerCase())).size).toBe(80)
    for (const company of companies) expect(company.identifier).toMatch(/^[A-Za-z0-9_-]{1,30}$/)
    expect(db.contacts.size).toBe(150)
    expect(db.configurations.size).toBe(200)
    expect(db.configurationTypes.size).toBe(6)
    const typesUsed = new Set([...db.configurations.values()].map((configuration) => configuration.typeId))
    expect(typesUsed.size).toBe(6)
    for (const configuration of db.configurations.values()) {
      expect(db.companies.get(configuration.companyId)?.deletedFlag).toBe(false)
      expect(db.manufacturers.has(configuration.manufacturerId as number)).toBe(true)
    }
  })

  it('holds at least 500 consistent tickets with 1-6 notes each', () => {
    const { db } = cw
    const all = tickets()
    expect(all.length).toBeGreaterThanOrEqual(500)
    const activeBoards = [...db.boards.values()].filter((board) => !board.inactiveFlag)
    for (const board of activeBoards) {
      expect(all.filter((ticket) => ticket.boardId === board.id).length, board.name).toBeGreaterThan(40)
    }
    const reference = Date.parse('2025-09-30T17:00:00Z')
    for (const ticket of all) {
      const status = statusOf(ticket)
      expect(status?.boardId).toBe(ticket.boardId)
      expect(status?.inactive).toBe(false)
      expect(ticket.closedFlag).toBe(status?.closedStatus)
      expect(ticket.closedDate !== null).toBe(ticket.closedFlag)
      expect(ticket.dateResolved !== null).toBe(ticket.closedFlag)
      expect(ticket.info.lastUpdated >= ticket.info.dateEntered).toBe(true)
      expect(Date.parse(ticket.info.lastUpdated)).toBeLessThanOrEqual(reference)
      expect(Date.parse(ticket.info.dateEntered)).toBeGreaterThan(reference - 550 * 86_400_000)
      if (ticket.closedDate) expect(ticket.closedDate <= ticket.info.lastUpdated).toBe(true)
      if (ticket.typeId !== null) expect(db.types.get(ticket.typeId)?.boardId).toBe(ticket.boardId)
      const notes = db.notesOf(ticket.id)
      expect(notes.length).toBeGreaterThanOrEqual(1)
      expect(notes.length).toBeLessThanOrEqual(6)
      expect(notes[0]?.detailDescriptionFlag).toBe(true)
      expect(notes[0]?.dateCreated).toBe(ticket.info.dateEntered)
    }
    expect(all.some((ticket) => ticket.contactId === null)).toBe(true)
    expect(all.some((ticket) => ticket.ownerId === null)).toBe(true)
    expect(all.some((ticket) => ticket.typeId === null)).toBe(true)
    expect(all.filter((ticket) => ticket.closedFlag).length).toBeGreaterThan(all.length / 2)
    expect(all.filter((ticket) => !ticket.closedFlag).length).toBeGreaterThan(20)
    const summaries = all.map((ticket) => ticket.summary)
    for (const fragment of ['"', '(', ' and ', ' or ', '\\', '%', '_']) {
      expect(
        summaries.some((summary) => summary.includes(fragment)),
        fragment,
      ).toBe(true)
    }
    const notes = [...db.notes.values()]
    for (const flag of ['internalAnalysisFlag', 'externalFlag', 'resolutionFlag'] as const) {
      expect(
        notes.some((note) => note[flag]),
        flag,
      ).toBe(true)
    }
    expect(notes.some((note) => note.contactId !== null && note.memberId === null)).toBe(true)
  })
})

describe('record shapes', () => {
  const TICKET_FIELDS = [
    'id',
    'summary',
    'recordType',
    'board',
    'status',
    'company',
    'contact',
    'contactName',
    'contactEmailAddress',
    'type',
    'owner',
    'priority',
    'severity',
    'impact',
    'requiredDate',
    'closedDate',
    'closedFlag',
    'dateResolved',
    'customFields',
    '_info',
  ]

  it('answers a ticket with the vendor field names, leaving null fields out', async () => {
    const full = tickets().find(
      (ticket) =>
        ticket.contactId && ticket.ownerId && ticket.typeId && ticket.requiredDate && ticket.closedFlag,
    ) as TicketRecord
    const { status, json, headers } = await api(`/service/tickets/${full.id}`)
    expect(status).toBe(200)
    expect(headers['api-current-version']).toBe('2025.8')
    expect(Object.keys(json)).toEqual(TICKET_FIELDS)
    const board = cw.db.boards.get(full.boardId)
    const company = cw.db.companies.get(full.companyId)
    const priority = cw.db.priorities.get(full.priorityId)
    expect(json).toMatchObject({
      id: full.id,
      summary: full.summary,
      recordType: 'ServiceTicket',
      board: { id: board?.id, name: board?.name },
      status: { id: full.statusId, name: statusOf(full)?.name, sort: statusOf(full)?.sortOrder },
      company: { id: company?.id, identifier: company?.identifier, name: company?.name },
      priority: { id: priority?.id, name: priority?.name, sort: priority?.sortOrder, level: priority?.level },
      closedFlag: true,
      customFields: [],
    })
    expect(Object.keys(json.owner)).toEqual(['id', 'identifier', 'name'])
    expect(Object.keys(json.contact)).toEqual(['id', 'name'])
    expect(Object.keys(json._info)).toEqual(['lastUpdated', 'dateEntered', 'enteredBy', 'updatedBy'])
    for (const date of [json.requiredDate, json.closedDate, json.dateResolved, json._info.lastUpdated]) {
      expect(date).toMatch(DATE)
    }

    const bare = tickets().find(
      (ticket) => !ticket.contactId && !ticket.ownerId && !ticket.typeId,
    ) as TicketRecord
    const sparse = await api(`/service/tickets/${bare.id}`)
    for (const absent of ['contact', 'owner', 'type', 'contactName'])
      expect(sparse.json).not.toHaveProperty(absent)
    if (!bare.closedFlag) expect(sparse.json).not.toHaveProperty('closedDate')
    expect(JSON.stringify(sparse.json)).not.toContain('null')
  })

  it('answers notes, reference data, companies, contacts, configurations and members in their shapes', async () => {
    const ticket = tickets().find((candidate) => cw.db.notesOf(candidate.id).length >= 3) as TicketRecord
    const notes = await api(`/service/tickets/${ticket.id}/notes`)
    expect(notes.json.map((note: { id: number }) => note.id)).toEqual(
      cw.db.notesOf(ticket.id).map((note) => note.id),
    )
    for (const note of notes.json) {
      expect(note.ticketId).toBe(ticket.id)
      expect(note.dateCreated).toMatch(DATE)
      expect(Object.keys(note).filter((key) => key === 'member' || key === 'contact')).toHaveLength(1)
      for (const flag of [
        'detailDescriptionFlag',
        'internalAnalysisFlag',
        'resolutionFlag',
        'internalFlag',
        'externalFlag',
      ])
        expect(typeof note[flag]).toBe('boolean')
    }
    expect((await api('/service/boards')).json[0]).toEqual({
      id: 1,
      name: 'Service Desk',
      inactiveFlag: false,
    })
    const statuses = (await api('/service/boards/1/statuses')).json
    expect(Object.keys(statuses[0])).toEqual([
      'id',
      'name',
      'board',
      'sortOrder',
      'closedStatus',
      'inactive',
      'defaultFlag',
      'escalationStatus',
      'timeEntryNotAllowed',
    ])
    expect(statuses.every((status: { board: { id: number } }) => status.board.id === 1)).toBe(true)
    expect((await api('/service/boards/2/types')).json.map((type: { name: string }) => type.name)).toEqual([
      'Alert',
      'Outage',
      'Maintenance',
    ])
    const priorities = (await api('/service/priorities')).json
    expect(Object.keys(priorities[0])).toEqual(['id', 'name', 'color', 'sortOrder', 'defaultFlag', 'level'])
    for (const priority of priorities)
      expect(CONNECTWISE_PRIORITY_COLORS, JSON.stringify(priority)).toContain(priority.color)
    expect(priorities.map((priority: { level: string }) => priority.level)).toEqual(
      expect.arrayContaining(['High', 'Medium', 'Low', 'NotApplicable']),
    )
    const company = (await api('/company/companies/1')).json
    expect(Object.keys(company)).toEqual(
      expect.arrayContaining(['id', 'identifier', 'name', 'status', 'types', 'deletedFlag', '_info']),
    )
    expect(company.types[0]).toEqual({ id: expect.any(Number), name: expect.any(String) })
    const contact = (await api('/company/contacts/1')).json
    expect(contact).toMatchObject({
      id: 1,
      firstName: expect.any(String),
      company: { id: expect.any(Number) },
    })
    const configuration = (await api('/company/configurations/1')).json
    expect(configuration).toMatchObject({
      id: 1,
      type: { id: expect.any(Number), name: expect.any(String) },
      company: { id: expect.any(Number), identifier: expect.any(String), name: expect.any(String) },
      manufacturer: { id: expect.any(Number), name: expect.any(String) },
      activeFlag: expect.any(Boolean),
    })
    expect((await api('/company/configurations/types')).json).toHaveLength(6)
    const member = (await api('/system/members/1')).json
    expect(member).toMatchObject({ id: 1, identifier: 'jsmith', firstName: 'Jordan', lastName: 'Smith' })
    // The fields ConnectWise's Member model requires, with values from its enums.
    const members = (await api('/system/members')).json
    for (const each of members) {
      expect(each).toMatchObject({
        licenseClass: expect.stringMatching(/^[ACFX]$/),
        hireDate: expect.stringMatching(DATE),
        defaultEmail: expect.stringMatching(/^(Office|Mobile|Home)$/),
        defaultPhone: expect.stringMatching(/^(Office|Mobile|Home)$/),
        companyActivityTabFormat: expect.stringMatching(/^(SummaryList|DetailList)$/),
        invoiceTimeTabFormat: expect.stringMatching(/^(SummaryList|DetailList)$/),
        invoiceScreenDefaultTabFormat: expect.stringMatching(
          /^(ShowInvoicingTab|ShowAgreementInvoicingTab)$/,
        ),
        invoicingDisplayOptions: expect.stringMatching(/^(RemainOnInvoicingScreen|ShowRecentInvoices)$/),
        agreementInvoicingDisplayOptions: expect.stringMatching(
          /^(RemainOnInvoicingScreen|ShowRecentInvoices)$/,
        ),
      })
    }
    expect(members.find((each: { identifier: string }) => each.identifier === 'APIMember').licenseClass).toBe(
      'A',
    )
    expect((await api('/system/members')).json.length).toBe(cw.db.members.size)
  })

  it('answers 404 RecordNotFound for unknown and non-integer ids', async () => {
    for (const path of [
      '/service/tickets/999999',
      '/service/tickets/abc',
      '/service/tickets/1.5',
      '/service/tickets/999999/notes',
      '/service/tickets/1/notes/999999',
      '/service/boards/99',
      '/service/boards/99/statuses',
      '/company/companies/0',
      '/company/configurations/99999',
      '/company/contacts/99999',
      '/system/members/999',
    ]) {
      const { status, json } = await api(path)
      expect(status, path).toBe(404)
      expect(json.code, path).toBe('RecordNotFound')
    }
    const otherTicketsNote = cw.db.notesOf(2)[0]?.id
    expect((await api(`/service/tickets/1/notes/${otherTicketsNote}`)).status).toBe(404)
  })
})

describe('authentication', () => {
  it('answers 401 InvalidCredentials for missing, malformed or wrong credentials', async () => {
    const member = cw.members[0] as { publicKey: string; privateKey: string }
    for (const authorization of [
      null,
      '',
      'Bearer abc',
      'Basic !!!notbase64',
      `Basic ${Buffer.from('no-plus-or-colon').toString('base64')}`,
      basic(cw.companyId, member.publicKey, 'wrong-private-key'),
      basic(cw.companyId, 'unknown-public', member.privateKey),
      basic('othercompany', member.publicKey, member.privateKey),
      basic(cw.companyId, member.publicKey, ''),
    ]) {
      const { status, json, headers } = await api('/service/tickets', { authorization })
      expect(status, String(authorization)).toBe(401)
      expect(json, String(authorization)).toEqual({ code: 'InvalidCredentials', message: expect.any(String) })
      expect(headers['x-ratelimit-limit']).toBeUndefined()
    }
  })

  it('matches the company id case-insensitively', async () => {
    const member = cw.members[0] as { publicKey: string; privateKey: string }
    const authorization = basic(cw.companyId.toUpperCase(), member.publicKey, member.privateKey)
    expect((await api('/service/priorities', { authorization })).status).toBe(200)
  })

  it('needs a registered clientId header', async () => {
    expect(await api('/service/tickets', { clientId: null })).toMatchObject({
      status: 401,
      json: { code: 'MissingClientId', message: expect.any(String) },
    })
    expect(await api('/service/tickets', { clientId: '00000000-0000-4000-8000-000000000000' })).toMatchObject(
      {
        status: 401,
        json: { code: 'Unauthorized', message: expect.any(String) },
      },
    )
    const upper = (cw.clientIds[0] as string).toUpperCase()
    expect((await api('/service/priorities', { clientId: upper })).status).toBe(200)
  })

  it('accepts every configured member and client id', async () => {
    const configured = await startConnectWiseEmulator({
      companyId: 'AcmeMSP',
      members: [
        { publicKey: 'pubOne', privateKey: 'privOne' },
        { publicKey: 'pubTwo', privateKey: 'privTwo' },
      ],
      clientIds: ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'],
      codebase: 'v2025_1',
    })
    try {
      expect(configured.baseUrl).toBe(`${configured.origin}/v2025_1/apis/3.0`)
      for (const [index, clientId] of configured.clientIds.entries()) {
        const authorization = basic(
          'acmemsp',
          `pub${index === 0 ? 'One' : 'Two'}`,
          `priv${index === 0 ? 'One' : 'Two'}`,
        )
        expect((await call(configured, '/service/boards', { authorization, clientId })).status).toBe(200)
      }
      const crossed = basic('AcmeMSP', 'pubOne', 'privTwo')
      expect((await call(configured, '/service/boards', { authorization: crossed })).status).toBe(401)
    } finally {
      await configured.close()
    }
  })
})

describe('rate limit', () => {
  it('reports the window in headers and answers 429 with Retry-After once the limit is used', async () => {
    const limited = await startConnectWiseEmulator({ rateLimit: { limit: 3, windowMs: 1000 } })
    try {
      expect((await call(limited, '/service/boards', { authorization: null })).status).toBe(401)
      for (const remaining of [2, 1, 0]) {
        const { status, headers } = await call(limited, '/service/boards')
        expect(status).toBe(200)
        expect(headers['x-ratelimit-limit']).toBe('3')
        expect(headers['x-ratelimit-remaining']).toBe(String(remaining))
        expect(headers['x-ratelimit-reset']).toBe('1')
      }
      const rejected = await call(limited, '/service/boards')
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('1')
      expect(rejected.headers['x-ratelimit-remaining']).toBe('0')
      expect(rejected.headers['api-current-version']).toBe('2025.8')
      expect(rejected.json).toEqual({
        code: 'RateLimitExceeded',
        message: 'Rate limit exceeded. Try again in 1 seconds.',
      })
      expect(limited.stats).toMatchObject({ requests: 5, rateLimited: 1 })
      expect(limited.stats.accepted).toHaveLength(3)
    } finally {
      await limited.close()
    }
  })

  it('rolls the window, and rejected requests do not keep it closed', async () => {
    const limited = await startConnectWiseEmulator({ rateLimit: { limit: 3, windowMs: 600 } })
    try {
      const start = performance.now()
      for (let n = 0; n < 3; n++) expect((await call(limited, '/service/boards')).status).toBe(200)
      await sleep(300 - (performance.now() - start))
      expect((await call(limited, '/service/boards')).status).toBe(429)
      expect((await call(limited, '/service/boards')).status).toBe(429)
      await sleep(700 - (performance.now() - start))
      for (let n = 0; n < 3; n++) expect((await call(limited, '/service/boards')).status).toBe(200)
      expect((await call(limited, '/service/boards')).status).toBe(429)
    } finally {
      await limited.close()
    }
  })

  it('limits each API member separately', async () => {
    const limited = await startConnectWiseEmulator({
      rateLimit: { limit: 1, windowMs: 60_000 },
      members: [
        { publicKey: 'first', privateKey: 'one' },
        { publicKey: 'second', privateKey: 'two' },
      ],
    })
    try {
      expect((await call(limited, '/service/boards')).status).toBe(200)
      const rejected = await call(limited, '/service/boards')
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('60')
      expect(rejected.json.message).toBe('Rate limit exceeded. Try again in 60 seconds.')
      const other = await call(limited, '/service/boards', { authorization: memberAuth(limited, 1) })
      expect(other.status).toBe(200)
      expect(other.headers['x-ratelimit-remaining']).toBe('0')
    } finally {
      await limited.close()
    }
  })
})

describe('paging', () => {
  it('answers 25 records by id ascending with next and last links', async () => {
    const result = await api('/service/tickets')
    expect(result.status).toBe(200)
    expect(Array.isArray(result.json)).toBe(true)
    expect(result.json.map((ticket: { id: number }) => ticket.id)).toEqual(ticketIds(() => true).slice(0, 25))
    const lastPage = Math.ceil(cw.db.tickets.size / 25)
    expect(links(result)).toEqual({
      next: `${cw.baseUrl}/service/tickets?page=2`,
      last: `${cw.baseUrl}/service/tickets?page=${lastPage}`,
    })
    expect(result.headers.link).toBe(
      `<${cw.baseUrl}/service/tickets?page=2>; rel="next", <${cw.baseUrl}/service/tickets?page=${lastPage}>; rel="last"`,
    )
  })

  it('links first, prev, next and last, keeping the other parameters', async () => {
    const conditions = q('board/id = 1')
    const result = await api(`/service/tickets?${conditions}&pageSize=10&page=2&fields=id`)
    const matching = ticketIds((ticket) => ticket.boardId === 1)
    expect(result.json).toEqual(matching.slice(10, 20).map((id) => ({ id })))
    const base = `${cw.baseUrl}/service/tickets?${conditions}&pageSize=10&fields=id`
    expect(links(result)).toEqual({
      first: `${base}&page=1`,
      prev: `${base}&page=1`,
      next: `${base}&page=3`,
      last: `${base}&page=${Math.ceil(matching.length / 10)}`,
    })
  })

  it('walks every record exactly once by following next links', async () => {
    const seen: number[] = []
    let next: string | undefined = `${cw.baseUrl}/service/tickets?pageSize=100&fields=id`
    while (next) {
      const page: CallResult = await api(next)
      seen.push(...page.json.map((ticket: { id: number }) => ticket.id))
      next = links(page).next
    }
    expect(seen).toEqual(ticketIds(() => true))
  })

  it('has no next link on the last page and answers [] past the end', async () => {
    const total = cw.db.tickets.size
    const lastPage = Math.ceil(total / 100)
    const last = await api(`/service/tickets?pageSize=100&page=${lastPage}`)
    expect(last.json).toHaveLength(total - (lastPage - 1) * 100)
    expect(Object.keys(links(last))).toEqual(['first', 'prev', 'last'])
    const past = await api(`/service/tickets?pageSize=100&page=${lastPage + 5}`)
    expect(past.status).toBe(200)
    expect(past.json).toEqual([])
    expect(links(past).next).toBeUndefined()
  })

  it('caps the page size at the maximum and refuses invalid sizes and pages', async () => {
    const capped = await startConnectWiseEmulator({ pageSize: { default: 10, max: 50 } })
    try {
      expect((await call(capped, '/service/tickets')).json).toHaveLength(10)
      expect((await call(capped, '/service/tickets?pageSize=5000')).json).toHaveLength(50)
    } finally {
      await capped.close()
    }
    expect((await api('/service/tickets?pageSize=5000')).json).toHaveLength(
      Math.min(1000, cw.db.tickets.size),
    )
    for (const query of [
      'pageSize=0',
      'pageSize=-5',
      'pageSize=2.5',
      'pageSize=abc',
      'page=0',
      'page=-1',
      'page=x',
    ]) {
      const { status, json } = await api(`/service/tickets?${query}`)
      expect(status, query).toBe(400)
      expect(json, query).toEqual({ code: 'InvalidArgument', message: expect.any(String) })
    }
  })

  it('reads parameter names case-insensitively', async () => {
    const { json } = await api(
      `/service/tickets?PAGESIZE=3&Page=2&CONDITIONS=${encodeURIComponent('board/id = 2')}`,
    )
    expect(json.map((ticket: { id: number }) => ticket.id)).toEqual(
      ticketIds((ticket) => ticket.boardId === 2).slice(3, 6),
    )
  })

  it('pages forward-only by pageId, seeing records inserted during the walk exactly once', async () => {
    const forward = { headers: { 'pagination-type': 'forward-only' } }
    const seen: number[] = []
    const inserted: number[] = []
    let next: string | undefined = `${cw.baseUrl}/service/tickets?pageSize=100&fields=id,summary`
    for (let page = 0; next; page++) {
      const result: CallResult = await api(next, forward)
      expect(result.status).toBe(200)
      expect(Object.keys(links(result)).every((rel) => rel === 'next')).toBe(true)
      seen.push(...result.json.map((ticket: { id: number }) => ticket.id))
      next = links(result).next
      if (next) expect(next).toMatch(new RegExp(`pageId=${seen.at(-1)}&pageSize=100$`))
      if (page < 2) {
        const created = await api('/service/tickets', {
          method: 'POST',
          body: { summary: `Mid-walk ${page}`, company: { id: 1 } },
        })
        inserted.push(created.json.id)
      }
    }
    expect(seen).toEqual(ticketIds(() => true))
    expect(seen).toEqual(expect.arrayContaining(inserted))
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('applies conditions under forward-only paging and refuses orderBy with it', async () => {
    const forward = { headers: { 'pagination-type': 'forward-only' } }
    const first = await api(`/service/tickets?pageSize=5&${q('board/id = 3')}`, forward)
    expect(first.json.map((ticket: { id: number }) => ticket.id)).toEqual(
      ticketIds((ticket) => ticket.boardId === 3).slice(0, 5),
    )
    expect(links(first).next).toContain(q('board/id = 3'))
    const after = await api(
      `/service/tickets?pageSize=5&pageId=${first.json[4].id}&${q('board/id = 3')}`,
      forward,
    )
    expect(after.json.map((ticket: { id: number }) => ticket.id)).toEqual(
      ticketIds((ticket) => ticket.boardId === 3).slice(5, 10),
    )
    expect((await api('/service/tickets?orderBy=summary', forward)).json.code).toBe('InvalidArgument')
    expect((await api('/service/tickets?pageId=abc', forward)).status).toBe(400)
    const beyond = await api('/service/tickets?pageId=99999999', forward)
    expect(beyond.json).toEqual([])
    expect(beyond.headers.link).toBeUndefined()
  })
})

describe('conditions', () => {
  const someTicket = () => tickets().find((ticket) => ticket.contactId && ticket.ownerId) as TicketRecord

  it('filters with each comparison operator', async () => {
    const pivot = 250
    expect(await listIds('/service/tickets', q(`id = ${pivot}`))).toEqual([pivot])
    expect(await listIds('/service/tickets', q(`id != ${pivot}`))).toEqual(ticketIds((t) => t.id !== pivot))
    expect(await listIds('/service/tickets', q(`id < ${pivot}`))).toEqual(ticketIds((t) => t.id < pivot))
    expect(await listIds('/service/tickets', q(`id <= ${pivot}`))).toEqual(ticketIds((t) => t.id <= pivot))
    expect(await listIds('/service/tickets', q(`id>${pivot}`))).toEqual(ticketIds((t) => t.id > pivot))
    expect(await listIds('/service/tickets', q(`id>=${pivot}`))).toEqual(ticketIds((t) => t.id >= pivot))
    const jam = await listIds('/service/tickets', q('summary contains "paper JAM"'))
    expect(jam.length).toBeGreaterThan(0)
    expect(jam).toEqual(ticketIds((t) => t.summary.toLowerCase().includes('paper jam')))
    const like = await listIds('/service/tickets', q('summary like "new hire:%"'))
    expect(like.length).toBeGreaterThan(0)
    expect(like).toEqual(ticketIds((t) => t.summary.startsWith('New hire:')))
    expect(await listIds('/service/tickets', q('id in (3, 5, 7)'))).toEqual([3, 5, 7])
    expect(await listIds('/service/tickets', q('board/id not in (1, 2)'))).toEqual(
      ticketIds((t) => t.boardId === 3),
    )
  })

  it('resolves nested fields and _info dates', async () => {
    const ticket = someTicket()
    const company = cw.db.companies.get(ticket.companyId)
    expect(await listIds('/service/tickets', q(`company/id = ${ticket.companyId}`))).toEqual(
      ticketIds((t) => t.companyId === ticket.companyId),
    )
    expect(
      await listIds('/service/tickets', q(`company/identifier = ${quote(company?.identifier ?? '')}`)),
    ).toEqual(ticketIds((t) => t.companyId === ticket.companyId))
    const newOnBoard = await listIds('/service/tickets', q('status/name = "New" and board/id = 1'))
    expect(newOnBoard).toEqual(ticketIds((t) => t.boardId === 1 && statusOf(t)?.name === 'New'))
    const owner = cw.db.members.get(ticket.ownerId as number)
    expect(
      await listIds('/service/tickets', q(`owner/identifier = "${owner?.identifier.toUpperCase()}"`)),
    ).toEqual(ticketIds((t) => t.ownerId === ticket.ownerId))
    const since = '2025-06-01T00:00:00Z'
    const expected = ticketIds((t) => Date.parse(t.info.lastUpdated) > Date.parse(since))
    expect(await listIds('/service/tickets', q(`lastUpdated > [${since}]`))).toEqual(expected)
    expect(await listIds('/service/tickets', q(`_info/lastUpdated > [2025-06-01T02:00:00+02:00]`))).toEqual(
      expected,
    )
    expect(await listIds('/service/tickets', q(`dateEntered < [2024-06-01T00:00:00Z]`))).toEqual(
      ticketIds((t) => t.info.dateEntered < '2024-06-01T00:00:00Z'),
    )
    expect(
      await listIds('/service/tickets', q('closedDate >= [2025-01-01T00:00:00Z] and closedFlag = true')),
    ).toEqual(ticketIds((t) => t.closedFlag && (t.closedDate ?? '') >= '2025-01-01T00:00:00Z'))
  })

  it('tests absence with = null and != null', async () => {
    expect(await listIds('/service/tickets', q('contact/id = null'))).toEqual(
      ticketIds((t) => t.contactId === null),
    )
    expect(await listIds('/service/tickets', q('owner/id != null'))).toEqual(
      ticketIds((t) => t.ownerId !== null),
    )
    expect(await listIds('/service/tickets', q('requiredDate = NULL'))).toEqual(
      ticketIds((t) => t.requiredDate === null),
    )
    const withoutOwner = ticketIds((t) => t.ownerId === null)
    const notJsmith = await listIds('/service/tickets', q('owner/identifier != "jsmith"'))
    expect(notJsmith.some((id) => withoutOwner.includes(id))).toBe(false)
  })

  it('binds and tighter than or, unless parenthesised', async () => {
    const board3 = (t: TicketRecord) => t.boardId === 3
    const closed = (t: TicketRecord) => t.closedFlag
    const p1 = (t: TicketRecord) => t.priorityId === 15
    expect(
      await listIds('/service/tickets', q('board/id = 3 or closedFlag = true and priority/id = 15')),
    ).toEqual(ticketIds((t) => board3(t) || (closed(t) && p1(t))))
    expect(
      await listIds('/service/tickets', q('(board/id = 3 or closedFlag = true) and priority/id = 15')),
    ).toEqual(ticketIds((t) => (board3(t) || closed(t)) && p1(t)))
  })

  it('compares text case-insensitively and reads keywords in any case', async () => {
    const upper = await listIds(
      '/service/tickets',
      q('SUMMARY = "OUTLOOK KEEPS ASKING FOR PASSWORD" OR Board/Name = "onboarding"'),
    )
    expect(upper).toEqual(
      ticketIds((t) => t.summary === 'Outlook keeps asking for password' || t.boardId === 3),
    )
    expect(await listIds('/service/tickets', q('board/id NOT IN (1) AND closedFlag = FALSE'))).toEqual(
      ticketIds((t) => t.boardId !== 1 && !t.closedFlag),
    )
  })

  it("takes single-quoted strings and not like / not contains, as ConnectWise's grammar does", async () => {
    expect(await listIds('/service/tickets', q("summary like 'new hire:%'"))).toEqual(
      ticketIds((t) => t.summary.startsWith('New hire:')),
    )
    expect(await listIds('/service/tickets', q("board/name = 'Onboarding'"))).toEqual(
      ticketIds((t) => t.boardId === 3),
    )
    const notJam = await listIds('/service/tickets', q('summary not contains "paper jam"'))
    expect(notJam).toEqual(ticketIds((t) => !t.summary.toLowerCase().includes('paper jam')))
    expect(notJam.length).toBeLessThan(cw.db.tickets.size)
    expect(await listIds('/service/tickets', q("summary NOT LIKE 'new hire:%' and board/id = 3"))).toEqual(
      ticketIds((t) => !t.summary.startsWith('New hire:') && t.boardId === 3),
    )
  })

  it('finds each awkward company name as one literal, and nothing by injection', async () => {
    const companies = [...cw.db.companies.values()]
    for (const name of ['"', "'", '(', '&', ' and ', ' or ', '\\', '%', '_', '[']) {
      const company = companies.find((candidate) => candidate.name.includes(name))
      if (!company) continue
      expect(await listIds('/company/companies', q(`name = ${quote(company.name)}`)), company.name).toEqual([
        company.id,
      ])
      expect(
        await listIds('/company/companies', q(`name contains ${quote(company.name.slice(1))}`)),
        company.name,
      ).toContain(company.id)
    }
    expect(await listIds('/company/companies', q('name = "x\\" or id > 0 or name = \\"y"'))).toEqual([])
    expect(await listIds('/company/companies', q('name contains ") or (id > 0"'))).toEqual([])
    const backslash = companies.find((company) => company.name.includes('\\'))
    expect(await listIds('/company/companies', q('name like "%\\\\%"'))).toEqual([backslash?.id])
    const percent = companies.filter((company) => company.name.includes('%')).map((company) => company.id)
    expect(await listIds('/company/companies', q('name contains "%"'))).toEqual(percent)
    const underscore = companies.filter((company) => company.name.includes('_')).map((company) => company.id)
    expect(await listIds('/company/companies', q('name like "%_%"'))).toEqual(underscore)
    const summaries = await listIds(
      '/service/tickets',
      q('summary = "Cannot open \\"Q3 Budget (final).xlsx\\""'),
    )
    expect(summaries.length).toBeGreaterThan(0)
    expect(summaries).toEqual(ticketIds((t) => t.summary === 'Cannot open "Q3 Budget (final).xlsx"'))
    const unc = await listIds('/service/tickets', q('summary contains "\\\\\\\\fs01\\\\shared"'))
    expect(unc).toEqual(ticketIds((t) => t.summary.includes('\\\\fs01\\shared')))
    expect(unc.length).toBeGreaterThan(0)
  })

  it('filters every resource, and counts what it filters', async () => {
    const company = [...cw.db.companies.values()].find((candidate) => candidate.deletedFlag)
    expect(await listIds('/company/companies', q('deletedFlag = true'))).toHaveLength(3)
    expect(await listIds('/company/companies', q('status/name = "Inactive"'))).toHaveLength(4)
    expect((await api(`/company/companies/count?${q('deletedFlag = false')}`)).json).toEqual({ count: 77 })
    expect(company).toBeDefined()
    const configurations = [...cw.db.configurations.values()]
    const firewallIds = configurations
      .filter((configuration) => cw.db.configurationTypes.get(configuration.typeId)?.name === 'Firewall')
      .map((configuration) => configuration.id)
    expect(await listIds('/company/configurations', q('type/name = "firewall"'))).toEqual(firewallIds)
    expect((await api(`/company/configurations/count?${q('type/name = "Firewall"')}`)).json).toEqual({
      count: firewallIds.length,
    })
    const companyId = configurations[0]?.companyId
    expect(
      await listIds('/company/configurations', q(`company/id = ${companyId} and activeFlag = true`)),
    ).toEqual(configurations.filter((c) => c.companyId === companyId && c.activeFlag).map((c) => c.id))
    const contacts = [...cw.db.contacts.values()]
      .filter((contact) => contact.companyId === 1)
      .map((contact) => contact.id)
    expect(await listIds('/company/contacts', q('company/id = 1'))).toEqual(contacts)
    expect((await api(`/company/contacts/count?${q('company/id = 1')}`)).json).toEqual({
      count: contacts.length,
    })
    expect(await listIds('/service/boards', q('inactiveFlag = false'))).toEqual([1, 2, 3])
    expect(await listIds('/service/boards/1/statuses', q('closedStatus = true'))).toEqual(
      cw.db
        .statusesOf(1)
        .filter((status) => status.closedStatus)
        .map((status) => status.id),
    )
    expect(await listIds('/service/priorities', q('level = "High"'))).toEqual([8, 15])
    expect(await listIds('/system/members', q('inactiveFlag = true'))).toHaveLength(1)
    const ticket = tickets().find((candidate) =>
      cw.db.notesOf(candidate.id).some((note) => note.internalAnalysisFlag),
    )
    const internal = cw.db
      .notesOf(ticket?.id as number)
      .filter((note) => note.internalAnalysisFlag)
      .map((note) => note.id)
    expect(await listIds(`/service/tickets/${ticket?.id}/notes`, q('internalAnalysisFlag = true'))).toEqual(
      internal,
    )
    expect(
      (await api(`/service/tickets/${ticket?.id}/notes/count?${q('internalAnalysisFlag = true')}`)).json,
    ).toEqual({
      count: internal.length,
    })
  })

  it('counts tickets with conditions as the list does', async () => {
    expect((await api('/service/tickets/count')).json).toEqual({ count: cw.db.tickets.size })
    const conditions = q('closedFlag = false and (priority/level = "High" or status/name contains "waiting")')
    const { json } = await api(`/service/tickets/count?${conditions}`)
    expect(json).toEqual({ count: (await listIds('/service/tickets', conditions)).length })
    expect(json.count).toBeGreaterThan(0)
  })

  it('answers 400 InvalidArgument with nothing else for malformed or mistyped conditions', async () => {
    for (const [conditions, message] of [
      ['summary = ', 'Expected a value at position 10'],
      ['summary = "open', 'Unterminated string starting at position 10'],
      ['(id = 1 or id = 2', "Expected ')' at position 17"],
      ['id = 1)', "Unexpected ')' at position 6"],
      ['id = 1 id', "Unexpected 'id' at position 7"],
      ['id in ()', 'Expected a value at position 7'],
      ['summary = "a\\x"', "Invalid escape sequence '\\x' at position 12"],
      ['nosuchfield = 1', "Unknown field 'nosuchfield'"],
      ['company/nosuch = 1', "Unknown field 'company/nosuch'"],
      ['id = "1"', "Cannot compare integer field 'id' with a string"],
      ['lastUpdated > "2025-01-01"', "Cannot compare datetime field 'lastUpdated' with a string"],
      ['company = 5', "Field 'company' is not a single value and cannot be compared"],
    ]) {
      for (const path of ['/service/tickets', '/service/tickets/count']) {
        const { status, json, headers } = await api(`${path}?${q(conditions as string)}`)
        expect(status, `${path} ${conditions}`).toBe(400)
        expect(json, `${path} ${conditions}`).toEqual({ code: 'InvalidArgument', message })
        expect(headers.link).toBeUndefined()
      }
    }
  })
})

describe('child and custom field conditions', () => {
  const cq = (name: string, conditions: string) => `${name}=${encodeURIComponent(conditions)}`

  it('applies childConditions to each element of a child collection', async () => {
    const contacts = [...cw.db.contacts.values()]
    const domain = contacts.find((contact) => contact.email)?.email?.split('@')[1] as string
    const expected = contacts
      .filter((contact) => contact.email?.toLowerCase().endsWith(`@${domain.toLowerCase()}`))
      .map((contact) => contact.id)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(contacts.length)
    const child = cq('childConditions', `communicationItems/value like "%@${domain}"`)
    expect(await listIds('/company/contacts', child)).toEqual(expected)
    expect((await api(`/company/contacts/count?${child}`)).json).toEqual({ count: expected.length })
    expect(
      await listIds('/company/contacts', `${child}&${q(`id > ${expected[0]}`)}`),
      'conditions and childConditions together',
    ).toEqual(expected.slice(1))
    expect(
      await listIds(
        '/company/contacts',
        cq('childConditions', 'communicationItems/communicationType = "Phone"'),
      ),
    ).toEqual(contacts.filter((contact) => contact.phone).map((contact) => contact.id))
    const partners = [...cw.db.companies.values()]
      .filter((company) => company.typeIds.some((id) => cw.db.companyTypes.get(id)?.name === 'Partner'))
      .map((company) => company.id)
    expect(await listIds('/company/companies', cq('childConditions', "types/name = 'Partner'"))).toEqual(
      partners,
    )
  })

  it('applies customFieldConditions to the custom fields of tickets', async () => {
    // No seeded ticket carries custom fields, so none can match: the filter is not ignored.
    const custom = cq('customFieldConditions', 'caption = "Billing code" and value = "X1"')
    expect(await listIds('/service/tickets', custom)).toEqual([])
    expect((await api(`/service/tickets/count?${custom}`)).json).toEqual({ count: 0 })
  })

  it('refuses what it cannot apply, with the vendor error shape', async () => {
    for (const [path, query, message] of [
      [
        '/service/tickets',
        cq('childConditions', 'communicationItems/value = "x"'),
        'childConditions cannot be used on this resource: it has no child collections.',
      ],
      [
        '/company/contacts',
        cq('childConditions', 'communicationItems/nosuch = "x"'),
        "childConditions: Unknown field 'nosuch'",
      ],
      [
        '/company/contacts',
        cq('childConditions', 'firstName = "x"'),
        "childConditions: Unknown child field 'firstName'",
      ],
      [
        '/company/companies',
        cq('customFieldConditions', 'caption = "x"'),
        'customFieldConditions cannot be used on this resource: it has no custom fields.',
      ],
      [
        '/service/tickets',
        cq('customFieldConditions', 'nosuch = "x"'),
        "customFieldConditions: Unknown field 'nosuch'",
      ],
      [
        '/service/tickets',
        cq('customFieldConditions', 'caption = '),
        'customFieldConditions: Expected a value at position 10',
      ],
    ] as const) {
      const { status, json } = await api(`${path}?${query}`)
      expect(status, `${path}?${query}`).toBe(400)
      expect(json).toEqual({ code: 'InvalidArgument', message })
    }
  })
})

describe('ticket search', () => {
  const search = (body: unknown, query = '') =>
    api(`/service/tickets/search${query}`, { method: 'POST', body })

  it('takes FilterValues in the body and paging in the query', async () => {
    const onBoard3 = ticketIds((t) => t.boardId === 3)
    const all = await search({ conditions: 'board/id = 3' }, '?pageSize=1000')
    expect(all.status).toBe(200)
    expect(all.json.map((ticket: { id: number }) => ticket.id)).toEqual(onBoard3)
    const page = await search(
      { Conditions: 'board/id = 3', orderBy: 'id desc' },
      '?page=2&pageSize=5&fields=id',
    )
    expect(page.json).toEqual(
      [...onBoard3]
        .reverse()
        .slice(5, 10)
        .map((id) => ({ id })),
    )
    expect(links(page).next).toBe(`${cw.baseUrl}/service/tickets/search?pageSize=5&fields=id&page=3`)
    const custom = await search({ customfieldconditions: 'caption = "x"' })
    expect(custom.json).toEqual([])
  })

  it('refuses unknown fields, non-string values and bad conditions', async () => {
    for (const [body, message] of [
      [
        { condition: 'id = 1' },
        "'condition' is not a search field; use conditions, orderBy, childConditions, customFieldConditions (paging goes in the query).",
      ],
      [{ conditions: 5 }, 'conditions must be a string.'],
      [{ conditions: 'id = ' }, 'Expected a value at position 5'],
    ] as const) {
      const { status, json } = await search(body)
      expect(status).toBe(400)
      expect(json).toEqual({ code: 'InvalidArgument', message })
    }
  })
})

describe('company info and links', () => {
  it('tells the codebase at /login/companyinfo/{company} without credentials', async () => {
    const { status, json } = await call(cw, `${cw.origin}/login/companyinfo/${cw.companyId.toUpperCase()}`, {
      authorization: null,
      clientId: null,
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({
      Codebase: 'v4_6_release/',
      CompanyID: cw.companyId,
      CompanyName: expect.any(String),
      VersionCode: expect.any(String),
      VersionNumber: expect.any(String),
      IsCloud: false,
      SiteUrl: new URL(cw.origin).host,
    })
    const unknown = await call(cw, `${cw.origin}/login/companyinfo/nosuchcompany`, {
      authorization: null,
      clientId: null,
    })
    expect(unknown.status).toBe(404)
  })

  it('builds Link URLs on the scheme and host a proxy in front reports', async () => {
    const result = await api('/service/tickets?pageSize=10', {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'cw.example.com' },
    })
    const path = new URL(cw.baseUrl).pathname
    expect(links(result).next).toBe(`https://cw.example.com${path}/service/tickets?pageSize=10&page=2`)
    const direct = await api('/service/tickets?pageSize=10')
    expect(links(direct).next).toBe(`${cw.baseUrl}/service/tickets?pageSize=10&page=2`)
  })
})

describe('orderBy and fields', () => {
  it('orders by one or more fields, ties by id, absent values first ascending', async () => {
    const bySummary = (
      await api('/service/tickets?pageSize=1000&orderBy=summary asc,id desc&fields=id,summary')
    ).json
    for (let n = 1; n < bySummary.length; n++) {
      const [a, b] = [bySummary[n - 1], bySummary[n]]
      const order = a.summary.localeCompare(b.summary, 'en', { sensitivity: 'accent' })
      expect(order <= 0, `${a.summary} / ${b.summary}`).toBe(true)
      if (order === 0) expect(a.id).toBeGreaterThan(b.id)
    }
    const newest = await api('/service/tickets?pageSize=5&orderBy=_info/lastUpdated desc&fields=id')
    const expected = tickets()
      .sort((a, b) => b.info.lastUpdated.localeCompare(a.info.lastUpdated) || a.id - b.id)
      .slice(0, 5)
      .map((ticket) => ({ id: ticket.id }))
    expect(newest.json).toEqual(expected)
    expect((await api('/service/tickets?pageSize=5&orderBy=LASTUPDATED DESC&fields=id')).json).toEqual(
      expected,
    )
    const byOwner = (await api('/service/tickets?pageSize=1000&orderBy=owner/name&fields=id,owner')).json
    const unowned = ticketIds((t) => t.ownerId === null).length
    expect(byOwner.slice(0, unowned).every((ticket: object) => !('owner' in ticket))).toBe(true)
    expect(byOwner.slice(unowned).every((ticket: object) => 'owner' in ticket)).toBe(true)
    const priorities = (await api('/service/priorities?orderBy=sortOrder desc&fields=sortOrder')).json
    expect(priorities).toEqual([5, 4, 3, 2, 1].map((sortOrder) => ({ sortOrder })))
  })

  it('refuses unknown fields and directions', async () => {
    for (const orderBy of [
      'nosuch asc',
      'summary sideways',
      'board desc',
      'summary asc,,id',
      'customFields',
    ]) {
      const { status, json } = await api(`/service/tickets?orderBy=${encodeURIComponent(orderBy)}`)
      expect(status, orderBy).toBe(400)
      expect(json.code, orderBy).toBe('InvalidArgument')
    }
  })

  it('keeps only the named fields, nested ones with only their named sub-fields', async () => {
    const { json } = await api('/service/tickets?pageSize=3&fields=id,summary,board/name,_info/lastUpdated')
    for (const ticket of json) {
      expect(Object.keys(ticket)).toEqual(['id', 'summary', 'board', '_info'])
      expect(Object.keys(ticket.board)).toEqual(['name'])
      expect(Object.keys(ticket._info)).toEqual(['lastUpdated'])
    }
    const whole = (await api('/service/tickets/1?fields=ID,Status')).json
    expect(whole).toEqual({
      id: 1,
      status: { id: expect.any(Number), name: expect.any(String), sort: expect.any(Number) },
    })
    const bare = tickets().find((ticket) => ticket.contactId === null) as TicketRecord
    expect((await api(`/service/tickets/${bare.id}?fields=id,contact/name`)).json).toEqual({ id: bare.id })
    expect((await api('/service/tickets?fields=id,nosuch')).json).toEqual({
      code: 'InvalidArgument',
      message: "Unknown field 'nosuch' in fields.",
    })
  })
})

describe('ticket writes', () => {
  const create = (body: unknown) => api('/service/tickets', { method: 'POST', body })
  const patch = (id: number, body: unknown) => api(`/service/tickets/${id}`, { method: 'PATCH', body })
  const fieldErrors = (result: CallResult) =>
    result.json.errors.map((error: { code: string; field: string }) => `${error.field}:${error.code}`)
  const openTicket = () =>
    tickets().find((ticket) => !ticket.closedFlag && ticket.boardId === 1 && ticket.contactId) as TicketRecord

  it('creates a ticket with the defaults and its description as the first note', async () => {
    const before = Date.now()
    const result = await create({
      summary: 'Printer on fire',
      company: { identifier: cw.db.companies.get(5)?.identifier.toLowerCase() },
      initialDescription: 'Smoke coming out of tray 2.',
      id: 1,
      closedFlag: true,
      _info: { lastUpdated: '2000-01-01T00:00:00Z' },
      recordType: 'ProjectTicket',
    })
    expect(result.status).toBe(201)
    const defaultStatus = cw.db.statusesOf(1).find((status) => status.defaultFlag)
    expect(result.json).toMatchObject({
      summary: 'Printer on fire',
      recordType: 'ServiceTicket',
      board: { id: 1, name: 'Service Desk' },
      status: { id: defaultStatus?.id, name: defaultStatus?.name },
      company: { id: 5 },
      priority: { id: 4, name: 'Priority 3 - Normal Response' },
      severity: 'Medium',
      impact: 'Medium',
      closedFlag: false,
      _info: { enteredBy: 'APIMember', updatedBy: 'APIMember' },
    })
    expect(result.json).not.toHaveProperty('initialDescription')
    expect(result.json.id).toBeGreaterThan(1)
    expect(Date.parse(result.json._info.dateEntered)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    const notes = (await api(`/service/tickets/${result.json.id}/notes`)).json
    expect(notes).toEqual([
      expect.objectContaining({
        text: 'Smoke coming out of tray 2.',
        detailDescriptionFlag: true,
        internalAnalysisFlag: false,
        resolutionFlag: false,
        member: { id: expect.any(Number), identifier: 'APIMember', name: 'API Member' },
        createdBy: 'APIMember',
      }),
    ])
    expect((await api(`/service/tickets/${result.json.id}`)).json).toEqual(result.json)
  })

  it('takes every reference and closes a ticket created in a closed status', async () => {
    const contact = [...cw.db.contacts.values()].find((candidate) => candidate.email) as {
      id: number
      email: string
    }
    const closed = cw.db.statusesOf(2).find((status) => status.closedStatus)
    const result = await create({
      summary: 'Closed on arrival',
      company: { id: 3 },
      board: { id: 2 },
      status: { id: closed?.id },
      type: { id: cw.db.typesOf(2)[0]?.id },
      contact: { id: contact.id },
      owner: { identifier: 'MCHEN' },
      priority: { id: 15 },
      severity: 'high',
      impact: 'LOW',
      requiredDate: '2025-12-24T10:30:00.000+01:00',
    })
    expect(result.status).toBe(201)
    expect(result.json).toMatchObject({
      board: { id: 2 },
      status: { id: closed?.id },
      owner: { identifier: 'mchen', name: 'Marcus Chen' },
      contact: { id: contact.id },
      contactEmailAddress: contact.email,
      priority: { id: 15, level: 'High' },
      severity: 'High',
      impact: 'Low',
      requiredDate: '2025-12-24T09:30:00Z',
      closedFlag: true,
    })
    expect(result.json.closedDate).toMatch(DATE)
    expect(result.json.dateResolved).toBe(result.json.closedDate)
  })

  it('resolves references by name or identifier, as ConnectWise does, and refuses unknown names', async () => {
    // connectwise-rest's README creates a ticket with board {name} and company {identifier}.
    const board = cw.db.boards.get(2)
    const status = cw.db.statusesOf(2).find((candidate) => !candidate.closedStatus && !candidate.inactive)
    const type = cw.db.typesOf(2).find((candidate) => !candidate.inactiveFlag)
    const priority = cw.db.priorities.get(15)
    const company = cw.db.companies.get(3)
    const result = await create({
      summary: 'Named references',
      board: { name: board?.name.toUpperCase() },
      status: { name: status?.name },
      type: { name: type?.name },
      priority: { name: priority?.name },
      company: { identifier: company?.identifier },
      initialDescription: 'ticket description',
      recordType: 'ServiceTicket',
    })
    expect(result.status, JSON.stringify(result.json)).toBe(201)
    expect(result.json).toMatchObject({
      board: { id: 2 },
      status: { id: status?.id },
      type: { id: type?.id },
      priority: { id: 15 },
      company: { id: 3 },
    })
    // A name is looked up on the ticket's own board; an id wins over a name.
    const otherBoardStatus = cw.db
      .statusesOf(1)
      .find((candidate) => !cw.db.statusesOf(2).some((mine) => mine.name === candidate.name))
    const patched = await patch(result.json.id, [
      { op: 'replace', path: 'board', value: { name: cw.db.boards.get(1)?.name } },
      { op: 'replace', path: 'status/name', value: otherBoardStatus?.name },
      { op: 'replace', path: 'priority', value: { id: 4, name: 'no such priority' } },
      { op: 'remove', path: 'type' },
    ])
    expect(patched.status, JSON.stringify(patched.json)).toBe(200)
    expect(patched.json).toMatchObject({
      board: { id: 1 },
      status: { id: otherBoardStatus?.id },
      priority: { id: 4 },
    })
    const count = cw.db.tickets.size
    const refused = await create({
      summary: 'Unknown names',
      company: { identifier: company?.identifier },
      board: { name: 'No Such Board' },
      priority: { name: 'Priority 0 - Whenever' },
    })
    expect(refused.status).toBe(400)
    expect(refused.json).toEqual({
      code: 'InvalidObject',
      message: 'ticket object is invalid',
      errors: [
        {
          code: 'InvalidArgument',
          message: "board with name 'No Such Board' was not found.",
          resource: 'ticket',
          field: 'board',
        },
        {
          code: 'InvalidArgument',
          message: "priority with name 'Priority 0 - Whenever' was not found.",
          resource: 'ticket',
          field: 'priority',
        },
      ],
    })
    const wrongBoard = await create({
      summary: 'Status of another board',
      company: { id: 3 },
      board: { id: 2 },
      status: { name: otherBoardStatus?.name },
    })
    expect(fieldErrors(wrongBoard)).toEqual(['status:InvalidArgument'])
    expect(cw.db.tickets.size).toBe(count)
  })

  it('lists every problem of an invalid ticket, in the vendor shape, and creates nothing', async () => {
    const count = cw.db.tickets.size
    const otherBoardStatus = cw.db.statusesOf(2)[0]?.id
    const inactiveMember = [...cw.db.members.values()].find((member) => member.inactiveFlag)
    const cases: [unknown, string[]][] = [
      [{ company: { id: 1 } }, ['summary:NullOrEmpty']],
      [{ summary: '   ', company: { id: 1 } }, ['summary:NullOrEmpty']],
      [{ summary: 'x'.repeat(101), company: { id: 1 } }, ['summary:MaxLength']],
      [{ summary: 42, company: { id: 1 } }, ['summary:InvalidArgument']],
      [{ summary: 'No company' }, ['company:NullOrEmpty']],
      [{ summary: 'Ghost', company: { id: 999999 } }, ['company:InvalidArgument']],
      [{ summary: 'Ghost', company: { identifier: 'no-such' } }, ['company:InvalidArgument']],
      [{ summary: 'Ghost', company: 7 }, ['company:InvalidArgument']],
      [{ summary: 'Board', company: { id: 1 }, board: { id: 4 } }, ['board:InvalidArgument']],
      [{ summary: 'Board', company: { id: 1 }, board: { id: 99 } }, ['board:InvalidArgument']],
      [
        { summary: 'Status', company: { id: 1 }, status: { id: otherBoardStatus } },
        ['status:InvalidArgument'],
      ],
      [
        { summary: 'Type', company: { id: 1 }, type: { id: cw.db.typesOf(3)[0]?.id } },
        ['type:InvalidArgument'],
      ],
      [{ summary: 'Contact', company: { id: 1 }, contact: { id: 99999 } }, ['contact:InvalidArgument']],
      [{ summary: 'Owner', company: { id: 1 }, owner: { id: 999 } }, ['owner:InvalidArgument']],
      [
        { summary: 'Owner', company: { id: 1 }, owner: { id: inactiveMember?.id } },
        ['owner:InvalidArgument'],
      ],
      [{ summary: 'Priority', company: { id: 1 }, priority: { id: 1 } }, ['priority:InvalidArgument']],
      [{ summary: 'Severity', company: { id: 1 }, severity: 'Extreme' }, ['severity:InvalidArgument']],
      [{ summary: 'Date', company: { id: 1 }, requiredDate: 'next week' }, ['requiredDate:InvalidArgument']],
      [
        { summary: '', company: { id: 0 }, owner: { id: 999 }, priority: { id: 1 } },
        [
          'summary:NullOrEmpty',
          'company:InvalidArgument',
          'owner:InvalidArgument',
          'priority:InvalidArgument',
        ],
      ],
    ]
    for (const [body, expected] of cases) {
      const result = await create(body)
      expect(result.status, JSON.stringify(body)).toBe(400)
      expect(result.json).toMatchObject({ code: 'InvalidObject', message: 'ticket object is invalid' })
      expect(fieldErrors(result), JSON.stringify(body)).toEqual(expected)
      for (const error of result.json.errors) {
        expect(error).toEqual({
          code: expect.any(String),
          message: expect.any(String),
          resource: 'ticket',
          field: expect.any(String),
        })
      }
    }
    const deleted = [...cw.db.companies.values()].find((company) => company.deletedFlag)
    expect(fieldErrors(await create({ summary: 'Deleted', company: { id: deleted?.id } }))).toEqual([
      'company:InvalidArgument',
    ])
    expect(cw.db.tickets.size).toBe(count)
  })

  it('answers 415, 400 and 413 for bodies that are not JSON objects', async () => {
    const count = cw.db.tickets.size
    const asText = await api('/service/tickets', {
      method: 'POST',
      rawBody: '{"summary":"x","company":{"id":1}}',
      headers: { 'content-type': 'text/plain' },
    })
    expect(asText).toMatchObject({ status: 415, json: { code: 'UnsupportedMediaType' } })
    expect(await api('/service/tickets', { method: 'POST', rawBody: '{"summary": ' })).toMatchObject({
      status: 400,
      json: { code: 'InvalidObject' },
    })
    expect((await api('/service/tickets', { method: 'POST', body: [{ summary: 'x' }] })).json.code).toBe(
      'InvalidObject',
    )
    const huge = await api('/service/tickets', {
      method: 'POST',
      rawBody: JSON.stringify({ summary: 'x', company: { id: 1 }, padding: 'x'.repeat(5 * 1024 * 1024) }),
    }).catch((error: Error) => error)
    if (!(huge instanceof Error)) expect(huge.status).toBe(413)
    expect(cw.db.tickets.size).toBe(count)
  })

  it('patches with JSON Patch: whole references, nested paths, with or without a slash', async () => {
    const ticket = openTicket()
    const before = ticket.info.lastUpdated
    const waiting = cw.db.statusesOf(1).find((status) => status.name === 'Waiting Customer')
    const result = await patch(ticket.id, [
      { op: 'replace', path: 'summary', value: 'Renamed (and "quoted")' },
      { op: 'replace', path: '/status/id', value: waiting?.id },
      { op: 'add', path: 'Priority', value: { id: 8 } },
      { op: 'replace', path: '/owner', value: { identifier: 'ebrown' } },
    ])
    expect(result.status).toBe(200)
    expect(result.json).toMatchObject({
      id: ticket.id,
      summary: 'Renamed (and "quoted")',
      status: { id: waiting?.id, name: 'Waiting Customer' },
      priority: { id: 8 },
      owner: { identifier: 'ebrown' },
      _info: { updatedBy: 'APIMember', dateEntered: ticket.info.dateEntered },
    })
    expect(result.json._info.lastUpdated > before).toBe(true)
    expect(cw.db.tickets.get(ticket.id)?.summary).toBe('Renamed (and "quoted")')
  })

  it('closes, reopens and moves boards with the status rules', async () => {
    const ticket = openTicket()
    const completed = cw.db.statusesOf(1).find((status) => status.name === 'Completed')
    const cancelled = cw.db.statusesOf(1).find((status) => status.name === 'Cancelled')
    const closed = await patch(ticket.id, [{ op: 'replace', path: 'status', value: { id: completed?.id } }])
    expect(closed.json).toMatchObject({ closedFlag: true, closedDate: expect.stringMatching(DATE) })
    expect(closed.json.dateResolved).toBe(closed.json.closedDate)
    const recast = await patch(ticket.id, [{ op: 'replace', path: 'status/id', value: cancelled?.id }])
    expect(recast.json).toMatchObject({ closedFlag: true, closedDate: closed.json.closedDate })
    const reopened = await patch(ticket.id, [
      { op: 'replace', path: 'status/id', value: cw.db.statusesOf(1)[1]?.id },
    ])
    expect(reopened.json.closedFlag).toBe(false)
    expect(reopened.json).not.toHaveProperty('closedDate')
    expect(reopened.json).not.toHaveProperty('dateResolved')

    const stranded = await patch(ticket.id, [{ op: 'replace', path: 'board', value: { id: 3 } }])
    expect(stranded.status).toBe(400)
    // The ticket's status (and type, if it has one) belong to the old board.
    expect(stranded.json.errors).toContainEqual(
      expect.objectContaining({ code: 'InvalidArgument', field: 'status' }),
    )
    expect(
      stranded.json.errors.every((error: { field: string }) => ['status', 'type'].includes(error.field)),
    ).toBe(true)
    const moved = await patch(ticket.id, [
      { op: 'replace', path: 'board/id', value: 3 },
      { op: 'replace', path: 'status', value: { id: cw.db.statusesOf(3)[0]?.id } },
      { op: 'remove', path: 'type' },
    ])
    expect(moved.status).toBe(200)
    expect(moved.json).toMatchObject({
      board: { id: 3, name: 'Onboarding' },
      status: { id: cw.db.statusesOf(3)[0]?.id },
    })
    expect(moved.json).not.toHaveProperty('type')
  })

  it('brings a new contact’s name along, and removes a contact with remove', async () => {
    const ticket = openTicket()
    const other = [...cw.db.contacts.values()].find(
      (contact) => contact.id !== ticket.contactId && contact.email,
    )
    const changed = await patch(ticket.id, [{ op: 'replace', path: 'contact', value: { id: other?.id } }])
    expect(changed.json).toMatchObject({
      contact: { id: other?.id },
      contactName: [other?.firstName, other?.lastName].filter(Boolean).join(' '),
      contactEmailAddress: other?.email,
    })
    const removed = await patch(ticket.id, [
      { op: 'remove', path: 'contact' },
      { op: 'replace', path: 'contactName', value: 'Front desk' },
    ])
    expect(removed.json).not.toHaveProperty('contact')
    expect(removed.json.contactName).toBe('Front desk')
    expect(removed.json).not.toHaveProperty('contactEmailAddress')
  })

  it('refuses a bad patch as a whole and changes nothing', async () => {
    const ticket = openTicket()
    const snapshot = JSON.stringify(cw.db.tickets.get(ticket.id))
    const cases: [unknown, string[]][] = [
      [{ op: 'replace', path: 'summary', value: 'x' }, ['operations:InvalidArgument']],
      [[], ['operations:InvalidArgument']],
      [[{ op: 'move', path: 'summary', from: 'x' }], ['summary:InvalidArgument']],
      [[{ op: 'replace', path: 'nosuch', value: 1 }], ['nosuch:InvalidArgument']],
      [[{ op: 'replace', path: 'id', value: 1 }], ['id:InvalidArgument']],
      [[{ op: 'replace', path: '/closedFlag', value: true }], ['/closedFlag:InvalidArgument']],
      [[{ op: 'replace', path: '_info', value: {} }], ['_info:InvalidArgument']],
      [[{ op: 'replace', path: 'status/sortOrder', value: 1 }], ['status/sortOrder:InvalidArgument']],
      [[{ op: 'replace', path: 'status/name', value: 'No such status' }], ['status:InvalidArgument']],
      [[{ op: 'replace', path: 'summary' }], ['summary:InvalidArgument']],
      [['replace'], ['operations[0]:InvalidArgument']],
      [
        [
          { op: 'replace', path: 'summary', value: 'Would change' },
          { op: 'replace', path: 'recordType', value: 'ProjectTicket' },
        ],
        ['recordType:InvalidArgument'],
      ],
      [
        [
          { op: 'replace', path: 'summary', value: 'Would change' },
          { op: 'replace', path: 'priority/id', value: 999 },
        ],
        ['priority:InvalidArgument'],
      ],
      [[{ op: 'replace', path: 'summary', value: 'x'.repeat(101) }], ['summary:MaxLength']],
      [[{ op: 'remove', path: 'summary' }], ['summary:NullOrEmpty']],
      [[{ op: 'remove', path: 'status' }], ['status:NullOrEmpty']],
      [[{ op: 'remove', path: 'company' }], ['company:NullOrEmpty']],
    ]
    for (const [body, expected] of cases) {
      const result = await patch(ticket.id, body)
      expect(result.status, JSON.stringify(body)).toBe(400)
      expect(result.json.code).toBe('InvalidObject')
      expect(fieldErrors(result), JSON.stringify(body)).toEqual(expected)
    }
    expect(JSON.stringify(cw.db.tickets.get(ticket.id))).toBe(snapshot)
    expect((await patch(999999, [{ op: 'replace', path: 'summary', value: 'x' }])).json.code).toBe(
      'RecordNotFound',
    )
  })

  it('replaces a whole ticket with PUT under create rules', async () => {
    const ticket = tickets().find(
      (candidate) => candidate.ownerId && candidate.contactId && candidate.boardId === 2,
    ) as TicketRecord
    const result = await api(`/service/tickets/${ticket.id}`, {
      method: 'PUT',
      body: { summary: 'Replaced', company: { id: ticket.companyId }, board: { id: 2 } },
    })
    expect(result.status).toBe(200)
    const defaultStatus = cw.db.statusesOf(2).find((status) => status.defaultFlag)
    expect(result.json).toMatchObject({
      id: ticket.id,
      summary: 'Replaced',
      status: { id: defaultStatus?.id },
      closedFlag: false,
    })
    for (const absent of ['owner', 'contact', 'type', 'requiredDate'])
      expect(result.json).not.toHaveProperty(absent)
    expect(
      (await api(`/service/tickets/${ticket.id}`, { method: 'PUT', body: { company: { id: 1 } } })).status,
    ).toBe(400)
  })

  it('deletes a ticket and its notes', async () => {
    const created = (await create({ summary: 'Short-lived', company: { id: 2 }, initialDescription: 'bye' }))
      .json
    const deleted = await api(`/service/tickets/${created.id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(deleted.json).toBeUndefined()
    expect((await api(`/service/tickets/${created.id}`)).status).toBe(404)
    expect(cw.db.notesOf(created.id)).toEqual([])
    expect((await api(`/service/tickets/${created.id}`, { method: 'DELETE' })).json.code).toBe(
      'RecordNotFound',
    )
  })
})

describe('note writes', () => {
  it('adds a note by the API member and moves the ticket’s lastUpdated', async () => {
    const ticket = tickets().find((candidate) => candidate.info.lastUpdated < '2025-01-01') as TicketRecord
    const result = await api(`/service/tickets/${ticket.id}/notes`, {
      method: 'POST',
      body: { text: 'Checked the logs (again) and "rebooted".', internalAnalysisFlag: true },
    })
    expect(result.status).toBe(201)
    expect(result.json).toMatchObject({
      ticketId: ticket.id,
      text: 'Checked the logs (again) and "rebooted".',
      detailDescriptionFlag: false,
      internalAnalysisFlag: true,
      resolutionFlag: false,
      internalFlag: true,
      externalFlag: false,
      member: { identifier: 'APIMember' },
      createdBy: 'APIMember',
    })
    expect(result.json).not.toHaveProperty('contact')
    expect(cw.db.tickets.get(ticket.id)?.info.lastUpdated).toBe(result.json.dateCreated)
    expect((await api(`/service/tickets/${ticket.id}/notes/${result.json.id}`)).json).toEqual(result.json)
    expect((await api(`/service/tickets/${ticket.id}/notes/count`)).json.count).toBe(
      cw.db.notesOf(ticket.id).length,
    )
  })

  it('requires text and one of the three kinds', async () => {
    const count = cw.db.notes.size
    const post = (body: unknown) => api('/service/tickets/1/notes', { method: 'POST', body })
    const noText = await post({ detailDescriptionFlag: true })
    expect(noText.status).toBe(400)
    expect(noText.json).toMatchObject({
      code: 'InvalidObject',
      errors: [{ code: 'NullOrEmpty', resource: 'ticketNote', field: 'text' }],
    })
    const noKind = await post({ text: 'Hello', externalFlag: true })
    expect(noKind.json.errors).toEqual([
      expect.objectContaining({
        code: 'InvalidArgument',
        resource: 'ticketNote',
        field: 'detailDescriptionFlag',
      }),
    ])
    expect((await post({ text: 'x', resolutionFlag: 'yes' })).status).toBe(400)
    expect(
      (
        await api('/service/tickets/999999/notes', {
          method: 'POST',
          body: { text: 'x', resolutionFlag: true },
        })
      ).status,
    ).toBe(404)
    expect(cw.db.notes.size).toBe(count)
  })
})

describe('company writes', () => {
  const post = (body: unknown) => api('/company/companies', { method: 'POST', body })
  const errorsOf = (result: CallResult) =>
    result.json.errors.map((error: { code: string; field: string }) => `${error.field}:${error.code}`)

  it('creates a company with the defaults and patches it', async () => {
    const created = await post({
      identifier: 'Smith_and-Co',
      name: 'Smith & Co (Holdings)',
      city: 'Springfield',
      types: [{ id: 1 }, { id: 4 }],
      country: { id: 2 },
      deletedFlag: true,
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      identifier: 'Smith_and-Co',
      name: 'Smith & Co (Holdings)',
      status: { id: 1, name: 'Active' },
      country: { id: 2, name: 'Canada' },
      types: [
        { id: 1, name: 'Client' },
        { id: 4, name: 'Partner' },
      ],
      deletedFlag: false,
    })
    const patched = await api(`/company/companies/${created.json.id}`, {
      method: 'PATCH',
      body: [
        { op: 'replace', path: 'name', value: 'Smith and Co' },
        { op: 'replace', path: 'status/id', value: 2 },
        { op: 'remove', path: 'city' },
      ],
    })
    expect(patched.json).toMatchObject({ name: 'Smith and Co', status: { name: 'Inactive' } })
    expect(patched.json).not.toHaveProperty('city')
    const sameIdentifier = await api(`/company/companies/${created.json.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'identifier', value: 'SMITH_AND-CO' }],
    })
    expect(sameIdentifier.status).toBe(200)
  })

  it('validates identifiers and names, including uniqueness, and creates nothing', async () => {
    const count = cw.db.companies.size
    const taken = cw.db.companies.get(1)?.identifier as string
    const city = 'Springfield'
    expect(errorsOf(await post({ name: 'No identifier', city }))).toEqual(['identifier:NullOrEmpty'])
    // 25, not 30: the limit of older codebases' Company model (spinen/connectwise-company-php-client).
    expect(errorsOf(await post({ identifier: 'x'.repeat(26), name: 'Long', city }))).toEqual([
      'identifier:MaxLength',
    ])
    expect(errorsOf(await post({ identifier: 'has space', name: 'Space', city }))).toEqual([
      'identifier:InvalidArgument',
    ])
    expect(errorsOf(await post({ identifier: taken.toLowerCase(), name: 'Duplicate', city }))).toEqual([
      'identifier:ObjectExists',
    ])
    expect(errorsOf(await post({ identifier: 'NoName', city }))).toEqual(['name:NullOrEmpty'])
    expect(errorsOf(await post({ identifier: 'LongName', name: 'n'.repeat(51), city }))).toEqual([
      'name:MaxLength',
    ])
    expect(errorsOf(await post({ identifier: 'BadStatus', name: 'x', status: { id: 99 }, city }))).toEqual([
      'status:InvalidArgument',
    ])
    expect(errorsOf(await post({ identifier: 'BadType', name: 'x', types: [{ id: 99 }], city }))).toEqual([
      'types:InvalidArgument',
    ])
    const duplicate = await post({ identifier: taken, name: 'Duplicate', city })
    expect(duplicate.json).toMatchObject({ code: 'InvalidObject', message: 'company object is invalid' })
    expect(duplicate.json.errors[0]).toMatchObject({
      code: 'ObjectExists',
      resource: 'company',
      field: 'identifier',
    })
    const patchToTaken = await api('/company/companies/2', {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'identifier', value: taken }],
    })
    expect(errorsOf(patchToTaken)).toEqual(['identifier:ObjectExists'])
    expect(
      errorsOf(
        await api('/company/companies/2', {
          method: 'PATCH',
          body: [{ op: 'replace', path: 'deletedFlag', value: true }],
        }),
      ),
    ).toEqual(['deletedFlag:InvalidArgument'])
    expect(cw.db.companies.size).toBe(count)
  })

  it('requires one address field on every company, created or patched (ConnectWise Company model)', async () => {
    const count = cw.db.companies.size
    const noAddress = await post({ identifier: 'NoAddress', name: 'No address', addressLine1: '  ' })
    expect(noAddress.status).toBe(400)
    expect(noAddress.json).toMatchObject({ code: 'InvalidObject' })
    expect(errorsOf(noAddress)).toEqual(['addressLine1:NullOrEmpty'])
    for (const field of ['addressLine1', 'addressLine2', 'city', 'state', 'zip'])
      expect(noAddress.json.errors[0].message).toContain(field)
    expect(noAddress.json.errors[0].message).toContain('country')
    expect(cw.db.companies.size).toBe(count)
    for (const [field, value] of [
      ['addressLine2', 'Suite 4'],
      ['zip', '97201'],
      ['country', { id: 2 }],
    ] as const) {
      const created = await post({ identifier: `Only-${field}`, name: field, [field]: value })
      expect(created.status, field).toBe(201)
    }
    const identifier = 'y'.repeat(25)
    const longest = await post({ identifier, name: 'Longest identifier', city: 'Salem' })
    expect(longest.json).toMatchObject({ identifier })
    const removeLast = await api(`/company/companies/${longest.json.id}`, {
      method: 'PATCH',
      body: [{ op: 'remove', path: 'city' }],
    })
    expect(errorsOf(removeLast)).toEqual(['addressLine1:NullOrEmpty'])
    expect(cw.db.companies.get(longest.json.id)?.city).toBe('Salem')
  })
})

describe('configuration writes', () => {
  const post = (body: unknown) => api('/company/configurations', { method: 'POST', body })

  it('creates and patches a configuration', async () => {
    const created = await post({
      name: 'ACME-FW-900',
      type: { id: 3 },
      company: { id: 1 },
      manufacturer: { id: 6 },
      serialNumber: 'FGT60F0000',
      warrantyExpirationDate: '2027-06-30',
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      name: 'ACME-FW-900',
      type: { id: 3, name: 'Firewall' },
      status: { id: 1, name: 'Active' },
      company: { id: 1 },
      manufacturer: { id: 6, name: 'Fortinet' },
      warrantyExpirationDate: '2027-06-30T00:00:00Z',
      activeFlag: true,
    })
    const patched = await api(`/company/configurations/${created.json.id}`, {
      method: 'PATCH',
      body: [
        { op: 'replace', path: 'status', value: { id: 3 } },
        { op: 'replace', path: 'activeFlag', value: false },
        { op: 'remove', path: 'manufacturer' },
      ],
    })
    expect(patched.json).toMatchObject({ status: { name: 'Retired' }, activeFlag: false })
    expect(patched.json).not.toHaveProperty('manufacturer')
  })

  it('takes type, status and manufacturer by name and the company by identifier', async () => {
    const created = await post({
      name: 'ACME-FW-901',
      type: { name: 'firewall' },
      status: { name: 'Active' },
      company: { identifier: cw.db.companies.get(1)?.identifier },
      manufacturer: { name: 'Fortinet' },
    })
    expect(created.status, JSON.stringify(created.json)).toBe(201)
    expect(created.json).toMatchObject({
      type: { id: 3 },
      status: { id: 1 },
      company: { id: 1 },
      manufacturer: { id: 6 },
    })
    const refused = await post({ name: 'X', type: { name: 'Toaster' }, company: { id: 1 } })
    expect(refused.json.errors).toEqual([
      expect.objectContaining({ field: 'type', message: "type with name 'Toaster' was not found." }),
    ])
  })

  it('requires a name, an existing type and company, and a known manufacturer', async () => {
    const count = cw.db.configurations.size
    const result = await post({ type: { id: 99 }, manufacturer: { id: 99 } })
    expect(result.status).toBe(400)
    expect(
      result.json.errors.map((error: { field: string; code: string }) => `${error.field}:${error.code}`),
    ).toEqual([
      'name:NullOrEmpty',
      'type:InvalidArgument',
      'company:NullOrEmpty',
      'manufacturer:InvalidArgument',
    ])
    expect(result.json.errors[0].resource).toBe('configuration')
    expect(cw.db.configurations.size).toBe(count)
  })
})

describe('fault injection', () => {
  it('answers an injected response once, then serves normally, without needing auth', async () => {
    cw.faults.respond({ status: 503, body: { message: 'Service Unavailable' } })
    const injected = await api('/service/tickets', { authorization: null })
    expect(injected).toMatchObject({ status: 503, json: { message: 'Service Unavailable' } })
    expect(injected.headers['api-current-version']).toBeUndefined()
    expect((await api('/service/tickets')).status).toBe(200)
  })

  it("injects the vendor's own 429 when only the status is given", async () => {
    const before = cw.stats.rateLimited
    cw.faults.respond({ status: 429, times: 2 })
    for (let n = 0; n < 2; n++) {
      const { status, headers, json } = await api('/company/companies')
      expect(status).toBe(429)
      expect(headers['retry-after']).toBe('60')
      expect(headers['x-ratelimit-remaining']).toBe('0')
      expect(headers['api-current-version']).toBe('2025.8')
      expect(json).toEqual({
        code: 'RateLimitExceeded',
        message: 'Rate limit exceeded. Try again in 60 seconds.',
      })
    }
    expect((await api('/company/companies')).status).toBe(200)
    expect(cw.stats.rateLimited).toBe(before + 2)
  })

  it('applies a fault only to its method and path prefix', async () => {
    cw.faults.respond({ status: 502, method: 'post', pathPrefix: '/service/tickets' })
    expect((await api('/service/tickets')).status).toBe(200)
    expect((await api('/company/companies', { method: 'POST', body: {} })).status).toBe(400)
    expect((await api('/service/tickets', { method: 'POST', body: {} })).status).toBe(502)
    expect((await api('/service/tickets', { method: 'POST', body: {} })).status).toBe(400)
  })

  it('delays a request, then processes it', async () => {
    cw.faults.delay({ ms: 150, pathPrefix: '/service/boards' })
    const start = performance.now()
    expect((await api('/service/boards')).status).toBe(200)
    expect(performance.now() - start).toBeGreaterThanOrEqual(145)
    const quick = performance.now()
    await api('/service/boards')
    expect(performance.now() - quick).toBeLessThan(145)
  })

  it('drops the connection without a response', async () => {
    cw.faults.drop({ pathPrefix: '/service/tickets/1' })
    await expect(api('/service/tickets/1')).rejects.toThrow()
    expect((await api('/service/tickets/1')).status).toBe(200)
  })

  it('forgets pending faults on clear', async () => {
    cw.faults.respond({ status: 500, times: 5 })
    cw.faults.clear()
    expect((await api('/service/boards')).status).toBe(200)
  })
})

describe('routing and stats', () => {
  it('answers 404 NotFound for unknown paths and 405 for known paths with another method', async () => {
    const unknown = await api('/service/widgets')
    expect(unknown).toMatchObject({ status: 404, json: { code: 'NotFound', message: expect.any(String) } })
    expect(unknown.headers['x-ratelimit-limit']).toBeDefined()
    const outside = await call(cw, `${cw.origin}/v4_6_release/apis/2.0/service/tickets`)
    expect(outside).toMatchObject({ status: 404, json: { code: 'NotFound' } })
    const wrongMethod = await api('/service/boards', { method: 'DELETE' })
    expect(wrongMethod).toMatchObject({ status: 405, json: { code: 'MethodNotAllowed' } })
    expect(wrongMethod.headers.allow).toBe('GET')
    expect((await api('/service/tickets/1', { method: 'POST', body: {} })).headers.allow).toBe(
      'GET, PUT, PATCH, DELETE',
    )
    expect((await api('/service/boards', { authorization: null })).status).toBe(401)
  })

  it('matches paths case-insensitively, as IIS does', async () => {
    expect((await call(cw, `${cw.origin}/V4_6_RELEASE/APIS/3.0/Service/Tickets/1`)).json.id).toBe(1)
  })

  it('counts requests by route and records the accepted ones with their query', async () => {
    cw.resetStats()
    await api(`/service/tickets?${q('id = 1')}&pageSize=5`)
    await api('/service/tickets/5')
    await api('/service/tickets/5', { clientId: null })
    await api('/service/tickets/5/notes/count')
    await api('/service/nothing')
    expect(cw.stats.accepted.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
      { method: 'GET', path: '/service/tickets', query: `${q('id = 1')}&pageSize=5` },
      { method: 'GET', path: '/service/tickets/5', query: '' },
      { method: 'GET', path: '/service/tickets/5/notes/count', query: '' },
      { method: 'GET', path: '/service/nothing', query: '' },
    ])
    const conditions = new URLSearchParams(cw.stats.accepted[0]?.query).get('conditions') as string
    expect(parseConditions(conditions)).toEqual({
      kind: 'comparison',
      field: 'id',
      operator: '=',
      value: { type: 'number', value: 1 },
    })
    expect(cw.stats).toMatchObject({
      requests: 5,
      rateLimited: 0,
      byRoute: {
        'GET /service/tickets': 1,
        'GET /service/tickets/:id': 2,
        'GET /service/tickets/:id/notes/count': 1,
        'GET (no route)': 1,
      },
    })
    cw.resetStats()
    expect(cw.stats).toEqual({ requests: 0, rateLimited: 0, accepted: [], byRoute: {} })
  })
})
