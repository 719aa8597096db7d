import type { Agent } from 'undici'
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest'
import { callJson, type CallResult } from '../http.js'
import { startSyncroEmulator, type SyncroEmulator, type TicketRecord } from '../../../sandbox/syncro/index.js'

// The Syncro emulator, exercised over raw HTTP the way a client of the real vendor would be.

export interface CallOptions {
  method?: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
  /** `null` sends no credentials at all. */
  apiKey?: string | null
  dispatcher?: Agent
}

/** The emulator of the test file, started by `useSyncroEmulator()`. */
export let syncro: SyncroEmulator

/** One emulator for the file (with a limit its tests never reach), its faults cleared after each test. */
export function useSyncroEmulator(): void {
  beforeAll(async () => {
    syncro = await startSyncroEmulator({ rateLimit: { limit: 100_000, windowMs: 60_000 } })
  })
  afterAll(async () => {
    await syncro?.close()
  })
  afterEach(() => {
    syncro.faults.clear()
  })
}

export async function call(
  target: SyncroEmulator,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const apiKey = options.apiKey === undefined ? target.apiKeys[0] : options.apiKey
  return callJson(`${target.baseUrl}${path}`, {
    ...options,
    headers: { ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }), ...options.headers },
  })
}

export const api = (path: string, options?: CallOptions) => call(syncro, path, options)

/** Every ticket id the list answers for this query, walking all pages. */
export async function listedTicketIds(query: string): Promise<number[]> {
  const ids: number[] = []
  for (let page = 1; ; page++) {
    const { status, json } = await api(`/tickets?${query}&page=${page}`)
    expect(status).toBe(200)
    ids.push(...json.tickets.map((ticket: { id: number }) => ticket.id))
    if (page >= json.meta.total_pages) return ids
  }
}

export function expectedTicketIds(predicate: (ticket: TicketRecord) => boolean): number[] {
  return [...syncro.db.tickets.values()]
    .filter(predicate)
    .map((ticket) => ticket.id)
    .sort((a, b) => b - a)
}

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `writes` with only `Date` faked, moved on a second by each `tick()`: two writes in the same
 * millisecond would stamp the same `updated_at`, and an update would then not name it among its changes.
 */
export async function withTickingDate(writes: (tick: () => void) => Promise<void>): Promise<void> {
  let moment = Date.parse('2026-06-01T10:00:00.000Z')
  vi.useFakeTimers({ toFake: ['Date'], now: moment })
  try {
    await writes(() => vi.setSystemTime((moment += 1000)))
  } finally {
    vi.useRealTimers()
  }
}
