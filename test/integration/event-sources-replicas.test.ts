import { afterAll, beforeAll } from 'vitest'
import { replicatedEventsContract } from '../contracts/replicated-events.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'

let redis: TestRedis

beforeAll(async () => {
  redis = await startRedis()
})
afterAll(async () => {
  await redis?.stop()
})

replicatedEventsContract('one Redis', () => ({ redisUrl: redis.url }))
