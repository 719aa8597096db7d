import { CallbackSender, type CallbackAttempt } from '../shared/callback-sender.js'
import type { EmulatorActivity } from '../shared/activity.js'
import type { FaultControls } from '../shared/faults.js'
import { createRandom } from '../shared/random.js'
import type { EmulatorStats } from '../shared/stats.js'
import { createAutotaskActivity } from './activity.js'
import type { ApiUser } from './auth.js'
import { AutotaskDatabase } from './database.js'
import { startAutotaskEngine } from './engine.js'
import { ENTITIES } from './entities/index.js'
import { resolveAutotaskOptions, type AutotaskEmulatorOptions } from './options.js'
import { seedAutotaskData } from './seed/index.js'
import { startAutotaskWebhooks } from './webhooks/deliveries.js'
import { webhookEntities } from './webhooks/entities.js'
import { WEBHOOK_KINDS, WebhookRegistry } from './webhooks/registry.js'

export interface AutotaskEmulator {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string
  /** The global zone discovery, `${origin}/atservicesrest/v1.0/zoneInformation` (real: webservices.autotask.net). */
  readonly zoneInformationUrl: string
  /** The zone's API base the discovery answers for the API users: `${origin}/zone5/ATServicesRest/V1.0`. */
  readonly baseUrl: string
  readonly apiUsers: ReadonlyArray<Readonly<ApiUser>>
  /** Live records, for tests to read (and arrange) directly. */
  readonly db: AutotaskDatabase
  readonly stats: EmulatorStats
  resetStats(): void
  readonly faults: FaultControls
  /** Changes records on its own, as the MSP's people would; running when the options asked for it. */
  readonly activity: EmulatorActivity
  /** The callouts made to the webhooks registered through the API (`TicketWebhooks`…), latest last. */
  readonly webhooks: {
    readonly sent: readonly CallbackAttempt[]
    readonly failed: number
    /** Resolves once every callout of the changes so far has been sent or has failed. */
    settled(): Promise<void>
  }
  /** Stops the activity and the callouts (cancelling those in flight), then the server. */
  close(): Promise<void>
}

export async function startAutotaskEmulator(options?: AutotaskEmulatorOptions): Promise<AutotaskEmulator> {
  const settings = resolveAutotaskOptions(options)
  const db = new AutotaskDatabase(seedAutotaskData(settings.seed))
  // An API user is a resource of its database, of security level "API User (API-only)" (HELP
  // General/Define_API_User.htm, facts §1): the seeded API resource is the first API user.
  const apiResource = db.resources.get(db.apiResourceID)!
  const apiUser = settings.apiUsers[0]!
  db.resources.set(apiResource.id, { ...apiResource, userName: apiUser.userName, email: apiUser.userName })
  const now = () => new Date()
  const registries = WEBHOOK_KINDS.map((kind) => new WebhookRegistry(kind))
  const records = Object.values(ENTITIES)
  const webhooks = registries.flatMap((registry) => {
    const watched = ENTITIES[registry.kind.entity]
    return watched ? webhookEntities(registry, watched) : []
  })
  const engine = await startAutotaskEngine(settings, db, [...records, ...webhooks])
  const sender = new CallbackSender({ timeoutMs: settings.webhookTimeoutMs, stats: engine.stats })
  const entities = new Map(records.map((entity) => [entity.name, entity]))
  const stopWebhooks = startAutotaskWebhooks(db, registries, entities, sender, now)
  const activity = createAutotaskActivity(db, createRandom(settings.seed), now)
  if (settings.activity) activity.start(settings.activity.everyMs)

  return {
    origin: engine.origin,
    zoneInformationUrl: engine.zoneInformationUrl,
    baseUrl: engine.baseUrl,
    apiUsers: engine.apiUsers,
    db,
    stats: engine.stats,
    resetStats: engine.resetStats,
    faults: engine.faults,
    activity,
    webhooks: sender,
    close: async () => {
      activity.stop()
      stopWebhooks()
      await sender.close()
      await engine.close()
    },
  }
}
