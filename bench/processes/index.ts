import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { SyncroEmulatorOptions } from '../../sandbox/syncro/index.js'
import type { ChildStats } from './child.js'
import type { ProxyOptions } from './proxy.js'
import type { ReplayOptions } from './vendor-replay.js'
import { residentBytes, startServerProcess } from '../../test/helpers/server-process.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** `waiting`, unless `child` exits first: a child that fails never leaves the benchmark waiting for it. */
export async function untilExit<T>(child: ChildProcess, waiting: Promise<T>): Promise<T> {
  const done = new AbortController()
  const exited = once(child, 'exit', { signal: done.signal }).then(([code]) => {
    throw new Error(`${child.spawnargs.slice(1).join(' ')} exited (${String(code)}) before answering`)
  })
  exited.catch(() => undefined) // once `waiting` wins, the listener is removed and this settles unheard
  try {
    return await Promise.race([waiting, exited])
  } finally {
    done.abort()
  }
}

/** The next IPC message from `child`, unless it exits first. */
export async function nextMessage<T>(child: ChildProcess): Promise<T> {
  const [message] = await untilExit(child, once(child, 'message'))
  return message as T
}

/** Far above any load the benchmark offers: for runs that measure the gateway, not the limit. */
export const UNREACHABLE_LIMIT = { limit: 100_000_000, windowMs: 60_000 }

/** A benchmark child process (`child.ts`): what it printed once ready, its stats on demand, and a stop. */
export interface BenchChild<Ready, Stats> {
  ready: Ready
  pid: number
  stats(): Promise<Stats & ChildStats>
  stop(): Promise<void>
}

/** Runs `bench/processes/<script>` with `env`, once it says it is ready. */
async function startBenchChild<Ready, Stats>(
  script: string,
  env: Record<string, string>,
): Promise<BenchChild<Ready, Stats>> {
  const child = spawn(process.execPath, ['--import', 'tsx', `bench/processes/${script}`], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  const line = await untilExit(child, once(createInterface({ input: child.stdout! }), 'line'))
  return {
    ready: JSON.parse(String(line[0])) as Ready,
    pid: child.pid!,
    stats: async () => {
      const answer = nextMessage<Stats & ChildStats>(child)
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

export interface EmulatorStats {
  /** Requests the emulator answered so far, how many of them were its 429, and the requests per route. */
  requests: number
  rateLimited: number
  byRoute: Record<string, number>
}

export interface EmulatorProcess {
  baseUrl: string
  apiKey: string
  /** Its counters, and the longest its event loop was held up since the previous call (`worstLoopDelayMs`). */
  stats(): Promise<EmulatorStats & ChildStats>
  stop(): Promise<void>
}

/** A Syncro emulator in its own process (`syncro-emulator.ts`). */
export async function startEmulatorProcess(options: SyncroEmulatorOptions = {}): Promise<EmulatorProcess> {
  const child = await startBenchChild<{ baseUrl: string; apiKey: string }, EmulatorStats>(
    'syncro-emulator.ts',
    {
      BENCH_EMULATOR_OPTIONS: JSON.stringify(options),
    },
  )
  return { ...child.ready, stats: child.stats, stop: child.stop }
}

/** Syncro's answers replayed from memory (`vendor-replay.ts`): `${url}/pages-<n>` is a Syncro base URL. */
export const startReplayVendor = (options: ReplayOptions) =>
  startBenchChild<{ url: string }, { recorded: number }>('vendor-replay.ts', {
    BENCH_REPLAY: JSON.stringify(options),
  })

/** A bare or a parse-and-re-serialise proxy to `upstream` (`proxy.ts`). */
export const startProxy = (options: ProxyOptions) =>
  startBenchChild<{ url: string }, { requests: number }>('proxy.ts', { BENCH_PROXY: JSON.stringify(options) })

export interface GatewayProcessOptions {
  /** Configured connections, all to this emulator: `syncro-0`, `syncro-1`, ... (default 1). */
  connections?: number
  /** Instead of `connections`: connection id -> a path under the vendor's base URL (the replay's page sizes). */
  vendorPaths?: Record<string, string>
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
  /** The URL of `/v1/connections/<the first connection>`. */
  connectionUrl: string
  /** False once the process has exited. */
  running(): boolean
  stop(): Promise<void>
}

/**
 * The gateway as production runs it (`dist/app/server.js`, log level info unless told), in front of
 * `emulator`. Run `buildGateway()` first.
 */
export async function startGatewayProcess(
  vendor: Pick<EmulatorProcess, 'baseUrl' | 'apiKey'>,
  options: GatewayProcessOptions = {},
): Promise<GatewayProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'psagw-bench-'))
  const configPath = join(dir, 'gateway.json')
  const paths =
    options.vendorPaths ??
    Object.fromEntries(
      Array.from({ length: options.connections ?? 1 }, (_, index) => [`syncro-${index}`, '']),
    )
  const connections = Object.entries(paths).map(([id, path]) => ({
    id,
    vendor: 'syncro',
    apiKey: vendor.apiKey,
    baseUrl: `${vendor.baseUrl}${path}`,
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
      connectionUrl: `${server.url}/v1/connections/${connections[0]!.id}`,
      running: () => server.child.exitCode === null && server.child.signalCode === null,
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

/** One value of a gateway process's own /metrics. */
async function gatewayMetric(gateway: GatewayProcess, name: string): Promise<number> {
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text()
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `))
  if (!line) throw new Error(`${gateway.url}/metrics has no ${name}`)
  return Number(line.split(' ')[1])
}

/** CPU time of a gateway process so far (µs): prom-client's reading of its `process.cpuUsage()`. */
export const gatewayCpuMicros = async (gateway: GatewayProcess) =>
  (await gatewayMetric(gateway, 'psagw_process_cpu_seconds_total')) * 1e6

/** The longest a gateway's event loop was held up since the previous reading (each reading resets it), ms. */
const gatewayWorstLoopDelayMs = async (gateway: GatewayProcess) =>
  (await gatewayMetric(gateway, 'psagw_nodejs_eventloop_lag_max_seconds')) * 1000

export interface WatchedRun<T> {
  result: T
  /** The emulator's counters before and after. */
  before: EmulatorStats
  after: EmulatorStats
  seconds: number
  /**
   * The longest the emulator's or a gateway's event loop was held up meanwhile, ms: how late a busy machine ran
   * them. A vendor stalled that long counts the calls that waited as if sent together.
   */
  worstStallMs: number
}

/**
 * Runs `load` in front of `emulator` through `gateways`, watching the emulator's counts and everyone's lateness
 * from `countFromMs` into it (a lead-in: the bucket's burst spent, or queues filled) to its end.
 */
export async function watchedRun<T>(
  emulator: EmulatorProcess,
  gateways: GatewayProcess[],
  load: () => Promise<T>,
  countFromMs = 0,
): Promise<WatchedRun<T>> {
  // Each reading resets the stall counters: the second one (after a lead-in) starts them afresh.
  const reading = () => Promise.all([emulator.stats(), ...gateways.map(gatewayWorstLoopDelayMs)])
  let [before] = await reading()
  const loading = load()
  if (countFromMs > 0) {
    await sleep(countFromMs)
    ;[before] = await reading()
  }
  const started = performance.now()
  const result = await loading
  const seconds = (performance.now() - started) / 1000
  const [after, ...gatewayStalls] = await Promise.all([
    emulator.stats(),
    ...gateways.map((gateway) => gatewayWorstLoopDelayMs(gateway).catch(() => 0)),
  ])
  const worstStallMs = Math.max(after.worstLoopDelayMs ?? 0, ...(gatewayStalls as number[]))
  return { result, before, after, seconds, worstStallMs: Number(worstStallMs.toFixed(1)) }
}

/** Resident memory of a gateway process, from its own /metrics (MB). */
export const residentMb = async (gateway: GatewayProcess) =>
  Math.round((await residentBytes(gateway.url)) / 1_048_576)
