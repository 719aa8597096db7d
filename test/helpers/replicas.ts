import { monitorEventLoopDelay } from 'node:perf_hooks'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { startServerProcess, type ServerProcess } from './server-process.js'

export interface Replicas {
  processes: ServerProcess[]
  urls: string[]
  stop(): Promise<void>
}

/** N gateway processes (the built `dist/app/server.js`, as in production) sharing one config file and one Redis. */
export async function startReplicas(
  count: number,
  options: { redisUrl: string; config: object; env?: Record<string, string> },
): Promise<Replicas> {
  const dir = await mkdtemp(join(tmpdir(), 'psagw-replicas-'))
  const configPath = join(dir, 'gateway.json')
  await writeFile(configPath, JSON.stringify(options.config))
  const env = {
    REDIS_URL: options.redisUrl,
    GATEWAY_CONFIG: configPath,
    GATEWAY_REPLICAS: String(count),
    LOG_LEVEL: 'info',
    ...options.env,
  }
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startServerProcess(env, { built: true })),
  )
  const processes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  const stop = async () => {
    await Promise.all(processes.map((process) => process.stop()))
    await rm(dir, { recursive: true, force: true })
  }
  const failed = started.find((result) => result.status === 'rejected')
  if (failed) {
    await stop()
    throw (failed as PromiseRejectedResult).reason
  }
  return { processes, urls: processes.map((process) => process.url), stop }
}

export interface Answer {
  status: number
  body: Record<string, unknown>
  headers: Record<string, string | string[] | undefined>
}

export async function call(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await request(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.body.text()
  return {
    status: response.statusCode,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  }
}

/** The longest a gateway's event loop was held up since the previous reading (each reading resets it), ms. */
async function worstLoopDelayMs(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text()
  const line = metrics.split('\n').find((l) => l.startsWith('psagw_nodejs_eventloop_lag_max_seconds '))
  return Number(line?.split(' ')[1] ?? 0) * 1000
}

/**
 * Watches how late the machine runs this process (an emulator in it) and the gateways at `urls`, from now: `worstMs`
 * is the longest any of their event loops was held up meanwhile. A vendor held up that long counts the calls that
 * waited as if sent together; a gateway, sends that long late. The bench judges vendor 429s the same way
 * (docs/performance.md, section 3).
 */
export async function watchStalls(urls: string[]): Promise<{ worstMs(): Promise<number> }> {
  const here = monitorEventLoopDelay({ resolution: 10 })
  await Promise.all(urls.map(worstLoopDelayMs))
  here.enable()
  return {
    async worstMs() {
      here.disable()
      const gateways = await Promise.all(urls.map(worstLoopDelayMs))
      return Math.max(here.max / 1e6, ...gateways)
    },
  }
}
