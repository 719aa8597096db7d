import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { callJson, type CallResult } from '../http.js'
import { startHaloEmulator, type HaloEmulator, type TicketRecord } from '../../../sandbox/halopsa/index.js'

// The HaloPSA emulator, exercised over raw HTTP the way a client of the real vendor would be.

export interface CallOptions {
  method?: string
  /** Sent as JSON. */
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  /** Sent as `Authorization: Bearer {token}`; `api()` sends the suite's `all` token unless given null. */
  token?: string | null
}

export async function call(url: string, options: CallOptions = {}): Promise<CallResult> {
  return callJson(url, {
    ...options,
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
  })
}

export interface TokenOptions {
  clientId?: string
  clientSecret?: string
  /** `null` sends no tenant parameter; default the emulator's tenant. */
  tenant?: string | null
  scope?: string
  grantType?: string
}

export function requestToken(target: HaloEmulator, options: TokenOptions = {}): Promise<CallResult> {
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

export async function tokenFor(target: HaloEmulator, options: TokenOptions = {}): Promise<string> {
  const answer = await requestToken(target, options)
  expect(answer.status).toBe(200)
  return answer.json.access_token as string
}

/** The emulator of the test file and a token of scope `all`, from `useHaloEmulator()`. */
export let halo: HaloEmulator
export let token: string

/** One emulator for the file (with a limit its tests never reach), its faults cleared after each test. */
export function useHaloEmulator(): void {
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
}

export const api = (path: string, options: CallOptions = {}) =>
  call(`${halo.apiUrl}${path}`, { ...options, token: options.token === undefined ? token : options.token })

export const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/
export const DATE_FIELDS = [
  'dateoccurred',
  'datecreated',
  'lastactiondate',
  'last_update',
  'fixbydate',
  'dateclosed',
]

export const sortedIds = (items: { id: number }[]) => items.map((item) => item.id).sort((a, b) => a - b)
export const ticketsWhere = (predicate: (ticket: TicketRecord) => boolean) =>
  [...halo.db.tickets.values()]
    .filter(predicate)
    .map((ticket) => ticket.id)
    .sort((a, b) => a - b)

/** The ids a ticket list answers for this query, every record at once (no paging). */
export async function listedTicketIds(query: string): Promise<number[]> {
  const { status, json } = await api(`/Tickets?${query}`)
  expect(status).toBe(200)
  expect(json.record_count).toBe(json.tickets.length)
  return sortedIds(json.tickets)
}
