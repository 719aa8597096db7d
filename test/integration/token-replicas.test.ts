import { afterAll, beforeAll, expect, it } from 'vitest'
import { startHaloEmulator, type HaloEmulator } from '../../sandbox/halopsa/index.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'
import { call, startReplicas, type Replicas } from '../helpers/replicas.js'

/**
 * 4 gateway processes (as in production) sharing one HaloPSA OAuth token through Redis, in front of the HaloPSA
 * emulator, which counts the tokens it issues and can revoke them.
 */

// Refreshed in the background from half its lifetime: each batch of calls below must end before that.
const TOKEN_LIFETIME_S = 5
let redis: TestRedis
let emulator: HaloEmulator
let replicas: Replicas

beforeAll(async () => {
  redis = await startRedis()
  emulator = await startHaloEmulator({
    tokenLifetimeSeconds: TOKEN_LIFETIME_S,
    rateLimit: { limit: 100_000, windowMs: 60_000 },
  })
  const credentials = emulator.clients[0]!
  replicas = await startReplicas(4, {
    redisUrl: redis.url,
    config: {
      connections: [
        {
          id: 'halo',
          vendor: 'halopsa',
          baseUrl: emulator.origin,
          tenant: emulator.tenant,
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
          rateLimit: { limit: 100_000, windowMs: 60_000 },
        },
      ],
    },
  })
}, 60_000)

afterAll(async () => {
  await replicas?.stop()
  await emulator?.close()
  await redis?.stop()
})

/** 50 concurrent calls on each of the 4 replicas; every status. */
async function callEverywhere(): Promise<number[]> {
  const clientIds = [...emulator.db.clients.keys()]
  const answers = replicas.urls.flatMap((url) =>
    Array.from({ length: 50 }, (_, i) => call(`${url}/v1/connections/halo/customers/${clientIds[i % 10]}`)),
  )
  return (await Promise.all(answers)).map((answer) => answer.status)
}

const HALF_LIFETIME_MS = (TOKEN_LIFETIME_S * 1000) / 2

/**
 * A batch of calls everywhere, and when the vendor issued the tokens it fetched. A cached token is refreshed in the
 * background once half its lifetime is past (src/state/tokens/token-cache.ts, refreshAt): on a busy machine a batch
 * may outlast that, and one refresh more is right then. A herd (replicas or callers fetching their own) is tokens
 * issued close together: each token after the batch's first must come a good part of a half-lifetime after the one
 * before (less the time its fetch took, hence half of it).
 */
async function expectOneTokenAtATime(issuedBefore: number) {
  expect(await callEverywhere()).toEqual(Array(200).fill(200))
  const times = emulator.tokens.issuedAt.slice(issuedBefore)
  expect(times.length).toBeGreaterThanOrEqual(1)
  for (let i = 1; i < times.length; i++)
    expect(times[i]! - times[i - 1]!).toBeGreaterThan(HALF_LIFETIME_MS / 2)
}

it('4 processes x 50 first calls fetch one token; after expiry one more; a revoked token is replaced once', async () => {
  // The token the replicas fetched as they started counts as this batch's.
  await expectOneTokenAtATime(0)

  // Past the token's lifetime: the next calls need a new one, fetched by one replica for all.
  await new Promise((resolve) => setTimeout(resolve, TOKEN_LIFETIME_S * 1000 + 100))
  await expectOneTokenAtATime(emulator.tokens.issued)

  // Every replica meets the 401; the token is dropped once, replaced once, and no caller sees the 401.
  emulator.tokens.revokeAll()
  await expectOneTokenAtATime(emulator.tokens.issued)
}, 60_000)
