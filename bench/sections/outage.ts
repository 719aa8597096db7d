import autocannon from 'autocannon'
import { request } from 'undici'
import { startRedis } from '../../test/helpers/redis.js'
import {
  startEmulatorProcess,
  startGatewayProcess,
  watchedRun,
  type EmulatorProcess,
} from '../processes/index.js'
import { VENDOR_LIMIT } from './utilisation.js'

const ALLOWED_PER_SECOND = VENDOR_LIMIT.limit / (VENDOR_LIMIT.windowMs / 1000)
const PROCESSES = 2

export interface OutageRun {
  load: string
  /** Answers while the run lasted (Redis killed a third of the way in), and how many were 200. */
  answers: number
  answered200: number
  fractionAnswered: number
  vendor429s: number
  /** The longest the emulator or a gateway was held up by the machine during the run, ms. */
  worstStallMs: number
  /** Requests that got no answer at all (connection refused or reset: an error, not a refusal). */
  unanswered: number
  /** Gateway processes that were no longer running at the end (an error). */
  gatewaysExited: number
}

export type OutageResult = OutageRun[]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Two gateway processes sharing one bucket in Redis, in front of the emulator; Redis is killed a third of the way in. */
async function withOutage(
  seconds: number,
  load: (
    urls: string[],
    path: string,
  ) => Promise<{ answers: number; answered200: number; unanswered: number }>,
): Promise<Omit<OutageRun, 'load'>> {
  const redis = await startRedis()
  const emulator: EmulatorProcess = await startEmulatorProcess({
    rateLimit: { ...VENDOR_LIMIT, retryAfterSeconds: 1 },
  })
  const gateways = await Promise.all(
    Array.from({ length: PROCESSES }, () =>
      startGatewayProcess(emulator, {
        rateLimit: VENDOR_LIMIT,
        env: { REDIS_URL: redis.url, GATEWAY_REPLICAS: String(PROCESSES), RATE_LIMIT_MAX_WAIT_MS: '3000' },
      }),
    ),
  )
  try {
    const { customers } = (await (
      await fetch(`${emulator.baseUrl}/customers?api_key=${emulator.apiKey}`)
    ).json()) as { customers: { id: number }[] }
    const run = await watchedRun(emulator, gateways, async () => {
      const loaded = load(
        gateways.map((gateway) => gateway.connectionUrl),
        `/customers/${customers[0]!.id}`,
      )
      await sleep((seconds * 1000) / 3)
      await redis.kill()
      return loaded
    })
    const { answers, answered200, unanswered } = run.result
    return {
      answers,
      answered200,
      fractionAnswered: Number((answered200 / Math.max(1, answers)).toFixed(3)),
      vendor429s: run.after.rateLimited - run.before.rateLimited,
      worstStallMs: run.worstStallMs,
      unanswered,
      gatewaysExited: gateways.filter((gateway) => !gateway.running()).length,
    }
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()))
    await emulator.stop()
    await redis.stop()
  }
}

/** A steady 30% of the limit, spread over the processes: one request at a time, evenly spaced. */
async function lightLoad(urls: string[], path: string, seconds: number) {
  const interval = 1000 / (0.3 * ALLOWED_PER_SECOND)
  const until = performance.now() + seconds * 1000
  let answers = 0
  let answered200 = 0
  let unanswered = 0
  const pending: Promise<void>[] = []
  for (let i = 0; performance.now() < until; i++) {
    pending.push(
      request(`${urls[i % urls.length]}${path}`).then(
        async (answer) => {
          await answer.body.dump()
          answers += 1
          if (answer.statusCode === 200) answered200 += 1
        },
        () => {
          unanswered += 1
        },
      ),
    )
    await sleep(interval)
  }
  await Promise.all(pending)
  return { answers, answered200, unanswered }
}

/** Demand far above the limit: 10 callers per process, each asking again as soon as it has an answer. */
async function atTheLimit(urls: string[], path: string, seconds: number) {
  const results = await Promise.all(
    urls.map((url) => autocannon({ url: `${url}${path}`, connections: 10, duration: seconds })),
  )
  return {
    answers: results.reduce((sum, result) => sum + result['2xx'] + result.non2xx, 0),
    answered200: results.reduce((sum, result) => sum + result['2xx'], 0),
    unanswered: results.reduce((sum, result) => sum + result.errors, 0),
  }
}

/**
 * Redis killed mid-run under two loads: 30% of the vendor limit (goal: at least 99% of requests answered,
 * no wait for the reservation horizon) and demand far above it (goal: 0 vendor 429s across the switch).
 */
export async function outage(seconds: number): Promise<OutageResult> {
  return [
    {
      load: '30% of the limit',
      ...(await withOutage(seconds, (urls, path) => lightLoad(urls, path, seconds))),
    },
    {
      load: 'far above the limit',
      ...(await withOutage(seconds, (urls, path) => atTheLimit(urls, path, seconds))),
    },
  ]
}
