import { createServer } from 'node:http'
import { createEmulatorRuntime, listen } from '../shared/lifecycle.js'
import type { FaultControls } from '../shared/faults.js'
import type { EmulatorStats } from '../shared/stats.js'
import { createCredentialCheck, type ApiUser } from './auth.js'
import type { AutotaskDatabase } from './database.js'
import type { EntityDefinition } from './entities/entity.js'
import type { ResolvedAutotaskOptions } from './options.js'
import { autotaskRoutes } from './routes/index.js'
import { createRequestListener, type AutotaskPaths } from './server.js'
import { ThreadLimit } from './thread-limit.js'
import { DatabaseThreshold } from './threshold.js'
import { zoneInformationReply, type ZoneInformation } from './zones.js'

/**
 * The global discovery root (real: `https://webservices.autotask.net/atservicesrest/v1.0`) and the zone's own
 * root: the zone is a path here where it is a host at Autotask (`webservices5.autotask.net`), so the two differ
 * as the real ones do.
 */
const PATHS: AutotaskPaths = { discovery: '/atservicesrest/v1.0', zone: '/zone5/ATServicesRest/V1.0' }
const ZONE_ROOT = '/zone5/ATServicesRest/'

/**
 * The zone as the discovery names it to a caller that reached the emulator at `origin`. Autotask names a zone host
 * every client can reach (`webservices5.autotask.net`); the emulator's listening address may not be one (in docker
 * compose it listens on 0.0.0.0 and the gateways reach it as `sandbox:4040`), so the zone is named on the host the
 * caller reached the discovery on: its Host header, or a proxy's X-Forwarded-Host (unsourced: chosen because the
 * zone and the discovery share one server here, so wherever the discovery was reached, the zone can be too). The
 * paging URLs follow it (server.ts).
 */
const zoneAt = (origin: string): ZoneInformation => ({
  zoneName: 'Sandbox Zone 5',
  url: `${origin}${ZONE_ROOT}`,
  webUrl: `${origin}/zone5/`,
  ci: 1,
})

/** The emulator's HTTP side: what `startAutotaskEmulator` builds on, over any database and entities. */
export interface AutotaskEngine {
  readonly origin: string
  readonly zoneInformationUrl: string
  readonly baseUrl: string
  readonly apiUsers: ReadonlyArray<Readonly<ApiUser>>
  readonly stats: EmulatorStats
  resetStats(): void
  readonly faults: FaultControls
  close(): Promise<void>
}

export async function startAutotaskEngine(
  settings: ResolvedAutotaskOptions,
  db: AutotaskDatabase,
  entities: readonly EntityDefinition[],
): Promise<AutotaskEngine> {
  const server = createServer()
  const { stats, faults, sleep, resetStats, close } = createEmulatorRuntime(server)
  const origin = await listen(server, settings.host, settings.port)
  const baseUrl = `${origin}${PATHS.zone}`
  server.on(
    'request',
    createRequestListener({
      paths: PATHS,
      origin,
      routes: autotaskRoutes(entities),
      context: {
        db,
        entities: new Map(entities.map((entity) => [entity.name, entity])),
        now: () => new Date(),
      },
      zoneInformation: (query, at) => zoneInformationReply(settings.apiUsers, query, zoneAt(at)),
      authenticate: createCredentialCheck(settings.apiUsers),
      threshold: new DatabaseThreshold({ ...settings.rateLimit, latencyMs: settings.thresholdLatencyMs }),
      threads: new ThreadLimit(settings.threadLimit),
      faults,
      stats,
      sleep,
    }),
  )
  return {
    origin,
    zoneInformationUrl: `${origin}${PATHS.discovery}/zoneInformation`,
    baseUrl,
    apiUsers: Object.freeze(settings.apiUsers.map((user) => Object.freeze({ ...user }))),
    stats,
    resetStats,
    faults,
    close,
  }
}
