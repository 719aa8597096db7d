import { createServer } from 'node:http'
import { CallbackSender, type CallbackAttempt } from '../shared/callback-sender.js'
import type { EmulatorActivity } from '../shared/activity.js'
import type { FaultControls } from '../shared/faults.js'
import { createEmulatorRuntime, listen } from '../shared/lifecycle.js'
import { createRandom } from '../shared/random.js'
import { RollingWindowLimiter } from '../shared/rate-limit.js'
import type { EmulatorStats } from '../shared/stats.js'
import { createHaloActivity } from './activity.js'
import { createClientCheck } from './auth/credentials.js'
import { TokenStore } from './auth/token-store.js'
import { HaloDatabase } from './database.js'
import { resolveHaloOptions, type HaloEmulatorOptions } from './options.js'
import { HALO_ROUTES } from './routes/index.js'
import { seedHaloData } from './seed/index.js'
import { createRequestListener } from './server.js'
import { startHaloWebhooks } from './webhooks/sender.js'

/** The API application logs in as the first seeded agent. */
const API_AGENT_ID = 1

export interface HaloEmulator {
  /** `http://127.0.0.1:PORT`, the host: the auth server is at `/auth`, the resource server at `/api`. */
  readonly origin: string
  /** `origin + '/auth'` */
  readonly authUrl: string
  /** `origin + '/api'` */
  readonly apiUrl: string
  readonly tenant: string
  readonly clients: ReadonlyArray<{ clientId: string; clientSecret: string }>
  /** Live records (Maps by id), for tests to read and arrange directly. */
  readonly db: HaloDatabase
  /** Accepted requests and fault paths are full paths (`/api/Tickets`, `/auth/token`): Halo has two servers. */
  readonly stats: EmulatorStats
  /** Also resets `tokens.issued`. */
  resetStats(): void
  readonly faults: FaultControls
  readonly tokens: {
    /** How many tokens were issued (successful POST /auth/token) since start or resetStats. */
    readonly issued: number
    /** When each of those was issued, on the emulator's clock. */
    readonly issuedAt: readonly number[]
    /** Changes the lifetime of tokens issued from now on (the switch that makes expiry testable in seconds). */
    setLifetimeSeconds(seconds: number): void
    /** Revokes every token issued so far: the API answers 401 to them. */
    revokeAll(): void
  }
  /** The webhook POSTs made, latest last, and how many failed. */
  readonly webhooks: {
    readonly sent: readonly CallbackAttempt[]
    readonly failed: number
    /** Resolves once every webhook of the changes so far has been sent or has failed. */
    settled(): Promise<void>
  }
  /** Changes records on its own, as the tenant's agents would; running when the options asked for it. */
  readonly activity: EmulatorActivity
  /** Stops the webhooks (cancelling those in flight), then stops the server. */
  close(): Promise<void>
}

export async function startHaloEmulator(options?: HaloEmulatorOptions): Promise<HaloEmulator> {
  const settings = resolveHaloOptions(options)
  const clock = settings.clock ?? (() => Date.now())
  const db = new HaloDatabase(seedHaloData(settings.seed))
  const tokens = new TokenStore(settings.tokenLifetimeSeconds, clock)
  const server = createServer()
  const { stats, faults, sleep, resetStats, close } = createEmulatorRuntime(server)
  const origin = await listen(server, settings.host, settings.port)
  const sender = new CallbackSender({ timeoutMs: settings.webhookTimeoutMs, stats })
  const stopWebhooks = startHaloWebhooks(db, sender, clock)
  const authUrl = `${origin}/auth`
  const context = {
    db,
    now: clock,
    apiAgentId: API_AGENT_ID,
    authUrl,
    tenant: settings.hosted ? settings.tenant : undefined,
  }

  server.on(
    'request',
    createRequestListener({
      routes: HALO_ROUTES,
      context,
      tokenEndpoint: {
        hosted: settings.hosted,
        tenant: settings.tenant,
        findClient: createClientCheck(settings.clients),
        tokens,
      },
      limiter: new RollingWindowLimiter(
        settings.rateLimit.limit,
        settings.rateLimit.windowMs,
        settings.clock,
      ),
      tenant: settings.tenant,
      faults,
      stats,
      sleep,
    }),
  )

  const activity = createHaloActivity(context, createRandom(settings.seed))
  if (settings.activity) activity.start(settings.activity.everyMs)

  return {
    origin,
    authUrl,
    apiUrl: `${origin}/api`,
    tenant: settings.tenant,
    clients: Object.freeze(
      settings.clients.map(({ clientId, clientSecret }) => Object.freeze({ clientId, clientSecret })),
    ),
    db,
    stats,
    resetStats: () => {
      resetStats()
      tokens.resetCount()
    },
    faults,
    tokens: {
      get issued() {
        return tokens.issued
      },
      get issuedAt() {
        return tokens.issuedAt
      },
      setLifetimeSeconds: (seconds) => tokens.setLifetimeSeconds(seconds),
      revokeAll: () => tokens.revokeAll(),
    },
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
