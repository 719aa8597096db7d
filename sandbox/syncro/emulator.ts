import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApiKeyCheck } from './auth.js'
import { SyncroDatabase } from './database.js'
import { FaultInjector, type SyncroFaultControls } from './faults.js'
import { resolveSyncroOptions, type SyncroEmulatorOptions } from './options.js'
import { RollingWindowLimiter } from './rate-limit.js'
import { SYNCRO_ROUTES } from './routes/index.js'
import { seedSyncroData } from './seed/index.js'
import { createRequestListener } from './server.js'
import { createStats, resetStats, type SyncroStats } from './stats.js'

/** API keys belong to the account owner, the first seeded user. */
const API_USER_ID = 1

export interface SyncroEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  /** `origin + '/api/v1'` */
  readonly baseUrl: string
  readonly apiKeys: readonly string[]
  /** Live records, for tests to read (and arrange) directly. */
  readonly db: SyncroDatabase
  readonly stats: SyncroStats
  resetStats(): void
  readonly faults: SyncroFaultControls
  close(): Promise<void>
}

export async function startSyncroEmulator(options?: SyncroEmulatorOptions): Promise<SyncroEmulator> {
  const settings = resolveSyncroOptions(options)
  const db = new SyncroDatabase(seedSyncroData(settings.seed))
  const stats = createStats()
  const faults = new FaultInjector()
  const sleeper = createSleeper()

  const server = createServer(
    createRequestListener({
      routes: SYNCRO_ROUTES,
      context: { db, pageSizes: settings.pageSizes, now: () => new Date(), apiUserId: API_USER_ID },
      limiter: new RollingWindowLimiter(settings.rateLimit.limit, settings.rateLimit.windowMs),
      faults,
      stats,
      isAcceptedKey: createApiKeyCheck(settings.apiKeys),
      retryAfterSeconds: settings.rateLimit.retryAfterSeconds,
      sleep: sleeper.sleep,
    }),
  )
  await listen(server, settings.host, settings.port)
  const { port } = server.address() as AddressInfo
  const origin = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`

  return {
    origin,
    baseUrl: `${origin}/api/v1`,
    apiKeys: Object.freeze([...settings.apiKeys]),
    db,
    stats,
    resetStats: () => resetStats(stats),
    faults,
    close: async () => {
      sleeper.wakeAll()
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
    },
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** Delays from fault injection, all woken at close so no timer keeps the process alive. */
function createSleeper() {
  const pending = new Map<NodeJS.Timeout, () => void>()
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(timer)
          resolve()
        }, ms)
        pending.set(timer, resolve)
      }),
    wakeAll: () => {
      for (const [timer, resolve] of pending) {
        clearTimeout(timer)
        resolve()
      }
      pending.clear()
    },
  }
}
