import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { SyncroEmulatorOptions } from '../../sandbox/syncro/index.js'
import { residentBytes, startServerProcess } from '../../test/helpers/server-process.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** `waiting`, unless `child` exits first: a child that fails never leaves the benchmark waiting for it. */
export async function untilExit<T>(child: ChildProcess, waiting: Promise<T>): Promise<T> {
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`${child.spawnargs.slice(1).join(' ')} exited (${String(code)}) before answering`)
  })
  return Promise.race([waiting, exited])
}

/** The next IPC message from `child`, unless it exits first. */
export async function nextMessage<T>(child: ChildProcess): Promise<T> {
  const [message] = await untilExit(child, once(child, 'message'))
  return message as T
}

/** Far above any load the benchmark offers: for runs that measure the gateway, not the limit. */
export const UNREACHABLE_LIMIT = { limit: 100_000_000, windowMs: 60_000 }

export interface EmulatorProcess {
  baseUrl: string
  apiKey: string
  /** Requests the emulator answered so far, how many of them were its 429, and the requests per route. */
  stats(): Promise<{ requests: number; rateLimited: number; byRoute: Record<string, number> }>
  stop(): Promise<void>
}

/** A Syncro emulator in its own process (`syncro-emulator.ts`). */
export async function startEmulatorProcess(options: SyncroEmulatorOptions = {}): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/processes/syncro-emulator.ts'], {
    cwd: ROOT,
    env: { ...process.env, BENCH_EMULATOR_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const line = await untilExit(child, once(createInterface({ input: child.stdout! }), 'line'))
  const { baseUrl, apiKey } = JSON.parse(String(line[0])) as { baseUrl: string; apiKey: string }
  return {
    baseUrl,
    apiKey,
    stats: async () => {
      const answer = nextMessage<{ requests: number; rateLimited: number; byRoute: Record<string, number> }>(
        child,
      )
      child.send('stats')
      return answer
    },
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}

export interface GatewayProcessOptions {
  /** Configured connections, all to this emulator: `syncro-0`, `syncro-1`, ... (default 1). */
  connections?: number
  /** The connections' limit (default far above any load). */
  rateLimit?: { limit: number; windowMs: number }
  /** Further environment: REDIS_URL, LOG_LEVEL... */
  env?: Record<string, string>
  /** Gateway API keys (the config file's `apiKeys`); none by default. */
  apiKeys?: Array<{ name: string; key: string; vendorShare?: number }>
  nodeArgs?: string[]
}

export interface GatewayProcess {
  url: string
  /** The URL of `/v1/connections/syncro-0`. */
  connectionUrl: string
  stop(): Promise<void>
}

/**
 * The gateway as production runs it (`dist/app/server.js`, log level info unless told), in front of
 * `emulator`. Run `buildGateway()` first.
 */
export async function startGatewayProcess(
  emulator: EmulatorProcess,
  options: GatewayProcessOptions = {},
): Promise<GatewayProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'psagw-bench-'))
  const configPath = join(dir, 'gateway.json')
  const connections = Array.from({ length: options.connections ?? 1 }, (_, index) => ({
    id: `syncro-${index}`,
    vendor: 'syncro',
    apiKey: emulator.apiKey,
    baseUrl: emulator.baseUrl,
    rateLimit: { ...(options.rateLimit ?? UNREACHABLE_LIMIT), scope: 'connection' },
  }))
  await writeFile(configPath, JSON.stringify({ connections, apiKeys: options.apiKeys }))
  try {
    const server = await startServerProcess(
      { GATEWAY_CONFIG: configPath, ...options.env },
      { nodeArgs: options.nodeArgs, keepOutput: false, built: true },
    )
    return {
      url: server.url,
      connectionUrl: `${server.url}/v1/connections/syncro-0`,
      stop: async () => {
        await server.stop()
        await rm(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

/** `npm run build`: what the gateway processes run, compiled from the sources as they are now. */
export function buildGateway(): void {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
}

/** Resident memory of a gateway process, from its own /metrics (MB). */
export const residentMb = async (gateway: GatewayProcess) =>
  Math.round((await residentBytes(gateway.url)) / 1_048_576)
