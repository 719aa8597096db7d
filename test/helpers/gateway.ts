import { Writable } from 'node:stream'
import type { AutotaskConnectionConfig } from '../../adapters/autotask/config.js'
import type { ConnectWiseConnectionConfig } from '../../adapters/connectwise/config.js'
import type { HaloConnectionConfig } from '../../adapters/halopsa/config.js'
import type { ConnectionConfig } from '../../adapters/registry.js'
import type { SyncroConnectionConfig } from '../../adapters/syncro/config.js'
import {
  firstTechnician,
  startAutotaskEmulator,
  type AutotaskEmulator,
  type AutotaskEmulatorOptions,
} from '../../sandbox/autotask/index.js'
import {
  startConnectWiseEmulator,
  type ConnectWiseEmulator,
  type ConnectWiseEmulatorOptions,
} from '../../sandbox/connectwise/index.js'
import {
  startHaloEmulator,
  type HaloEmulator,
  type HaloEmulatorOptions,
} from '../../sandbox/halopsa/index.js'
import {
  startSyncroEmulator,
  type SyncroEmulator,
  type SyncroEmulatorOptions,
} from '../../sandbox/syncro/index.js'
import { buildApp, type App, type BuildAppOptions } from '../../app/build-app.js'
import { loadConfig, type Config } from '../../app/config.js'
import type { Tracing } from '../../app/tracing.js'
import { createLogger } from '../../src/logger.js'
import type { SharedState } from '../../src/state/index.js'

export interface Gateway {
  app: App
  /** Every log line the gateway wrote (debug and up), raw. */
  logs: string[]
  close(): Promise<void>
}

/** Far above what any test sends, unless a test is about the limit. */
export const GENEROUS_LIMIT = { limit: 100_000, windowMs: 60_000 }

/** What a test may give the gateway besides its config: its shared state, its tracing. */
export type GatewayParts = Omit<BuildAppOptions, 'logger'>

/** A gateway (not listening) serving these connections, logging at debug level into `logs`. */
export async function startGateway(
  connections: ConnectionConfig[],
  overrides: Partial<Config> = {},
  parts: GatewayParts = {},
): Promise<Gateway> {
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test' }),
    logLevel: 'debug',
    sandbox: false,
    ...overrides,
    connections,
  }
  const logs: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const app = await buildApp(config, { ...parts, logger: createLogger(config.logLevel, sink) })
  await app.ready()
  return { app, logs, close: () => app.close() }
}

/** A gateway serving `connections` (the first is the one under test) in front of `emulator`; close() stops both. */
async function inFrontOf<E extends { close(): Promise<void> }, C extends ConnectionConfig>(
  emulator: E,
  connections: [C, ...ConnectionConfig[]],
  config: Partial<Config> | undefined,
  parts?: GatewayParts,
): Promise<Gateway & { emulator: E; connection: C }> {
  const gateway = await startGateway(connections, config, parts)
  return {
    ...gateway,
    emulator,
    connection: connections[0],
    close: async () => {
      await gateway.close()
      await emulator.close()
    },
  }
}

export interface SyncroGateway extends Gateway {
  emulator: SyncroEmulator
  connection: SyncroConnectionConfig
}

export interface SyncroGatewayOptions {
  emulator?: SyncroEmulatorOptions
  connection?: Partial<SyncroConnectionConfig>
  config?: Partial<Config>
  /** Further connections (say, one with a wrong key) beside `syncro-test`. */
  moreConnections?: (emulator: SyncroEmulator) => SyncroConnectionConfig[]
  /** Shared state to use (a store on a fake clock, say) instead of a new in-memory one. */
  state?: SharedState
  tracing?: Tracing
}

/** A Syncro emulator on a free port and a gateway (not listening) in front of it; close() stops both. */
export async function startSyncroGateway(options: SyncroGatewayOptions = {}): Promise<SyncroGateway> {
  const emulator = await startSyncroEmulator({ rateLimit: GENEROUS_LIMIT, ...options.emulator })
  const connection: SyncroConnectionConfig = {
    id: 'syncro-test',
    vendor: 'syncro',
    apiKey: emulator.apiKeys[0]!,
    baseUrl: emulator.baseUrl,
    rateLimit: { ...GENEROUS_LIMIT, ...options.emulator?.rateLimit, scope: 'connection' },
    ...options.connection,
  }
  return inFrontOf(emulator, [connection, ...(options.moreConnections?.(emulator) ?? [])], options.config, {
    state: options.state,
    tracing: options.tracing,
  })
}

export interface AutotaskGateway extends Gateway {
  emulator: AutotaskEmulator
  connection: AutotaskConnectionConfig
}

export interface AutotaskGatewayOptions {
  emulator?: AutotaskEmulatorOptions
  connection?: Partial<AutotaskConnectionConfig>
  config?: Partial<Config>
  tracing?: Tracing
}

/**
 * An Autotask emulator on a free port and a gateway (not listening) in front of it; close() stops both. The
 * connection finds its zone as a real one does (the emulator's zoneInformation), and the emulator adds none of the
 * latency Autotask adds near its limit unless a test asks.
 */
export async function startAutotaskGateway(options: AutotaskGatewayOptions = {}): Promise<AutotaskGateway> {
  const emulator = await startAutotaskEmulator({
    rateLimit: GENEROUS_LIMIT,
    thresholdLatencyMs: { half: 0, threeQuarters: 0 },
    ...options.emulator,
  })
  const user = emulator.apiUsers[0]!
  const connection: AutotaskConnectionConfig = {
    id: 'autotask-test',
    vendor: 'autotask',
    userName: user.userName,
    integrationCode: user.integrationCode,
    secret: user.secret,
    zoneInformationUrl: emulator.zoneInformationUrl,
    defaultResourceId: String(firstTechnician(emulator.db.resources.values()).id),
    rateLimit: { ...GENEROUS_LIMIT, ...options.emulator?.rateLimit, scope: 'connection' },
    ...options.connection,
  }
  return inFrontOf(emulator, [connection], options.config, { tracing: options.tracing })
}

export interface ConnectWiseGateway extends Gateway {
  emulator: ConnectWiseEmulator
  connection: ConnectWiseConnectionConfig
}

export interface ConnectWiseGatewayOptions {
  emulator?: ConnectWiseEmulatorOptions
  connection?: Partial<ConnectWiseConnectionConfig>
  config?: Partial<Config>
  tracing?: Tracing
}

/** The lowest-id active board: the emulator's own default, and the test connection's defaultBoardId. */
export const defaultBoardOf = (emulator: ConnectWiseEmulator) =>
  [...emulator.db.boards.values()].filter((board) => !board.inactiveFlag).sort((a, b) => a.id - b.id)[0]!

/** A ConnectWise emulator on a free port and a gateway (not listening) in front of it; close() stops both. */
export async function startConnectWiseGateway(
  options: ConnectWiseGatewayOptions = {},
): Promise<ConnectWiseGateway> {
  const emulator = await startConnectWiseEmulator({ rateLimit: GENEROUS_LIMIT, ...options.emulator })
  const member = emulator.members[0]!
  const connection: ConnectWiseConnectionConfig = {
    id: 'connectwise-test',
    vendor: 'connectwise',
    baseUrl: emulator.baseUrl,
    companyId: emulator.companyId,
    publicKey: member.publicKey,
    privateKey: member.privateKey,
    clientId: emulator.clientIds[0]!,
    defaultBoardId: String(defaultBoardOf(emulator).id),
    rateLimit: { ...GENEROUS_LIMIT, ...options.emulator?.rateLimit, scope: 'connection' },
    ...options.connection,
  }
  return inFrontOf(emulator, [connection], options.config, { tracing: options.tracing })
}

export interface HaloGateway extends Gateway {
  emulator: HaloEmulator
  connection: HaloConnectionConfig
}

export interface HaloGatewayOptions {
  emulator?: HaloEmulatorOptions
  connection?: Partial<HaloConnectionConfig>
  config?: Partial<Config>
  tracing?: Tracing
}

/** A HaloPSA emulator on a free port and a gateway (not listening) in front of it; close() stops both. */
export async function startHaloGateway(options: HaloGatewayOptions = {}): Promise<HaloGateway> {
  const emulator = await startHaloEmulator({ rateLimit: GENEROUS_LIMIT, ...options.emulator })
  const credentials = emulator.clients[0]!
  const connection: HaloConnectionConfig = {
    id: 'halopsa-test',
    vendor: 'halopsa',
    baseUrl: emulator.origin,
    tenant: emulator.tenant,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    rateLimit: { ...GENEROUS_LIMIT, ...options.emulator?.rateLimit, scope: 'connection' },
    ...options.connection,
  }
  return inFrontOf(emulator, [connection], options.config, { tracing: options.tracing })
}

/** Parses a JSON answer of app.inject. */
export const json = <T = Record<string, unknown>>(response: { body: string }): T =>
  JSON.parse(response.body) as T
