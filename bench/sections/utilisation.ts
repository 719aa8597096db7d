import autocannon from 'autocannon'
import { Redis } from 'ioredis'
import { request } from 'undici'
import { startRedis } from '../../test/helpers/redis.js'
import { startEmulatorProcess, startGatewayProcess, type EmulatorProcess } from '../processes/index.js'

/** The vendor's limit in this section: Syncro's rate (180 a minute) sped up to 60 per 3 s, so a run sees windows. */
export const VENDOR_LIMIT = { limit: 60, windowMs: 3_000 }
const ALLOWED_PER_SECOND = VENDOR_LIMIT.limit / (VENDOR_LIMIT.windowMs / 1000)
/** Callers per gateway process, each sending its next request as soon as it has an answer: demand far above the limit. */
const CALLERS_PER_PROCESS = 10

export interface UtilisationResult {
  setup: string
  processes: number
  /** Calls the vendor accepted per second during the run, and that against the rate it allows. */
  vendorCallsPerSecond: number
  fractionOfLimit: number
  /** The vendor's own 429s: each one a wasted call, and a block on the whole account. */
  vendor429s: number
  /** What the gateway's callers got (gateway setups only). */
  callerAnswers?: { ok: number; refused: number }
}

interface Run {
  /** Vendor calls accepted and refused (429) while the load ran, and how long it ran. */
  accepted: number
  vendor429s: number
  seconds: number
  callerAnswers?: UtilisationResult['callerAnswers']
}

/** The emulator's counts across `load`, which returns what the callers got. */
async function counted(
  emulator: EmulatorProcess,
  load: () => Promise<UtilisationResult['callerAnswers']>,
): Promise<Run> {
  const before = await emulator.stats()
  const started = performance.now()
  const callerAnswers = await load()
  const seconds = (performance.now() - started) / 1000
  const after = await emulator.stats()
  const vendor429s = after.rateLimited - before.rateLimited
  return { accepted: after.requests - before.requests - vendor429s, vendor429s, seconds, callerAnswers }
}

/** N gateway processes in front of the emulator, each loaded by CALLERS_PER_PROCESS callers. */
async function throughGateways(
  emulator: EmulatorProcess,
  path: string,
  seconds: number,
  processes: number,
  options: { redisUrl?: string; limitPerProcess: number },
): Promise<Run> {
  const started = await Promise.allSettled(
    Array.from({ length: processes }, () =>
      startGatewayProcess(emulator, {
        rateLimit: { limit: options.limitPerProcess, windowMs: VENDOR_LIMIT.windowMs },
        env: options.redisUrl ? { REDIS_URL: options.redisUrl, GATEWAY_REPLICAS: String(processes) } : {},
      }),
    ),
  )
  const gateways = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  try {
    const failed = started.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    return await counted(emulator, async () => {
      const results = await Promise.all(
        gateways.map((gateway) =>
          autocannon({
            url: `${gateway.connectionUrl}${path}`,
            connections: CALLERS_PER_PROCESS,
            duration: seconds,
          }),
        ),
      )
      return {
        ok: results.reduce((sum, result) => sum + result['2xx'], 0),
        refused: results.reduce((sum, result) => sum + result.non2xx + result.errors + result.timeouts, 0),
      }
    })
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()))
  }
}

/**
 * What the vendors' docs suggest, without a gateway: a client calls the vendor directly, sleeps the fixed
 * interval that spreads the limit evenly (window / limit) between calls, and waits out a 429's Retry-After.
 * `clients` such programs run side by side, each following the advice on its own.
 */
async function naiveClients(emulator: EmulatorProcess, path: string, seconds: number, clients: number) {
  const interval = VENDOR_LIMIT.windowMs / VENDOR_LIMIT.limit
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  return counted(emulator, async () => {
    const until = performance.now() + seconds * 1000
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < until) {
          const answer = await request(`${emulator.baseUrl}${path}?api_key=${emulator.apiKey}`)
          await answer.body.dump()
          const retryAfter = Number(answer.headers['retry-after'])
          await sleep(answer.statusCode === 429 && retryAfter > 0 ? retryAfter * 1000 : interval)
        }
      }),
    )
    return undefined
  })
}

interface Setup {
  name: string
  processes: number
  run(emulator: EmulatorProcess, path: string, seconds: number, redisUrl: string): Promise<Run>
}

const SETUPS: Setup[] = [
  ...[1, 2, 4].map((processes): Setup => ({
    name: 'gateway, one bucket in Redis',
    processes,
    run: (emulator, path, seconds, redisUrl) =>
      throughGateways(emulator, path, seconds, processes, { redisUrl, limitPerProcess: VENDOR_LIMIT.limit }),
  })),
  {
    name: "gateway per process without Redis, each given the vendor's limit",
    processes: 4,
    run: (emulator, path, seconds) =>
      throughGateways(emulator, path, seconds, 4, { limitPerProcess: VENDOR_LIMIT.limit }),
  },
  {
    name: 'gateway per process without Redis, the limit split by hand',
    processes: 4,
    run: (emulator, path, seconds) =>
      throughGateways(emulator, path, seconds, 4, { limitPerProcess: VENDOR_LIMIT.limit / 4 }),
  },
  ...[1, 4].map((clients): Setup => ({
    name: 'naive client: a fixed sleep between calls',
    processes: clients,
    run: (emulator, path, seconds) => naiveClients(emulator, path, seconds, clients),
  })),
]

/**
 * How much of a vendor's allowed rate each setup uses under demand above it, and how many 429s the vendor
 * sends back: the gateway sharing one bucket through Redis from 1, 2 and 4 processes, against per-process
 * limiting without Redis and the naive fixed-sleep client, in the same run. Each setup gets a fresh emulator
 * (its window empty) and an empty Redis; every call reads one customer.
 */
export async function utilisation(seconds: number): Promise<UtilisationResult[]> {
  const redis = await startRedis()
  const probe = new Redis(redis.url)
  try {
    const results: UtilisationResult[] = []
    for (const setup of SETUPS) {
      await probe.flushall()
      const emulator = await startEmulatorProcess({ rateLimit: { ...VENDOR_LIMIT, retryAfterSeconds: 1 } })
      try {
        const { customers } = (await (
          await fetch(`${emulator.baseUrl}/customers?api_key=${emulator.apiKey}`)
        ).json()) as { customers: { id: number }[] }
        const run = await setup.run(emulator, `/customers/${customers[0]!.id}`, seconds, redis.url)
        const perSecond = run.accepted / run.seconds
        results.push({
          setup: setup.name,
          processes: setup.processes,
          vendorCallsPerSecond: Number(perSecond.toFixed(2)),
          fractionOfLimit: Number((perSecond / ALLOWED_PER_SECOND).toFixed(3)),
          vendor429s: run.vendor429s,
          callerAnswers: run.callerAnswers,
        })
      } finally {
        await emulator.stop()
      }
    }
    return results
  } finally {
    probe.disconnect()
    await redis.stop()
  }
}
