import { startRedis } from '../../test/helpers/redis.js'
import { latency, load, type LatencyResult, type LoadResult } from '../measure.js'
import {
  startEmulatorProcess,
  startGatewayProcess,
  UNREACHABLE_LIMIT,
  type GatewayProcess,
} from '../processes/index.js'

export interface Measured {
  /** autocannon, 10 connections. */
  throughput: LoadResult
  /** Node's clock, one request at a time. */
  latency: LatencyResult
}

export interface OverheadResult {
  path: string
  /** What the gateway keeps its shared state in: one process (memory) or replicas (Redis). */
  store: 'memory' | 'redis'
  direct: Measured
  gateway: Measured
  throughputRatio: number
  addedP50Ms: number
  addedP99Ms: number
}

const CONCURRENCY = 10

/**
 * The same GET straight to the Syncro emulator and through the gateway, each in a process of its own (the
 * gateway as production runs it: `dist/app/server.js`, log level info): what the gateway adds. One ticket by id
 * and a list page of 25 (Syncro's own page size); the gateway alone (memory) and as a replica (Redis).
 * Throughput at 10 connections; latency one request at a time, so that queueing does not hide the cost.
 */
export async function overhead(seconds: number): Promise<OverheadResult[]> {
  const emulator = await startEmulatorProcess({ rateLimit: UNREACHABLE_LIMIT })
  const redis = await startRedis()
  const gateways: Record<OverheadResult['store'], GatewayProcess | undefined> = {
    memory: undefined,
    redis: undefined,
  }
  try {
    gateways.memory = await startGatewayProcess(emulator)
    gateways.redis = await startGatewayProcess(emulator, { env: { REDIS_URL: redis.url } })
    const key = `api_key=${emulator.apiKey}`
    const firstPage = (await (await fetch(`${emulator.baseUrl}/tickets?${key}`)).json()) as {
      tickets: { id: number }[]
    }
    const id = firstPage.tickets[0]!.id
    const cases = [
      { path: `tickets/${id}`, direct: `/tickets/${id}?${key}`, through: `/tickets/${id}` },
      { path: 'tickets?pageSize=25', direct: `/tickets?${key}`, through: '/tickets?pageSize=25' },
    ]
    const measure = async (url: string): Promise<Measured> => {
      await load(url, 1, CONCURRENCY) // warm-up: pools, JIT
      return {
        throughput: await load(url, seconds, CONCURRENCY),
        latency: await latency(url, seconds / 2),
      }
    }
    const results: OverheadResult[] = []
    for (const test of cases) {
      const direct = await measure(`${emulator.baseUrl}${test.direct}`)
      for (const store of ['memory', 'redis'] as const) {
        const through = await measure(`${gateways[store]!.connectionUrl}${test.through}`)
        results.push({
          path: test.path,
          store,
          direct,
          gateway: through,
          throughputRatio: Number(
            (through.throughput.requestsPerSecond / direct.throughput.requestsPerSecond).toFixed(2),
          ),
          addedP50Ms: Number((through.latency.p50Ms - direct.latency.p50Ms).toFixed(3)),
          addedP99Ms: Number((through.latency.p99Ms - direct.latency.p99Ms).toFixed(3)),
        })
      }
    }
    return results
  } finally {
    await Promise.all(Object.values(gateways).map((gateway) => gateway?.stop()))
    await redis.stop()
    await emulator.stop()
  }
}
