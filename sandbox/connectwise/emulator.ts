import { createServer } from 'node:http'
import type { EmulatorActivity } from '../shared/activity.js'
import type { FaultControls } from '../shared/faults.js'
import { createEmulatorRuntime, listen } from '../shared/lifecycle.js'
import { createRandom } from '../shared/random.js'
import type { EmulatorStats } from '../shared/stats.js'
import { createConnectWiseActivity } from './activity.js'
import { createAuthenticator } from './auth.js'
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
  /** Changes records on its own, as the site's members would; running when the options asked for it. */
  readonly activity: EmulatorActivity
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
      sleep,
    }),
  )
  origin = await listen(server, settings.host, settings.port)
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
    activity,
    close: async () => {
      activity.stop()
      await close()
    },
  }
}
