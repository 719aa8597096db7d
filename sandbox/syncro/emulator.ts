import { createServer } from 'node:http'
import { CallbackSender, type CallbackAttempt } from '../shared/callback-sender.js'
import type { EmulatorActivity } from '../shared/activity.js'
import type { FaultControls } from '../shared/faults.js'
import { createEmulatorRuntime, listen } from '../shared/lifecycle.js'
import { createRandom } from '../shared/random.js'
import { RollingWindowLimiter } from '../shared/rate-limit.js'
import type { EmulatorStats } from '../shared/stats.js'
import { createSyncroActivity } from './activity.js'
import { createApiKeyCheck } from './auth.js'
import { SyncroDatabase } from './database.js'
import { resolveSyncroOptions, type SyncroEmulatorOptions } from './options.js'
import { SYNCRO_ROUTES } from './routes/index.js'
import { seedSyncroData } from './seed/index.js'
import { createRequestListener } from './server.js'
import { startSyncroWebhooks } from './webhooks/sender.js'

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
  readonly stats: EmulatorStats
  resetStats(): void
  readonly faults: FaultControls
  /** The webhook POSTs made (to the `webhookUrl` option), latest last, and how many failed. */
  readonly webhooks: {
    readonly sent: readonly CallbackAttempt[]
    readonly failed: number
    /** Resolves once every webhook of the changes so far has been sent or has failed. */
    settled(): Promise<void>
  }
  /** Changes records on its own, as the account's technicians would; running when the options asked for it. */
  readonly activity: EmulatorActivity
  /** Stops the webhooks (cancelling those in flight), then stops the server. */
  close(): Promise<void>
}

export async function startSyncroEmulator(options?: SyncroEmulatorOptions): Promise<SyncroEmulator> {
  const settings = resolveSyncroOptions(options)
  const db = new SyncroDatabase(seedSyncroData(settings.seed))
  const server = createServer()
  const { stats, faults, sleep, resetStats, close } = createEmulatorRuntime(server)
  const context = { db, pageSizes: settings.pageSizes, now: () => new Date(), apiUserId: API_USER_ID }

  server.on(
    'request',
    createRequestListener({
      routes: SYNCRO_ROUTES,
      context,
      limiter: new RollingWindowLimiter(settings.rateLimit.limit, settings.rateLimit.windowMs),
      faults,
      stats,
      isAcceptedKey: createApiKeyCheck(settings.apiKeys),
      retryAfterSeconds: settings.rateLimit.retryAfterSeconds,
      sleep,
    }),
  )
  const origin = await listen(server, settings.host, settings.port)
  const sender = new CallbackSender({ timeoutMs: settings.webhookTimeoutMs, stats })
  const stopWebhooks = settings.webhookUrl
    ? startSyncroWebhooks(db, sender, settings.webhookUrl)
    : () => undefined
  const activity = createSyncroActivity(context, createRandom(settings.seed))
  if (settings.activity) activity.start(settings.activity.everyMs)

  return {
    origin,
    baseUrl: `${origin}/api/v1`,
    apiKeys: Object.freeze([...settings.apiKeys]),
    db,
    stats,
    resetStats,
    faults,
    webhooks: sender,
    activity,
    close: async () => {
      activity.stop()
      stopWebhooks()
      await sender.close()
      await close()
    },
  }
}
