import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { MemoryRateLimiter } from '../../src/limiter/memory.js'
import type { BucketSpec } from '../../src/limiter/types.js'
import { startRedis } from '../../test/helpers/redis.js'
import { throughput } from '../measure.js'
import type { LimiterWorkerTask } from '../processes/limiter-worker.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PROCESSES = 4
const IN_FLIGHT_PER_PROCESS = 50

/**
 * Buckets no run can empty, so that every acquire is a decision and none waits. A burst of 1 keeps the bucket
 * below half full, where the Redis limiter leases nothing: every decision is a script run in Redis. A large
 * burst is the bucket far from its limit, where a replica leases tokens and decides most calls itself.
 */
const EVERY_DECISION_IN_REDIS: BucketSpec = {
  key: 'in-redis',
  limit: 1_000_000_000,
  windowMs: 60_000,
  burst: 1,
}
const FAR_FROM_LIMIT: BucketSpec = { key: 'leased', limit: 1_000_000_000, windowMs: 60_000, burst: 1_000_000 }

export interface Rate {
  perSecond: number
  /** The worst of the processes' p99s. */
  p99Ms: number
}

export interface LimiterResult {
  processes: number
  memory: Rate
  redis: Rate
  redisLeased: Rate
  rawEvalsha: Rate
  redisToRawRatio: number
}

/** `PROCESSES` processes on one Redis, each with `IN_FLIGHT_PER_PROCESS` calls in flight, started together. */
async function acrossProcesses(task: Omit<LimiterWorkerTask, 'parallel'>): Promise<Rate> {
  const workers = Array.from({ length: PROCESSES }, () =>
    spawn(process.execPath, ['--import', 'tsx', 'bench/processes/limiter-worker.ts'], {
      cwd: ROOT,
      env: { ...process.env, BENCH_LIMITER: JSON.stringify({ ...task, parallel: IN_FLIGHT_PER_PROCESS }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  try {
    await Promise.all(workers.map((worker) => once(worker, 'message')))
    const results = workers.map(
      (worker) => once(worker, 'message') as Promise<[{ perSecond: number; p99Ms: number; seconds: number }]>,
    )
    for (const worker of workers) worker.send('go')
    const done = (await Promise.all(results)).map(([result]) => result)
    const seconds = Math.max(...done.map((result) => result.seconds))
    return {
      perSecond: Math.round((task.count * PROCESSES) / seconds),
      p99Ms: Math.max(...done.map((result) => result.p99Ms)),
    }
  } finally {
    for (const worker of workers) if (worker.exitCode === null) worker.kill()
  }
}

/**
 * Decisions per second of the in-memory limiter (one process), and of the Redis limiter from 4 processes on
 * one Redis against raw EVALSHA round trips from the same 4 processes: every decision in Redis, and far from
 * the limit (leases).
 */
export async function limiter(countPerProcess: number): Promise<LimiterResult> {
  const memoryLimiter = new MemoryRateLimiter()
  const memory = await throughput(countPerProcess * 10, 1, () => memoryLimiter.acquire(FAR_FROM_LIMIT, 0))
  const redis = await startRedis()
  try {
    const common = { redisUrl: redis.url, count: countPerProcess }
    const inRedis = await acrossProcesses({ ...common, mode: 'acquire', bucket: EVERY_DECISION_IN_REDIS })
    const leased = await acrossProcesses({ ...common, mode: 'acquire', bucket: FAR_FROM_LIMIT })
    const raw = await acrossProcesses({ ...common, mode: 'evalsha', bucket: EVERY_DECISION_IN_REDIS })
    return {
      processes: PROCESSES,
      memory: { perSecond: memory.perSecond, p99Ms: memory.p99Ms },
      redis: inRedis,
      redisLeased: leased,
      rawEvalsha: raw,
      redisToRawRatio: Number((inRedis.perSecond / raw.perSecond).toFixed(2)),
    }
  } finally {
    await redis.stop()
  }
}
