import { spawn, spawnSync } from 'node:child_process'
import { Redis } from 'ioredis'
import { fileURLToPath } from 'node:url'
import { MemoryRateLimiter } from '../../src/state/limiter/memory.js'
import type { BucketSpec } from '../../src/state/limiter/types.js'
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
  /** `redis-benchmark` itself, as many clients as calls in flight above, each waiting for its answer. */
  redisBenchmark?: Rate
  /** The same 4 Node processes and client (auto-pipelined) sending EVALSHA of `return 1`: the stricter floor. */
  rawEvalsha: Rate
  redisToRedisBenchmarkRatio?: number
  redisToRawRatio: number
}

/** `redis-benchmark`'s EVALSHA of `return 1`, when the tool is installed (it comes with redis-server). */
async function redisBenchmark(url: string, requests: number, clients: number): Promise<Rate | undefined> {
  const { hostname, port } = new URL(url)
  const probe = new Redis(url)
  try {
    const sha = (await probe.script('LOAD', 'return 1')) as string
    const run = spawnSync(
      'redis-benchmark',
      [
        '-h',
        hostname,
        '-p',
        port,
        '-n',
        String(requests),
        '-c',
        String(clients),
        '--csv',
        'evalsha',
        sha,
        '0',
      ],
      { encoding: 'utf8' },
    )
    if (run.error || run.status !== 0) return undefined
    // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms",...
    const row = run.stdout.trim().split('\n').at(-1)!.split('","')
    return { perSecond: Math.round(Number(row[1])), p99Ms: Number(row[6]) }
  } finally {
    probe.disconnect()
  }
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
 * one Redis against raw EVALSHA round trips on the same Redis: `redis-benchmark`'s (the reference), and
 * the same 4 Node processes' (stricter: the same client, auto-pipelined).
 */
export async function limiter(countPerProcess: number): Promise<LimiterResult> {
  const memoryLimiter = new MemoryRateLimiter()
  const memory = await throughput(countPerProcess * 10, 1, () => memoryLimiter.acquire(BUCKET, 0))
  const redis = await startRedis()
  try {
    const common = { redisUrl: redis.url, count: countPerProcess }
    const onRedis = await acrossProcesses({ ...common, mode: 'acquire', bucket: BUCKET })
    const raw = await acrossProcesses({ ...common, mode: 'evalsha', bucket: BUCKET })
    const tool = await redisBenchmark(
      redis.url,
      countPerProcess * PROCESSES,
      PROCESSES * IN_FLIGHT_PER_PROCESS,
    )
    return {
      processes: PROCESSES,
      memory: { perSecond: memory.perSecond, p99Ms: memory.p99Ms },
      redis: onRedis,
      redisBenchmark: tool,
      rawEvalsha: raw,
      redisToRedisBenchmarkRatio: tool && Number((onRedis.perSecond / tool.perSecond).toFixed(2)),
      redisToRawRatio: Number((onRedis.perSecond / raw.perSecond).toFixed(2)),
    }
  } finally {
    await redis.stop()
  }
}
