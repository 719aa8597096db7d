import { pino } from 'pino'
import { RedisRateLimiter } from '../../src/state/limiter/redis.js'
import type { BucketSpec } from '../../src/state/limiter/types.js'
import { RedisConnection } from '../../src/state/redis/connection.js'
import { throughput } from '../measure.js'

// One of the limiter section's processes: connects to the Redis in BENCH_LIMITER.redisUrl, warms up, says
// 'ready' over IPC, waits for 'go' (so that every process starts together), runs its calls, and sends back
// { perSecond, p99Ms, seconds }. `mode`: the limiter's acquire on `bucket`, or a raw EVALSHA of `return 1`.
export interface LimiterWorkerTask {
  redisUrl: string
  mode: 'acquire' | 'evalsha'
  bucket: BucketSpec
  count: number
  parallel: number
}

const task = JSON.parse(process.env.BENCH_LIMITER ?? '') as LimiterWorkerTask
const connection = new RedisConnection(
  { redisUrl: task.redisUrl, keyPrefix: 'bench:' },
  pino({ level: 'silent' }),
)
await connection.waitUntilReady(5_000)
const limiter = new RedisRateLimiter(connection)
const sha = (await connection.client.script('LOAD', 'return 1')) as string
const call =
  task.mode === 'acquire' ? () => limiter.acquire(task.bucket, 0) : () => connection.client.evalsha(sha, 0)
await throughput(Math.min(1_000, task.count), task.parallel, call)

process.once('message', async () => {
  const started = performance.now()
  const result = await throughput(task.count, task.parallel, call)
  process.send?.({ ...result, seconds: (performance.now() - started) / 1000 }, () => {
    connection.close().then(() => process.exit(0))
  })
})
process.send?.('ready')
