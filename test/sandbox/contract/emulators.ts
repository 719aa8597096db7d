import { request } from 'undici'
import { expect } from 'vitest'
import { startAutotaskEmulator } from '../../../sandbox/autotask/index.js'
import { startConnectWiseEmulator } from '../../../sandbox/connectwise/index.js'
import { startHaloEmulator } from '../../../sandbox/halopsa/index.js'
import type { FaultControls } from '../../../sandbox/shared/faults.js'
import type { EmulatorStats } from '../../../sandbox/shared/stats.js'
import { startSyncroEmulator } from '../../../sandbox/syncro/index.js'
import { callJson } from '../http.js'

/**
 * One vendor emulator seen the same way whatever the vendor: the shared emulator contract
 * (test/sandbox/contract/suite.ts) runs against each of these. Every vendor fact here is one the emulator
 * enforces; the vendor's own details are tested in test/sandbox/<vendor>/.
 */
export interface EmulatorDescription {
  readonly vendor: string
  start(options?: { rateLimit?: { limit: number; windowMs: number } }): Promise<EmulatorUnderTest>
}

/** What a request carries instead of the vendor's valid credentials: headers, and a query string. */
export interface Credentials {
  headers?: Record<string, string>
  query?: string
}

export interface SendOptions {
  method?: string
  /** Sent as JSON. */
  body?: unknown
  /** Instead of valid credentials. */
  credentials?: Credentials
}

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: any // eslint-disable-line @typescript-eslint/no-explicit-any -- vendor JSON, asserted field by field
}

export interface EmulatorUnderTest {
  readonly faults: FaultControls
  readonly stats: EmulatorStats
  close(): Promise<void>
  /** A request to the vendor's API (`path` after its prefix), with valid credentials unless told otherwise. */
  send(path: string, options?: SendOptions): Promise<Answer>
  /** What goes before an API path in a fault's `pathPrefix`. */
  readonly faultPrefix: string
  /** The ticket list, and a small list any test may read. */
  readonly paths: { tickets: string; customers: string; small: string }
  /** Where tickets and customers are created, when not at their list paths (Autotask lists by a query). */
  readonly createPaths?: { tickets: string; customers: string }
  /** Credentials the vendor refuses: none at all, then wrong or malformed ones. */
  readonly refusedCredentials: Credentials[]
  /** The vendor's 401: its body, and headers it carries (undefined: one it never sends with a 401). */
  readonly unauthorized: { body: unknown; headers: Record<string, string | undefined> }
  /** Records that do not exist: unknown or malformed ids, children of another record. */
  missingRecords(): string[]
  /** The vendor's 404 for a record. */
  readonly notFound: unknown
  /** What the vendor answers when its limit is used: Retry-After for this wait, its body. */
  readonly rateLimited: { retryAfter(msUntilNextSlot: number): string; body: unknown }
  /** The vendor's own 429 as a fault with only a status answers it: its headers and body. */
  readonly injected429: { headers: Record<string, string>; body: unknown }
  /** Headers the emulator puts on its own answers, absent from an injected one. */
  readonly ownHeaders: string[]
  /** A body the vendor refuses on a create, for tickets and customers alike, and its status for that. */
  readonly invalidCreate: { body: unknown; status: number }
  /** A ticket create, and how to read the created ticket back. */
  readonly ticketCreate: { body: unknown; status: number; ticketOf(answer: Answer): { id: number } }
  ticketPath(id: number): string
  /** Ticket ids held, ascending. */
  ticketIds(): number[]
  /** Every ticket id, walking the list page by page the vendor's way, in the order the pages give them. */
  walkTickets(): Promise<number[]>
}

const send = (url: string, method: string, headers: Record<string, string>, body: unknown) =>
  callJson(url, { method, headers, body })

const withQuery = (path: string, query: string | undefined) =>
  query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path

const sortedIds = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b)
const retryAfterInWholeSeconds = (ms: number) => String(Math.ceil(ms / 1000))

export const connectWise: EmulatorDescription = {
  vendor: 'connectwise',
  async start(options = {}): Promise<EmulatorUnderTest> {
    const cw = await startConnectWiseEmulator({
      rateLimit: options.rateLimit ?? { limit: 100_000, windowMs: 60_000 },
    })
    const basic = (companyId: string, publicKey: string, privateKey: string) =>
      `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`
    const member = cw.members[0]!
    const clientid = cw.clientIds[0]!
    const valid = { authorization: basic(cw.companyId, member.publicKey, member.privateKey), clientid }
    return {
      faults: cw.faults,
      stats: cw.stats,
      close: () => cw.close(),
      send: (path, { method = 'GET', body, credentials } = {}) =>
        send(
          `${cw.baseUrl}${withQuery(path, credentials?.query)}`,
          method,
          credentials ? (credentials.headers ?? {}) : valid,
          body,
        ),
      faultPrefix: '',
      paths: { tickets: '/service/tickets', customers: '/company/companies', small: '/service/boards' },
      refusedCredentials: [
        { headers: { clientid } },
        ...[
          '',
          'Bearer abc',
          'Basic !!!notbase64',
          `Basic ${Buffer.from('no-plus-or-colon').toString('base64')}`,
          basic(cw.companyId, member.publicKey, 'wrong-private-key'),
          basic(cw.companyId, 'unknown-public', member.privateKey),
          basic('othercompany', member.publicKey, member.privateKey),
          basic(cw.companyId, member.publicKey, ''),
        ].map((authorization) => ({ headers: { authorization, clientid } })),
      ],
      // The limit is per API member: a refused request counts for nobody.
      unauthorized: {
        body: { code: 'InvalidCredentials', message: expect.any(String) },
        headers: { 'x-ratelimit-limit': undefined },
      },
      missingRecords: () => [
        '/service/tickets/999999',
        '/service/tickets/abc',
        '/service/tickets/1.5',
        '/service/tickets/999999/notes',
        '/service/tickets/1/notes/999999',
        `/service/tickets/1/notes/${cw.db.notesOf(2)[0]!.id}`,
        '/service/boards/99',
        '/service/boards/99/statuses',
        '/company/companies/0',
        '/company/configurations/99999',
        '/company/contacts/99999',
        '/system/members/999',
      ],
      notFound: { code: 'RecordNotFound', message: expect.any(String) },
      rateLimited: {
        retryAfter: retryAfterInWholeSeconds,
        body: {
          code: 'RateLimitExceeded',
          message: expect.stringMatching(/^Rate limit exceeded\. Try again/),
        },
      },
      injected429: {
        headers: { 'retry-after': '60', 'x-ratelimit-remaining': '0', 'api-current-version': '2025.8' },
        body: { code: 'RateLimitExceeded', message: 'Rate limit exceeded. Try again in 60 seconds.' },
      },
      ownHeaders: ['api-current-version'],
      invalidCreate: { body: {}, status: 400 },
      ticketCreate: {
        body: { summary: 'Contract ticket', company: { id: 1 } },
        status: 201,
        ticketOf: (answer) => answer.json,
      },
      ticketPath: (id) => `/service/tickets/${id}`,
      ticketIds: () => sortedIds(cw.db.tickets.keys()),
      async walkTickets() {
        const seen: number[] = []
        let next: string | undefined = `${cw.baseUrl}/service/tickets?pageSize=100&fields=id`
        while (next) {
          const page: Answer = await send(next, 'GET', valid, undefined)
          seen.push(...page.json.map((ticket: { id: number }) => ticket.id))
          next = /<([^>]+)>; rel="next"/.exec(String(page.headers.link ?? ''))?.[1]
        }
        return seen
      },
    }
  },
}

export const halo: EmulatorDescription = {
  vendor: 'halopsa',
  async start(options = {}): Promise<EmulatorUnderTest> {
    const halo = await startHaloEmulator({
      rateLimit: options.rateLimit ?? { limit: 100_000, windowMs: 60_000 },
    })
    const client = halo.clients[0]!
    const tokenAnswer = await request(`${halo.authUrl}/token?tenant=${halo.tenant}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
    })
    const token = ((await tokenAnswer.body.json()) as { access_token: string }).access_token
    const valid = { authorization: `Bearer ${token}` }
    const api = (path: string, options: SendOptions = {}) =>
      send(
        `${halo.apiUrl}${withQuery(path, options.credentials?.query)}`,
        options.method ?? 'GET',
        options.credentials ? (options.credentials.headers ?? {}) : valid,
        options.body,
      )
    return {
      faults: halo.faults,
      stats: halo.stats,
      close: () => halo.close(),
      send: api,
      faultPrefix: '/api',
      paths: { tickets: '/Tickets', customers: '/Client', small: '/Status' },
      refusedCredentials: [
        { headers: {} },
        { headers: { authorization: 'Bearer not-a-token' } },
        { headers: { authorization: `Basic ${token}` } },
      ],
      unauthorized: {
        body: { Message: 'Authorization has been denied for this request.' },
        headers: { 'www-authenticate': 'Bearer' },
      },
      missingRecords: () => [
        '/Tickets/999999',
        '/Tickets/abc',
        '/Client/999999',
        '/Asset/0',
        '/Actions/999999',
      ],
      notFound: { Message: expect.any(String) },
      rateLimited: {
        retryAfter: retryAfterInWholeSeconds,
        body: { error: 'rate_limit_exceeded', message: expect.any(String), retry_after: expect.any(Number) },
      },
      injected429: {
        headers: { 'retry-after': '1' },
        body: {
          error: 'rate_limit_exceeded',
          message: 'Too many requests. Please retry after 1 seconds.',
          retry_after: 1,
        },
      },
      ownHeaders: [],
      // Halo writes arrays of records: an object is no array.
      invalidCreate: { body: {}, status: 400 },
      ticketCreate: {
        body: [{ summary: 'Contract ticket', client_id: 1 }],
        status: 200,
        ticketOf: (answer) => answer.json,
      },
      ticketPath: (id) => `/Tickets/${id}`,
      ticketIds: () => sortedIds(halo.db.tickets.keys()),
      async walkTickets() {
        const ids: number[] = []
        for (let page = 1; ; page++) {
          const { json } = await api(`/Tickets?pageinate=true&page_size=100&page_no=${page}`)
          ids.push(...json.tickets.map((ticket: { id: number }) => ticket.id))
          if (json.tickets.length === 0 || ids.length >= json.record_count) return ids
        }
      },
    }
  },
}

export const syncro: EmulatorDescription = {
  vendor: 'syncro',
  async start(options = {}): Promise<EmulatorUnderTest> {
    const syncro = await startSyncroEmulator({
      rateLimit: options.rateLimit ?? { limit: 100_000, windowMs: 60_000 },
    })
    const valid = { authorization: `Bearer ${syncro.apiKeys[0]}` }
    const api = (path: string, options: SendOptions = {}) =>
      send(
        `${syncro.baseUrl}${withQuery(path, options.credentials?.query)}`,
        options.method ?? 'GET',
        options.credentials ? (options.credentials.headers ?? {}) : valid,
        options.body,
      )
    return {
      faults: syncro.faults,
      stats: syncro.stats,
      close: () => syncro.close(),
      send: api,
      faultPrefix: '',
      paths: { tickets: '/tickets', customers: '/customers', small: '/users' },
      refusedCredentials: [
        { headers: {} },
        { headers: { authorization: 'Bearer not-the-key' } },
        { query: 'api_key=wrong' },
      ],
      unauthorized: { body: { error: 'Not authorized. Please check your API key.' }, headers: {} },
      missingRecords: () => [
        '/tickets/999999',
        '/tickets/abc',
        '/customers/0',
        '/customer_assets/999',
        '/users/77',
        '/contacts/999999',
      ],
      notFound: { message: 'Not found' },
      // Syncro's Retry-After is a fixed figure (30 s unless configured), whatever the wait.
      rateLimited: {
        retryAfter: () => '30',
        body: { error: 'Rate limit exceeded. Please wait before making more requests.' },
      },
      injected429: {
        headers: { 'retry-after': '30' },
        body: { error: 'Rate limit exceeded. Please wait before making more requests.' },
      },
      ownHeaders: [],
      invalidCreate: { body: {}, status: 422 },
      ticketCreate: {
        body: { customer_id: 1, subject: 'Contract ticket' },
        status: 200,
        ticketOf: (answer) => answer.json.ticket,
      },
      ticketPath: (id) => `/tickets/${id}`,
      ticketIds: () => sortedIds(syncro.db.tickets.keys()),
      async walkTickets() {
        const ids: number[] = []
        for (let page = 1; ; page++) {
          const { json } = await api(`/tickets?page=${page}`)
          ids.push(...json.tickets.map((ticket: { id: number }) => ticket.id))
          if (page >= json.meta.total_pages) return ids
        }
      },
    }
  },
}

export const autotask: EmulatorDescription = {
  vendor: 'autotask',
  async start(options = {}): Promise<EmulatorUnderTest> {
    const autotask = await startAutotaskEmulator({
      rateLimit: options.rateLimit ?? { limit: 100_000, windowMs: 60_000 },
      thresholdLatencyMs: { half: 0, threeQuarters: 0 },
    })
    const user = autotask.apiUsers[0]!
    const valid = { UserName: user.userName, Secret: user.secret, ApiIntegrationCode: user.integrationCode }
    const everyTicket = {
      filter: [{ op: 'gte', field: 'id', value: 0 }],
      MaxRecords: 100,
      IncludeFields: ['id'],
    }
    const idOf = (answer: Answer) => ({ id: answer.json.itemId ?? answer.json.item.id })
    const customer = [...autotask.db.companies.values()].find(
      (company) => company.id !== 0 && company.isActive,
    )!
    return {
      faults: autotask.faults,
      stats: autotask.stats,
      close: () => autotask.close(),
      send: (path, { method = 'GET', body, credentials } = {}) =>
        send(
          `${autotask.baseUrl}${withQuery(path, credentials?.query)}`,
          method,
          credentials ? (credentials.headers ?? {}) : valid,
          body,
        ),
      faultPrefix: '',
      // Autotask lists by a query; it creates at the entity's root.
      paths: {
        tickets: `/Tickets/query?search=${encodeURIComponent(JSON.stringify(everyTicket))}`,
        customers: `/Companies/query?search=${encodeURIComponent(JSON.stringify({ ...everyTicket, MaxRecords: 5 }))}`,
        small: '/Companies/entityInformation',
      },
      createPaths: { tickets: '/Tickets', customers: '/Companies' },
      // Only a known user's wrong secret is a 401; an unknown user or integration code is a 500 (apigrate#19).
      refusedCredentials: [
        { headers: { ...valid, Secret: 'wrong-secret' } },
        { headers: { UserName: valid.UserName, ApiIntegrationCode: valid.ApiIntegrationCode } },
      ],
      unauthorized: { body: undefined, headers: { 'retry-after': undefined } },
      // An id it does not hold answers 200 {"item": null}; only a malformed one or an unknown path is a 404.
      missingRecords: () => [
        '/Tickets/abc',
        '/Tickets/1.5',
        '/Companies/-1',
        '/TicketNotes/x',
        '/Tickets/1/Notes/abc',
        '/Widgets/1',
      ],
      notFound: { Message: expect.stringContaining('No HTTP resource') },
      rateLimited: {
        retryAfter: retryAfterInWholeSeconds,
        body: { errors: [expect.stringContaining('threshold')] },
      },
      injected429: { headers: {}, body: { errors: [expect.stringContaining('threshold')] } },
      ownHeaders: [],
      invalidCreate: { body: {}, status: 500 },
      ticketCreate: {
        body: { companyID: customer.id, title: 'Contract ticket', status: 1, priority: 2 },
        status: 200,
        ticketOf: idOf,
      },
      ticketPath: (id) => `/Tickets/${id}`,
      ticketIds: () => sortedIds(autotask.db.tickets.keys()),
      async walkTickets() {
        const ids: number[] = []
        let next: string | null = `${autotask.baseUrl}/Tickets/query`
        while (next) {
          const page: Answer = await send(next, 'POST', valid, everyTicket)
          ids.push(...page.json.items.map((ticket: { id: number }) => ticket.id))
          next = page.json.pageDetails.nextPageUrl
        }
        return ids
      },
    }
  },
}

export const EMULATORS: EmulatorDescription[] = [connectWise, halo, syncro, autotask]
