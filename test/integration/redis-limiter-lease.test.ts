import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LEASE_MS, LEASE_TOKENS, RedisRateLimiter } from '../../src/limiter/redis.js'
import type { BucketSpec } from '../../src/limiter/types.js'
import { RedisConnection } from '../../src/store/redis-connection.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'

/** The shared limiter's L1: tokens leased from a bucket far from its limit, granted without a round trip. */

let redis: TestRedis
let connection: RedisConnection
beforeAll(async () => {
  redis = await startRedis()
  connection = new RedisConnection({ redisUrl: redis.url, keyPrefix: 'lease:' }, pino({ level: 'silent' }))
  await connection.waitUntilReady(5_000)
})
afterAll(async () => {
  await connection?.close()
  await redis?.stop()
})

let serial = 0
/** A minute's window: the refill between two calls of a test is a fraction of a token. */
const bucket = (burst: number): BucketSpec => ({
  key: `b${++serial}`,
  limit: 100 * burst,
  windowMs: 60_000,
  burst,
})
/** The balance the last script wrote (before any refill since). */
const storedTokens = async (spec: BucketSpec) =>
  Number(await connection.client.hget(connection.keys.bucket(spec.key), 'tokens'))

const manualClock = () => {
  const clock = { at: 0, now: () => clock.at }
  return clock
}

describe('Redis limiter leases', () => {
  it('far from the limit, one round trip takes a lease that grants the next calls locally', async () => {
    const clock = manualClock()
    const limiter = new RedisRateLimiter(connection, { now: clock.now })
    const spec = bucket(1_000)
    expect(await limiter.acquire(spec, 0)).toEqual({ granted: true, waitMs: 0 })
    expect(await storedTokens(spec)).toBe(1_000 - 1 - LEASE_TOKENS)
    await connection.client.hset(connection.keys.bucket(spec.key), 'tokens', 'untouched')
    for (let i = 0; i < LEASE_TOKENS; i++)
      expect(await limiter.acquire(spec, 0)).toEqual({ granted: true, waitMs: 0 })
    expect(await connection.client.hget(connection.keys.bucket(spec.key), 'tokens')).toBe('untouched')
  })

  it('goes back to Redis once the lease is spent or expired, and drops what is left unused', async () => {
    const clock = manualClock()
    const limiter = new RedisRateLimiter(connection, { now: clock.now })
    const spec = bucket(1_000)
    await limiter.acquire(spec, 0)
    for (let i = 0; i < LEASE_TOKENS; i++) await limiter.acquire(spec, 0)
    await limiter.acquire(spec, 0) // spent: a second round trip, a second lease
    expect(await storedTokens(spec)).toBeLessThan(1_000 - 2 * (1 + LEASE_TOKENS) + 2)
    const before = await storedTokens(spec)
    clock.at += LEASE_MS
    await limiter.acquire(spec, 0) // expired with tokens left: they are not used
    expect(await storedTokens(spec)).toBeLessThan(before)
  })

  it('never leases the bucket below half, and not at all near the limit', async () => {
    const limiter = new RedisRateLimiter(connection)
    const twenty = bucket(20)
    await limiter.acquire(twenty, 0)
    expect(await storedTokens(twenty)).toBeCloseTo(10, 0)
    const small = bucket(2)
    await limiter.acquire(small, 0)
    expect(await storedTokens(small)).toBeCloseTo(1, 0)
    await limiter.acquire(small, 0)
    expect(await storedTokens(small)).toBeCloseTo(0, 0)
  })

  it('leases on every round trip: concurrent first calls bring tokens that add up', async () => {
    const limiter = new RedisRateLimiter(connection)
    const spec = bucket(1_000)
    await Promise.all(Array.from({ length: 5 }, () => limiter.acquire(spec, 0)))
    expect(await storedTokens(spec)).toBeCloseTo(1_000 - 5 * (1 + LEASE_TOKENS), 0)
    await connection.client.hset(connection.keys.bucket(spec.key), 'tokens', 'untouched')
    const local = await Promise.all(Array.from({ length: 5 * LEASE_TOKENS }, () => limiter.acquire(spec, 0)))
    expect(local.every((grant) => grant.granted && grant.waitMs === 0)).toBe(true)
    expect(await connection.client.hget(connection.keys.bucket(spec.key), 'tokens')).toBe('untouched')
  })

  it('drops its lease when the vendor says stop (a block)', async () => {
    const limiter = new RedisRateLimiter(connection)
    const spec = bucket(1_000)
    await limiter.acquire(spec, 0)
    await limiter.block(spec, Date.now() + 300)
    const after = await limiter.acquire(spec, 10_000)
    expect(after.granted && after.waitMs).toBeGreaterThan(250)
  })
})
