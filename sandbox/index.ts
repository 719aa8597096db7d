import {
  firstTechnician,
  startAutotaskEmulator,
  type AutotaskEmulator,
  type AutotaskEmulatorOptions,
} from './autotask/index.js'
import {
  startConnectWiseEmulator,
  type ConnectWiseEmulator,
  type ConnectWiseEmulatorOptions,
} from './connectwise/index.js'
import { startHaloEmulator, type HaloEmulator, type HaloEmulatorOptions } from './halopsa/index.js'
import type { SandboxRateLimit } from './rate-limit-env.js'
import type { ActivityOptions } from './shared/activity.js'
import { startSyncroEmulator, type SyncroEmulator, type SyncroEmulatorOptions } from './syncro/index.js'

/**
 * What a gateway needs to reach one emulator (the fields of that vendor's connection configuration), with the
 * emulator's rate limit when it was changed from the vendor's own (so the gateway paces for it).
 */
export type SandboxConnection = (
  | {
      id: 'connectwise-sandbox'
      vendor: 'connectwise'
      baseUrl: string
      companyId: string
      publicKey: string
      privateKey: string
      clientId: string
      /** The board a new ticket lands on when the caller names none. */
      defaultBoardId: string
    }
  | {
      id: 'halopsa-sandbox'
      vendor: 'halopsa'
      baseUrl: string
      tenant: string
      clientId: string
      clientSecret: string
    }
  | { id: 'syncro-sandbox'; vendor: 'syncro'; baseUrl: string; apiKey: string }
  | {
      id: 'autotask-sandbox'
      vendor: 'autotask'
      userName: string
      integrationCode: string
      secret: string
      /** No base URL: the connection finds its zone here, as a real one asks Autotask's. */
      zoneInformationUrl: string
      defaultResourceId: string
    }
) & { rateLimit?: SandboxRateLimit }

export interface SandboxOptions {
  /** Loopback by default. */
  host?: string
  /** Every emulator changes a record on its own this often (a vendor's own `activity` option wins); default never. */
  activity?: ActivityOptions
  connectwise?: Omit<ConnectWiseEmulatorOptions, 'host'>
  halopsa?: Omit<HaloEmulatorOptions, 'host'>
  syncro?: Omit<SyncroEmulatorOptions, 'host'>
  autotask?: Omit<AutotaskEmulatorOptions, 'host'>
}

export interface Sandbox {
  connectwise: ConnectWiseEmulator
  halopsa: HaloEmulator
  syncro: SyncroEmulator
  autotask: AutotaskEmulator
  /** One per running emulator, ready to register as gateway connections. */
  connections: SandboxConnection[]
  close(): Promise<void>
}

const paced = (rateLimit: SandboxRateLimit | undefined) =>
  rateLimit ? { rateLimit: { limit: rateLimit.limit, windowMs: rateLimit.windowMs } } : {}

/** Starts every vendor emulator: ConnectWise, HaloPSA, Syncro and Autotask. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1'
  const [connectwise, halopsa, syncro, autotask] = await Promise.all([
    startConnectWiseEmulator({ activity: options.activity, ...options.connectwise, host }),
    startHaloEmulator({ activity: options.activity, ...options.halopsa, host }),
    startSyncroEmulator({ activity: options.activity, ...options.syncro, host }),
    startAutotaskEmulator({ activity: options.activity, ...options.autotask, host }),
  ])
  const autotaskUser = autotask.apiUsers[0]!
  const haloClient = halopsa.clients[0]!
  const member = connectwise.members[0]!
  const defaultBoard = [...connectwise.db.boards.values()]
    .filter((board) => !board.inactiveFlag)
    .sort((a, b) => a.id - b.id)[0]!
  return {
    connectwise,
    halopsa,
    syncro,
    autotask,
    connections: [
      {
        id: 'connectwise-sandbox',
        vendor: 'connectwise',
        baseUrl: connectwise.baseUrl,
        companyId: connectwise.companyId,
        publicKey: member.publicKey,
        privateKey: member.privateKey,
        clientId: connectwise.clientIds[0]!,
        defaultBoardId: String(defaultBoard.id),
        ...paced(options.connectwise?.rateLimit),
      },
      {
        id: 'halopsa-sandbox',
        vendor: 'halopsa',
        baseUrl: halopsa.origin,
        tenant: halopsa.tenant,
        clientId: haloClient.clientId,
        clientSecret: haloClient.clientSecret,
        ...paced(options.halopsa?.rateLimit),
      },
      {
        id: 'syncro-sandbox',
        vendor: 'syncro',
        baseUrl: syncro.baseUrl,
        apiKey: syncro.apiKeys[0]!,
        ...paced(options.syncro?.rateLimit),
      },
      {
        id: 'autotask-sandbox',
        vendor: 'autotask',
        userName: autotaskUser.userName,
        integrationCode: autotaskUser.integrationCode,
        secret: autotaskUser.secret,
        zoneInformationUrl: autotask.zoneInformationUrl,
        defaultResourceId: String(firstTechnician(autotask.db.resources.values()).id),
        ...paced(options.autotask?.rateLimit),
      },
    ],
    close: async () => {
      await Promise.all([connectwise.close(), halopsa.close(), syncro.close(), autotask.close()])
    },
  }
}

export type { ConnectWiseEmulator, ConnectWiseEmulatorOptions } from './connectwise/index.js'
export type { HaloEmulator, HaloEmulatorOptions } from './halopsa/index.js'
export type { SyncroEmulator, SyncroEmulatorOptions } from './syncro/index.js'
export type { AutotaskEmulator, AutotaskEmulatorOptions } from './autotask/index.js'
export type { ActivityChange, ActivityOptions, EmulatorActivity } from './shared/activity.js'
export { sandboxActivityFromEnv } from './activity-env.js'
export { sandboxRateLimitsFromEnv, type SandboxRateLimit, type SandboxRateLimits } from './rate-limit-env.js'
