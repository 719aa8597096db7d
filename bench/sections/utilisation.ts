import autocannon from 'autocannon'
import { Redis } from 'ioredis'
import { request } from 'undici'
import { startRedis } from '../../test/helpers/redis.js'
import { windowSafetyMs } from '../../src/state/limiter/types.js'
import {
  startEmulatorProcess,
  startGatewayProcess,
  watchedRun,
  type EmulatorProcess,
  type GatewayProcess,
} from '../processes/index.js'

/**
 * The vendor's limit in this section (and the overload and outage sections): 250 calls per 12.5 s, Syncro's rate
 * (180 a minute) sped up to 20 a second. The window is the shortest that leaves the gateway's margin for late
 * sends what it is at every real vendor's window (2% of the window, at most 250 ms: reached at 12.5 s), so a run
 * is held to the lateness production is held to; a 3-second window left 60 ms, which a busy machine overran.
 */
export const VENDOR_LIMIT = { limit: 250, windowMs: 12_500 }
/**
 * A send may leave up to half the margin after its turn (later, the gateway takes a new turn); a process held up
 * for longer than the other half can bring calls to the vendor closer together than the limit allows. Vendor 429s
 * in a run where the emulator or a gateway was held up for longer are the machine's lateness, not the gateway's.
 */
export const LATENESS_ABSORBED_MS = windowSafetyMs(VENDOR_LIMIT.windowMs) / 2
const ALLOWED_PER_SECOND = VENDOR_LIMIT.limit / (VENDOR_LIMIT.windowMs / 1000)
/** Callers per gateway process, each sending its next request as soon as it has an answer: demand far above the limit. */
const CALLERS_PER_PROCESS = 10
/**
 * Calls are counted from this far into a run: by then the bucket's burst (2% of the limit) is spent, so what is
 * counted is the sustained rate, the figure the limit is about (in a short run the burst would add to it).
 */
const LEAD_IN_MS = 1_000

export interface UtilisationResult {
  setup: string
  processes: number
  /** How long the calls were counted (the run, less its lead-in). */
  seconds: number
  /** Calls the vendor accepted per second during the run, and that against the rate it allows. */
  vendorCallsPerSecond: number
  fractionOfLimit: number
  /** The vendor's own 429s: each one a wasted call, and a block on the whole account. */
  vendor429s: number
  /** What the gateway's callers got (gateway setups only). */
  callerAnswers?: { ok: number; refused: number }
  /** The longest the emulator or a gateway was held up by the machine during the run, ms. */
  worstStallMs: number
}

interface Run {
  /** Vendor calls accepted and refused (429) while the load ran, and how long it ran. */
  accepted: number
  vendor429s: number
  seconds: number
  callerAnswers?: UtilisationResult['callerAnswers']
  worstStallMs: number
}

/** The emulator's counts across `load`, which returns what the callers got. */
async function counted(
  emulator: EmulatorProcess,
  gateways: GatewayProcess[],
  load: () => Promise<UtilisationResult['callerAnswers']>,
): Promise<Run> {
  const { result, before, after, seconds, worstStallMs } = await watchedRun(
    emulator,
    gateways,
    load,
    LEAD_IN_MS,
  )
  const vendor429s = after.rateLimited - before.rateLimited
  return {
    accepted: after.requests - before.requests - vendor429s,
    vendor429s,
    seconds,
    callerAnswers: result,
    worstStallMs,
  }
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
    return await counted(emulator, gateways, async () => {
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
  return counted(emulator, [], async () => {
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
  /**
   * A comparison, not the gateway's goal: it runs for 40% as long (it shows its 429s or its unused share within
   * seconds), so that the benchmark's time goes to the setups the goal is about.
   */
  comparison?: true
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
    comparison: true,
    run: (emulator, path, seconds) =>
      throughGateways(emulator, path, seconds, 4, { limitPerProcess: VENDOR_LIMIT.limit }),
  },
  {
    name: 'gateway per process without Redis, the limit split by hand',
    processes: 4,
    comparison: true,
    run: (emulator, path, seconds) =>
      throughGateways(emulator, path, seconds, 4, { limitPerProcess: Math.floor(VENDOR_LIMIT.limit / 4) }),
  },
  ...[1, 4].map((clients): Setup => ({
    name: 'naive client: a fixed sleep between calls',
    processes: clients,
    comparison: true,
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
        const runSeconds = setup.comparison ? Math.max(2, Math.round(seconds * 0.4)) : seconds
        const run = await setup.run(emulator, `/customers/${customers[0]!.id}`, runSeconds, redis.url)
        const perSecond = run.accepted / run.seconds
        results.push({
          setup: setup.name,
          processes: setup.processes,
          seconds: Number(run.seconds.toFixed(1)),
          vendorCallsPerSecond: Number(perSecond.toFixed(2)),
          fractionOfLimit: Number((perSecond / ALLOWED_PER_SECOND).toFixed(3)),
          vendor429s: run.vendor429s,
          callerAnswers: run.callerAnswers,
          worstStallMs: run.worstStallMs,
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
