import type { Cluster } from 'ioredis'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RedisIdempotencyStore } from '../../src/state/idempotency/redis-idempotency.js'
import { RedisReferenceCache } from '../../src/state/reference-data/redis-reference-cache.js'
import { RedisTokenCache } from '../../src/state/tokens/redis-token-cache.js'
import { RedisRateLimiter } from '../../src/state/limiter/redis.js'
import { RedisConnection } from '../../src/state/redis/connection.js'
import { idempotencyContract, referenceCacheContract, tokenCacheContract } from '../contracts/caches.js'
import { rateLimiterContract } from '../contracts/limiter.js'
import { startRedisCluster } from '../helpers/redis.js'
import { startSyncroGateway } from '../helpers/gateway.js'
import { loadConfig } from '../../app/config.js'
import { eventLogContract } from '../contracts/event-log.js'
import { RedisEventLog } from '../../src/events/redis-event-log.js'
import { replicatedEventsContract } from '../contracts/replicated-events.js'
import { eventWatchContract } from '../contracts/event-watch.js'
import { RedisEventWatchStore } from '../../src/state/event-watch/redis-event-watch-store.js'

/** REDIS_CLUSTER_NODES: the same contracts against a three-master cluster (keys spread over its slots). */

let cluster: Awaited<ReturnType<typeof startRedisCluster>>
let connection: RedisConnection

beforeAll(async () => {
  cluster = await startRedisCluster()
  connection = new RedisConnection(
    { clusterNodes: cluster.nodes, keyPrefix: 'cluster:' },
    pino({ level: 'silent' }),
  )
  expect(await connection.waitUntilReady(10_000)).toBe(true)
}, 30_000)
afterAll(async () => {
  await connection?.close()
  await cluster?.stop()
})

describe('Redis Cluster', () => {
  it('answers readiness', async () => {
    expect(await connection.ping()).toBe(true)
  })

  it('leaves no connection open once a gateway running change events is closed', async () => {
    const clientsOfCluster = async () => {
      const lists = await Promise.all(
        (connection.client as Cluster).nodes('master').map((node) => node.client('LIST') as Promise<string>),
      )
      return lists.flatMap((list) => list.trim().split('\n')).length
    }
    const before = await clientsOfCluster()
    const defaults = loadConfig({ NODE_ENV: 'test' })
    const gateway = await startSyncroGateway({
      config: { store: { ...defaults.store, clusterNodes: cluster.nodes, keyPrefix: 'closing:' } },
    })
    await gateway.app.events.schedule!.start()
    expect(await clientsOfCluster()).toBeGreaterThan(before)
    await gateway.close()
    await expect.poll(clientsOfCluster).toBe(before)
  })
})

rateLimiterContract('redis cluster', () => new RedisRateLimiter(connection))
tokenCacheContract('redis cluster', (clock) => new RedisTokenCache(connection, { now: clock.now }))
referenceCacheContract('redis cluster', (clock) => new RedisReferenceCache(connection, { now: clock.now }))
idempotencyContract('redis cluster', (lease) => ({
  store: new RedisIdempotencyStore(connection, lease),
  pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}))
eventLogContract('redis cluster', (retentionMs) => {
  const log = new RedisEventLog(connection, retentionMs)
  return { log, otherReplica: log }
})
eventWatchContract('redis cluster', () => {
  const store = new RedisEventWatchStore(connection)
  return { store, otherReplica: store, pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }
})
replicatedEventsContract('redis cluster', () => ({ clusterNodes: cluster.nodes }))
