import { createServer } from 'node:http'
import { CallbackSender, type CallbackAttempt } from '../shared/callback-sender.js'
import type { EmulatorActivity } from '../shared/activity.js'
import type { FaultControls } from '../shared/faults.js'
import { createEmulatorRuntime, listen } from '../shared/lifecycle.js'
import { createRandom } from '../shared/random.js'
import type { EmulatorStats } from '../shared/stats.js'
import { createConnectWiseActivity } from './activity.js'
import { createAuthenticator } from './auth.js'
import { startConnectWiseCallbacks } from './callbacks/sender.js'
import { keyPath, newSigningKey } from './callbacks/signing.js'
import { ConnectWiseDatabase } from './database.js'
import { resolveConnectWiseOptions, type ConnectWiseEmulatorOptions } from './options.js'
import { CONNECTWISE_ROUTES } from './routes/index.js'
import { API_MEMBER_ID, seedConnectWiseData } from './seed/index.js'
import { createRequestListener } from './server.js'
import { Throttle } from './throttle.js'

export interface ConnectWiseEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  /** `${origin}/${codebase}/apis/3.0` */
  readonly baseUrl: string
  readonly companyId: string
  readonly members: ReadonlyArray<{ publicKey: string; privateKey: string }>
  readonly clientIds: readonly string[]
  /** Live records, for tests to read (and arrange) directly. */
  readonly db: ConnectWiseDatabase
  readonly stats: EmulatorStats
  resetStats(): void
  readonly faults: FaultControls
  /** The POSTs made to `/system/callbacks` registrations, latest last, and how many failed. */
  readonly callbacks: {
    readonly sent: readonly CallbackAttempt[]
    readonly failed: number
    /** Resolves once every callback of the changes so far has been sent or has failed. */
    settled(): Promise<void>
  }
  /** Changes records on its own, as the site's members would; running when the options asked for it. */
  readonly activity: EmulatorActivity
  /** Stops calling back (cancelling the callbacks in flight), then stops the server. */
  close(): Promise<void>
}

export async function startConnectWiseEmulator(
  options?: ConnectWiseEmulatorOptions,
): Promise<ConnectWiseEmulator> {
  const settings = resolveConnectWiseOptions(options)
  const db = new ConnectWiseDatabase(seedConnectWiseData(settings.seed))
  const server = createServer()
  const { stats, faults, sleep, resetStats, close } = createEmulatorRuntime(server)
  const apiPrefix = `/${settings.codebase}/apis/3.0`
  const callbackKey = newSigningKey()
  const sender = new CallbackSender({ timeoutMs: settings.callbackTimeoutMs, stats })
  let origin = ''
  const context = { db, pageSizes: settings.pageSizes, now: () => new Date(), apiMemberId: API_MEMBER_ID }

  server.on(
    'request',
    createRequestListener({
      apiPrefix,
      routes: CONNECTWISE_ROUTES,
      context,
      authenticate: createAuthenticator(settings.companyId, settings.members, settings.clientIds),
      throttle: new Throttle(settings.rateLimit.limit, settings.rateLimit.windowMs),
      faults,
      stats,
      origin: () => origin,
      site: { companyId: settings.companyId, codebase: settings.codebase },
      callbackKey,
      sleep,
    }),
  )
  origin = await listen(server, settings.host, settings.port)
  const stopCallbacks = startConnectWiseCallbacks(db, sender, {
    fromUrl: new URL(origin).host,
    companyId: settings.companyId,
    keyUrl: `${origin}${keyPath(settings.codebase, settings.companyId, callbackKey)}`,
    signingKey: callbackKey.signingKey,
  })
  const activity = createConnectWiseActivity(context, createRandom(settings.seed))
  if (settings.activity) activity.start(settings.activity.everyMs)

  return {
    origin,
    baseUrl: `${origin}${apiPrefix}`,
    companyId: settings.companyId,
    members: Object.freeze(settings.members.map((member) => Object.freeze({ ...member }))),
    clientIds: Object.freeze([...settings.clientIds]),
    db,
    stats,
    resetStats,
    faults,
    callbacks: sender,
    activity,
    close: async () => {
      activity.stop()
      stopCallbacks()
      await sender.close()
      await close()
    },
  }
}
