import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import {
  holdUntil,
  NEAR_LIMIT_HOLD_MS,
  OVER_LIMIT_HOLD_MS,
  SLOW_ANSWER_MS,
  THRESHOLD_READ_EVERY_MS,
  thresholdWatch,
} from '../../adapters/autotask/rate-limit.js'
import {
  autotaskBucket,
  autotaskConnectionFromEnv,
  type AutotaskConnectionConfig,
} from '../../adapters/autotask/config.js'

const log = pino({ level: 'silent' })
const threshold = (count: number) => ({
  externalRequestThreshold: 10_000,
  requestThresholdTimeframe: 60,
  currentTimeframeRequestCount: count,
})

describe('autotask threshold', () => {
  it('holds calls near and past the threshold, and not below three quarters', () => {
    expect(holdUntil(threshold(7_499), 1_000)).toBeUndefined()
    expect(holdUntil(threshold(7_500), 1_000)).toBe(1_000 + NEAR_LIMIT_HOLD_MS)
    expect(holdUntil(threshold(10_000), 1_000)).toBe(1_000 + OVER_LIMIT_HOLD_MS)
    expect(holdUntil({ externalRequestThreshold: 0, currentTimeframeRequestCount: 5 }, 1_000)).toBeUndefined()
    expect(holdUntil('nonsense', 1_000)).toBeUndefined()
  })

  it('reads ThresholdInformation after a slow answer, at most once a minute, and holds the bucket it says', async () => {
    let now = 50_000
    const reads: unknown[] = []
    const holds: number[] = []
    let answer: unknown = threshold(9_000)
    const hint = thresholdWatch({
      read: async (ctx) => {
        reads.push(ctx)
        return answer
      },
      hold: async (until) => {
        holds.push(until)
      },
      now: () => now,
    })
    const caller = { log, signal: new AbortController().signal }
    const answered = (answeredInMs: number) => hint({}, now, { answeredInMs, context: caller })
    const settled = () => new Promise((resolve) => setImmediate(resolve))

    expect(answered(SLOW_ANSWER_MS - 1)).toBeUndefined()
    await settled()
    expect(reads).toHaveLength(0)

    expect(answered(SLOW_ANSWER_MS)).toBeUndefined()
    await settled()
    expect(reads).toEqual([{ log }])
    expect(holds).toEqual([50_000 + NEAR_LIMIT_HOLD_MS])

    now += THRESHOLD_READ_EVERY_MS - 1
    answered(2_000)
    await settled()
    expect(reads).toHaveLength(1)

    now += 1
    answer = threshold(100)
    answered(2_000)
    await settled()
    expect(reads).toHaveLength(2)
    expect(holds).toHaveLength(1)
  })
})

describe('autotask connection config', () => {
  const config = (more: Partial<AutotaskConnectionConfig> = {}): AutotaskConnectionConfig => ({
    id: 'at',
    vendor: 'autotask',
    userName: 'API@example.com',
    integrationCode: 'CODE',
    secret: 'SECRET',
    ...more,
  })

  it("shares one bucket per database (by default the user's), at half of 10,000 an hour", () => {
    const bucket = autotaskBucket(config())
    expect(bucket).toMatchObject({ limit: 5_000, windowMs: 3_600_000 })
    expect(autotaskBucket(config({ id: 'other', userName: 'api@example.com' })).key).toBe(bucket.key)
    expect(bucket.key).not.toContain('example')
    expect(autotaskBucket(config({ database: 'db-1' })).key).not.toBe(bucket.key)
    expect(autotaskBucket(config({ rateLimitShare: 0.2 })).limit).toBe(2_000)
  })

  it('configures connection autotask from the environment', () => {
    expect(autotaskConnectionFromEnv({})).toEqual([])
    const [found] = autotaskConnectionFromEnv({
      AUTOTASK_USERNAME: 'u',
      AUTOTASK_INTEGRATION_CODE: 'c',
      AUTOTASK_SECRET: 's',
    })
    expect(found!.connection).toEqual({
      id: 'autotask',
      vendor: 'autotask',
      userName: 'u',
      integrationCode: 'c',
      secret: 's',
      baseUrl: undefined,
      defaultResourceId: undefined,
    })
    const [withDefault] = autotaskConnectionFromEnv({
      AUTOTASK_USERNAME: 'u',
      AUTOTASK_INTEGRATION_CODE: 'c',
      AUTOTASK_SECRET: 's',
      AUTOTASK_DEFAULT_RESOURCE_ID: '29682885',
    })
    expect(withDefault!.connection).toMatchObject({ defaultResourceId: '29682885' })
  })
})
