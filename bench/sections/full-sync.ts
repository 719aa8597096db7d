import type { EmulatorStats } from '../../sandbox/shared/stats.js'
import { startAutotaskGateway, startConnectWiseGateway, type Gateway } from '../../test/helpers/gateway.js'

export type FullSyncVendor = 'connectwise' | 'autotask'

export interface FullSyncResult {
  vendor: FullSyncVendor
  tickets: number
  pageSize: number
  seconds: number
  vendorCalls: number
  minimumCalls: number
  callRatio: number
}

/**
 * The most tickets one vendor call answers (vendors.md): ConnectWise's `pageSize` goes up to 1000, Autotask's
 * query answers up to 500 records a call.
 */
export const VENDOR_PAGE_MAX: Record<FullSyncVendor, number> = { connectwise: 1000, autotask: 500 }

/** The gateway's page sizes walked: its largest, and ConnectWise's default page (the gateway's default too). */
const PAGE_SIZES = [1000, 25]

/**
 * The fewest vendor calls a walk of `tickets` at the gateway's `pageSize` can cost: every gateway page takes calls
 * of its own, and a call answers at most the vendor's page (at 1000, two Autotask calls a page).
 */
export function minimumCalls(tickets: number, pageSize: number, vendorPageMax: number): number {
  return Math.max(1, Math.ceil(tickets / Math.min(pageSize, vendorPageMax)))
}

/** A gateway in front of one vendor's emulator holding the tickets to walk. */
interface SyncTarget {
  gateway: Gateway
  /** The tickets' list on the gateway. */
  path: string
  emulator: { stats: EmulatorStats; resetStats(): void }
  tickets(): number
}

/** Copies of the seeded tickets until there are `total`. */
function grow<T extends { id: number }>(
  rows: Iterable<T>,
  size: () => number,
  total: number,
  insert: (fields: Omit<T, 'id'>, copy: number) => void,
) {
  const models = [...rows]
  for (let i = 0; size() < total; i++) {
    const { id: _id, ...fields } = models[i % models.length]!
    insert(fields, i)
  }
}

async function connectWise(total: number): Promise<SyncTarget> {
  const gateway = await startConnectWiseGateway({ config: { logLevel: 'warn' } })
  const { db } = gateway.emulator
  grow(
    db.tickets.values(),
    () => db.tickets.size,
    total,
    (fields, i) => db.insertTicket({ ...fields, summary: `${fields.summary} (${i})` }),
  )
  return {
    gateway,
    path: '/v1/connections/connectwise-test/tickets',
    emulator: gateway.emulator,
    tickets: () => db.tickets.size,
  }
}

async function autotask(total: number): Promise<SyncTarget> {
  const gateway = await startAutotaskGateway({ config: { logLevel: 'warn' } })
  const { db } = gateway.emulator
  grow(
    db.tickets.values(),
    () => db.tickets.size,
    total,
    (fields, i) => db.insert('tickets', { ...fields, title: `${fields.title} (${i})` }),
  )
  return {
    gateway,
    path: '/v1/connections/autotask-test/tickets',
    emulator: gateway.emulator,
    tickets: () => db.tickets.size,
  }
}

/** Every ticket, page after page at `pageSize`: how many were seen, and the vendor calls it cost. */
async function walk(target: SyncTarget, pageSize: number) {
  target.emulator.resetStats()
  const started = performance.now()
  let cursor: string | null = null
  let seen = 0
  do {
    const query = new URLSearchParams({ pageSize: String(pageSize), ...(cursor ? { cursor } : {}) })
    const page = JSON.parse((await target.gateway.app.inject(`${target.path}?${query}`)).body) as {
      data: unknown[]
      nextCursor: string | null
    }
    seen += page.data.length
    cursor = page.nextCursor
  } while (cursor)
  return { seen, seconds: (performance.now() - started) / 1000, calls: target.emulator.stats.requests }
}

/**
 * Every ticket of a ConnectWise connection, then of an Autotask one, each holding `total` tickets, walked at the
 * gateway's largest page (1000) and at 25: time, vendor calls, and their ratio to the fewest the vendor allows.
 */
export async function fullSync(total: number): Promise<FullSyncResult[]> {
  const results: FullSyncResult[] = []
  for (const [vendor, start] of [
    ['connectwise', connectWise],
    ['autotask', autotask],
  ] as const) {
    const target = await start(total)
    try {
      // Reference data (and Autotask's zone) looked up first: only the walk is counted.
      await target.gateway.app.inject(`${target.path}?pageSize=1`)
      for (const pageSize of PAGE_SIZES) {
        const { seen, seconds, calls } = await walk(target, pageSize)
        const minimum = minimumCalls(target.tickets(), pageSize, VENDOR_PAGE_MAX[vendor])
        results.push({
          vendor,
          tickets: seen,
          pageSize,
          seconds: Number(seconds.toFixed(2)),
          vendorCalls: calls,
          minimumCalls: minimum,
          callRatio: Number((calls / minimum).toFixed(2)),
        })
      }
    } finally {
      await target.gateway.close()
    }
  }
  return results
}
