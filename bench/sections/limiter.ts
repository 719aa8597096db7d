import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { MemoryRateLimiter } from '../../src/limiter/memory.js'
import type { BucketSpec } from '../../src/limiter/types.js'
import { startRedis } from '../../test/helpers/redis.js'
import { throughput } from '../measure.js'
import { nextMessage } from '../processes/index.js'
import type { LimiterWorkerTask } from '../processes/limiter-worker.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PROCESSES = 4
const IN_FLIGHT_PER_PROCESS = 50

/** A bucket no run can empty: every acquire is a real decision in Redis, and none waits. */
const BUCKET: BucketSpec = { key: 'bench', limit: 1_000_000_000, windowMs: 60_000, burst: 1_000_000 }

export interface Rate {
  perSecond: number
  /** The worst of the processes' p99s. */
  p99Ms: number
}

export interface LimiterResult {
  processes: number
  memory: Rate
  redis: Rate
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
    await Promise.all(workers.map((worker) => nextMessage(worker)))
    const results = workers.map((worker) =>
      nextMessage<{ perSecond: number; p99Ms: number; seconds: number }>(worker),
    )
    for (const worker of workers) worker.send('go')
    const done = await Promise.all(results)
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
 * one Redis against raw EVALSHA round trips from the same 4 processes.
 */
export async function limiter(countPerProcess: number): Promise<LimiterResult> {
  const memoryLimiter = new MemoryRateLimiter()
  const memory = await throughput(countPerProcess * 10, 1, () => memoryLimiter.acquire(BUCKET, 0))
  const redis = await startRedis()
  try {
    const common = { redisUrl: redis.url, count: countPerProcess }
    const onRedis = await acrossProcesses({ ...common, mode: 'acquire', bucket: BUCKET })
    const raw = await acrossProcesses({ ...common, mode: 'evalsha', bucket: BUCKET })
    return {
      processes: PROCESSES,
      memory: { perSecond: memory.perSecond, p99Ms: memory.p99Ms },
      redis: onRedis,
      rawEvalsha: raw,
      redisToRawRatio: Number((onRedis.perSecond / raw.perSecond).toFixed(2)),
    }
  } finally {
    await redis.stop()
  }
}
