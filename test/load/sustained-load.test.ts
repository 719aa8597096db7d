import autocannon from 'autocannon'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../sandbox/index.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'
import { call, startReplicas, type Replicas } from '../helpers/replicas.js'
import { residentBytes } from '../helpers/server-process.js'

/**
 * Sustained load above every vendor's limit, through 2 gateway processes sharing one Redis, on loopback:
 * no vendor answers 429, the gateway answers no 5xx (a caller past the queue gets its own 429), and the
 * processes' memory shows no growth trend. LOAD_TEST_SECONDS sets the length: `npm test` runs 30 s,
 * `npm run test:load` the full 2 minutes.
 */

const SECONDS = Number(process.env.LOAD_TEST_SECONDS ?? 30)
/** Every vendor's limit, shortened so a run sees many windows: 20 requests per 2 s (10 per second). */
const LIMIT = { limit: 20, windowMs: 2_000 }
/** Offered load per process: 40 requests per second, so 80 against 3 vendors at 10 per second each. */
const RATE_PER_PROCESS = 40

let redis: TestRedis
let sandbox: Sandbox
let replicas: Replicas

beforeAll(async () => {
  redis = await startRedis()
  sandbox = await startSandbox({
    connectwise: { rateLimit: LIMIT },
    halopsa: { rateLimit: LIMIT },
    syncro: { rateLimit: { ...LIMIT, retryAfterSeconds: 2 } },
  })
  replicas = await startReplicas(2, {
    redisUrl: redis.url,
    config: {
      connections: sandbox.connections.map((connection) => ({ ...connection, rateLimit: LIMIT })),
      vendorHttp: { rateLimitMaxWaitMs: 2_000 },
    },
  })
}, 60_000)

afterAll(async () => {
  await replicas?.stop()
  await sandbox?.close()
  await redis?.stop()
})

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

it(
  `holds every vendor limit under ${SECONDS} s of load above it, answers no 5xx, keeps memory flat`,
  async () => {
    const ids = {
      connectwise: [...sandbox.connectwise.db.companies.keys()].slice(0, 20),
      halopsa: [...sandbox.halopsa.db.clients.keys()].slice(0, 20),
      syncro: [...sandbox.syncro.db.customers.keys()].slice(0, 20),
    }
    // Interleaved, as each autocannon connection walks the list in order: every vendor gets its share.
    const paths = Array.from({ length: 20 }, (_, i) =>
      Object.entries(ids).map(([vendor, list]) => `/v1/connections/${vendor}-sandbox/customers/${list[i]}`),
    ).flat()
    for (const url of replicas.urls) expect((await call(`${url}${paths[0]}`)).status).toBe(200)

    const memory: number[][] = replicas.urls.map(() => [])
    const sampler = setInterval(() => {
      replicas.urls.forEach((url, index) => {
        residentBytes(url).then(
          (bytes) => memory[index]!.push(bytes),
          () => {},
        )
      })
    }, 2_000)
    const results = await Promise.all(
      replicas.urls.map((url, index) =>
        autocannon({
          url,
          connections: 150,
          overallRate: RATE_PER_PROCESS,
          duration: SECONDS,
          requests: paths.map((_, i) => ({ method: 'GET', path: paths[(i + index * 3) % paths.length]! })),
        }),
      ),
    )
    clearInterval(sampler)

    for (const result of results) {
      expect(result.errors).toBe(0)
      expect(result.timeouts).toBe(0)
      expect(result['5xx']).toBe(0)
    }
    // The load offered was well above what the three vendors allow together (10 per second each).
    const offered = results.reduce((sum, result) => sum + result.requests.total, 0) / SECONDS
    expect(offered).toBeGreaterThan(1.5 * 3 * (LIMIT.limit / (LIMIT.windowMs / 1000)))
    // ...and most of what they allow was used: the shared limiter holds back, it does not starve.
    const served = results.reduce((sum, result) => sum + result['2xx'], 0)
    expect(served).toBeGreaterThan(0.7 * 3 * (LIMIT.limit / (LIMIT.windowMs / 1000)) * SECONDS)
    for (const emulator of [sandbox.connectwise, sandbox.halopsa, sandbox.syncro]) {
      expect(emulator.stats.rateLimited).toBe(0)
      expect(emulator.stats.requests).toBeGreaterThan(0)
    }
    // No growth trend: the last third of the samples sits within 25% of the first third (after warm-up).
    for (const samples of memory) {
      const steady = samples.slice(1)
      const third = Math.max(1, Math.floor(steady.length / 3))
      expect(median(steady.slice(-third))).toBeLessThan(median(steady.slice(0, third)) * 1.25)
    }
  },
  (SECONDS + 60) * 1000,
)
