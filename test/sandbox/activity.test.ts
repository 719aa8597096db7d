import { afterEach, describe, expect, it, vi } from 'vitest'
import { startConnectWiseEmulator } from '../../sandbox/connectwise/index.js'
import { startHaloEmulator } from '../../sandbox/halopsa/index.js'
import type { ActivityChange, ActivityOptions, EmulatorActivity } from '../../sandbox/shared/activity.js'
import { startSyncroEmulator } from '../../sandbox/syncro/index.js'
import { call as callConnectWise } from './connectwise/helpers.js'
import { call as callHalo, tokenFor } from './halopsa/helpers.js'
import type { CallResult } from './http.js'
import { call as callSyncro } from './syncro/helpers.js'

// Each emulator's activity changes its records the way its API's writes do: a client of the vendor's API sees
// every change, and the vendor's updated-since ticket filter (what the gateway's poller asks) lists exactly the
// tickets changed.

interface ActivityUnderTest {
  readonly activity: EmulatorActivity
  /** The emulator's records, serialised: changes when anything changes. */
  snapshot(): string
  close(): Promise<void>
  get(path: string): Promise<CallResult>
  /** The ids of the tickets the vendor's updated-since filter lists for changes after `sinceMs`. */
  ticketsUpdatedSince(sinceMs: number): Promise<number[]>
  ticketPath(id: string): string
  /** Who the vendor says wrote the comment (undefined: not found under its ticket), and who the API writes as. */
  commentAuthor(change: ActivityChange): Promise<string | undefined>
  readonly apiAuthor: string
  /** When the vendor says the customer or asset was last updated, in epoch milliseconds. */
  updatedAt(change: ActivityChange): Promise<number>
}

const NO_LIMIT = { limit: 100_000, windowMs: 60_000 }
const byNumber = (a: number, b: number) => a - b
const ids = (records: { id: number }[]) => records.map((record) => record.id).sort(byNumber)
/** Halo's dates carry no zone and mean UTC. */
const haloMs = (text: string) => Date.parse(`${text}Z`)

const VENDORS: Record<string, (activity?: ActivityOptions) => Promise<ActivityUnderTest>> = {
  ConnectWise: async (activity) => {
    const cw = await startConnectWiseEmulator({ rateLimit: NO_LIMIT, activity })
    const get = (path: string) => callConnectWise(cw, path)
    return {
      activity: cw.activity,
      snapshot: () => JSON.stringify([[...cw.db.tickets.values()], [...cw.db.notes.values()]]),
      close: () => cw.close(),
      get,
      ticketsUpdatedSince: async (sinceMs) => {
        const since = new Date(sinceMs).toISOString().replace(/\.\d+Z$/, 'Z')
        const conditions = encodeURIComponent(`lastUpdated > [${since}]`)
        const { json } = await get(`/service/tickets?pageSize=1000&conditions=${conditions}`)
        return ids(json)
      },
      ticketPath: (id) => `/service/tickets/${id}`,
      commentAuthor: async ({ id, ticketId }) =>
        (await get(`/service/tickets/${ticketId}/notes/${id}`)).json.member?.identifier,
      apiAuthor: 'APIMember',
      updatedAt: async ({ resource, id }) => {
        const path = resource === 'customer' ? '/company/companies' : '/company/configurations'
        return Date.parse((await get(`${path}/${id}`)).json._info.lastUpdated)
      },
    }
  },
  HaloPSA: async (activity) => {
    const halo = await startHaloEmulator({ rateLimit: NO_LIMIT, activity })
    const token = await tokenFor(halo)
    const get = (path: string) => callHalo(`${halo.apiUrl}${path}`, { token })
    return {
      activity: halo.activity,
      snapshot: () => JSON.stringify([[...halo.db.tickets.values()], [...halo.db.actions.values()]]),
      close: () => halo.close(),
      get,
      ticketsUpdatedSince: async (sinceMs) => {
        const since = new Date(sinceMs).toISOString().replace(/Z$/, '')
        return ids((await get(`/Tickets?lastupdatefromdate=${since}`)).json.tickets)
      },
      ticketPath: (id) => `/Tickets/${id}`,
      commentAuthor: async ({ id, ticketId }) => {
        const { status, json } = await get(`/Actions/${id}`)
        return status === 200 && String(json.ticket_id) === ticketId ? String(json.who_agentid) : undefined
      },
      apiAuthor: '1',
      updatedAt: async ({ resource, id }) =>
        resource === 'customer'
          ? haloMs((await get(`/Client/${id}`)).json.alastupdate)
          : haloMs((await get(`/Asset/${id}`)).json.dlastupdate),
    }
  },
  Syncro: async (activity) => {
    const syncro = await startSyncroEmulator({ rateLimit: NO_LIMIT, activity })
    const get = (path: string) => callSyncro(syncro, path)
    return {
      activity: syncro.activity,
      snapshot: () => JSON.stringify([[...syncro.db.tickets.values()], [...syncro.db.comments.values()]]),
      close: () => syncro.close(),
      get,
      ticketsUpdatedSince: async (sinceMs) => {
        const found: { id: number }[] = []
        for (let page = 1; ; page++) {
          const { json } = await get(
            `/tickets?since_updated_at=${new Date(sinceMs).toISOString()}&page=${page}`,
          )
          found.push(...json.tickets)
          if (page >= json.meta.total_pages) return ids(found)
        }
      },
      ticketPath: (id) => `/tickets/${id}`,
      commentAuthor: async ({ id, ticketId }) => {
        const { json } = await get(`/tickets/${ticketId}/comments?per_page=100`)
        const comment = json.comments.find((candidate: { id: number }) => String(candidate.id) === id)
        return comment ? String(comment.user_id) : undefined
      },
      apiAuthor: '1',
      updatedAt: async ({ resource, id }) =>
        resource === 'customer'
          ? Date.parse((await get(`/customers/${id}`)).json.customer.updated_at)
          : Date.parse((await get(`/customer_assets/${id}`)).json.asset.updated_at),
    }
  },
}

const KINDS = [
  'updated ticket',
  'created comment',
  'created ticket',
  'updated customer',
  'updated asset',
  'deleted ticket',
]

afterEach(() => {
  vi.useRealTimers()
})

describe.each(Object.entries(VENDORS))('%s activity', (_vendor, start) => {
  it('changes records as the API writes them, as a person at the vendor: the updated-since filter lists exactly the tickets changed', async () => {
    const emulator = await start()
    try {
      // Seeded records date from 2025; whole seconds, as ConnectWise keeps them, and a second of margin.
      const sinceMs = Math.floor(Date.now() / 1000) * 1000 - 1000
      expect(await emulator.ticketsUpdatedSince(sinceMs)).toEqual([])

      const changes = Array.from({ length: 150 }, () => emulator.activity.step())
      expect(new Set(changes.map(({ kind, resource }) => `${kind} ${resource}`))).toEqual(new Set(KINDS))

      const deleted = new Set(changes.flatMap((change) => (change.kind === 'deleted' ? [change.id] : [])))
      const touched = changes.flatMap(({ resource, id, ticketId }) =>
        resource === 'ticket' ? [id] : resource === 'comment' ? [ticketId as string] : [],
      )
      const changed = [...new Set(touched)]
        .filter((id) => !deleted.has(id))
        .map(Number)
        .sort(byNumber)
      expect(await emulator.ticketsUpdatedSince(sinceMs)).toEqual(changed)

      for (const id of deleted) expect((await emulator.get(emulator.ticketPath(id))).status).toBe(404)
      for (const change of changes) {
        if (change.resource === 'comment' && !deleted.has(change.ticketId as string)) {
          // Written by a person at the vendor, not as the API identity a gateway writes with.
          const author = await emulator.commentAuthor(change)
          expect(author, JSON.stringify(change)).toBeDefined()
          expect(author).not.toBe(emulator.apiAuthor)
        }
        if (change.resource === 'customer' || change.resource === 'asset')
          expect(await emulator.updatedAt(change), JSON.stringify(change)).toBeGreaterThanOrEqual(sinceMs)
      }
    } finally {
      await emulator.close()
    }
  })

  it('steps on a timer when the options ask for it, and close stops it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const idle = await start()
    expect(idle.activity.running).toBe(false)
    await idle.close()

    const emulator = await start({ everyMs: 20_000 })
    expect(emulator.activity.running).toBe(true)
    const before = emulator.snapshot()
    vi.advanceTimersByTime(19_999)
    expect(emulator.snapshot()).toBe(before)
    vi.advanceTimersByTime(1)
    const after = emulator.snapshot()
    expect(after).not.toBe(before)

    await emulator.close()
    expect(emulator.activity.running).toBe(false)
    vi.advanceTimersByTime(60_000)
    expect(emulator.snapshot()).toBe(after)
  })
})
