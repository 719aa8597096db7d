import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { callJson, type CallResult } from '../http.js'
import {
  startConnectWiseEmulator,
  type ConnectWiseEmulator,
  type ContactRecord,
  type TicketRecord,
} from '../../../sandbox/connectwise/index.js'

// The ConnectWise emulator, exercised over raw HTTP the way a client of the real vendor would be.

export interface CallOptions {
  method?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  /** `null` sends no Authorization header; a string is sent as is. Default: the first member's Basic credentials. */
  authorization?: string | null
  /** `null` sends no clientId header. */
  clientId?: string | null
}

/** The emulator of the test file, started by `useConnectWiseEmulator()`. */
export let cw: ConnectWiseEmulator

/** One emulator for the file (with a limit its tests never reach), its faults cleared after each test. */
export function useConnectWiseEmulator(): void {
  beforeAll(async () => {
    cw = await startConnectWiseEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
  })
  afterAll(async () => {
    await cw?.close()
  })
  afterEach(() => {
    cw.faults.clear()
  })
}

export const basic = (companyId: string, publicKey: string, privateKey: string) =>
  `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`

export const memberAuth = (target: ConnectWiseEmulator, index = 0) => {
  const member = target.members[index] as { publicKey: string; privateKey: string }
  return basic(target.companyId, member.publicKey, member.privateKey)
}

export async function call(
  target: ConnectWiseEmulator,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const authorization = options.authorization === undefined ? memberAuth(target) : options.authorization
  const clientId = options.clientId === undefined ? target.clientIds[0] : options.clientId
  return callJson(path.startsWith('http') ? path : `${target.baseUrl}${path}`, {
    ...options,
    headers: {
      ...(authorization === null ? {} : { authorization }),
      ...(clientId === null || clientId === undefined ? {} : { clientid: clientId }),
      ...options.headers,
    },
  })
}

export const api = (path: string, options?: CallOptions) => call(cw, path, options)

export const q = (conditions: string) => `conditions=${encodeURIComponent(conditions)}`
export const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** The `Link` header as rel -> URL. */
export function links(result: CallResult): Record<string, string> {
  const header = result.headers.link
  if (typeof header !== 'string') return {}
  return Object.fromEntries(
    [...header.matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((match) => [match[2] as string, match[1] as string]),
  )
}

/** Ids the list answers for this query, in order, in one page of up to 1000. */
export async function listIds(path: string, query = ''): Promise<number[]> {
  const separator = path.includes('?') ? '&' : '?'
  const { status, json } = await api(`${path}${separator}pageSize=1000${query ? `&${query}` : ''}`)
  expect(status, JSON.stringify(json)).toBe(200)
  return json.map((record: { id: number }) => record.id)
}

/** The `field:code` of each error of a vendor InvalidObject answer. */
export const fieldErrors = (result: CallResult): string[] =>
  result.json.errors.map((error: { code: string; field: string }) => `${error.field}:${error.code}`)

export const tickets = () => [...cw.db.tickets.values()]
export const ticketIds = (predicate: (ticket: TicketRecord) => boolean) =>
  tickets()
    .filter(predicate)
    .map((ticket) => ticket.id)
    .sort((a, b) => a - b)
export const statusOf = (ticket: TicketRecord) => cw.db.statuses.get(ticket.statusId)

/** A contact's items of one kind (seeded contacts have one email at most, and one direct phone). */
export const valuesOf = (contact: ContactRecord, kind: 'Email' | 'Phone' | 'Fax') =>
  contact.communicationItems.filter((item) => item.communicationType === kind).map((item) => item.value)
export const emailOf = (contact: ContactRecord): string | undefined => valuesOf(contact, 'Email')[0]

export const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
