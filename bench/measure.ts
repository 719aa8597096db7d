import autocannon from 'autocannon'
import { Pool } from 'undici'

export interface LoadResult {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  non2xx: number
  errors: number
}

/** A steady load of GETs on one URL for `seconds`, at `connections` concurrent connections (loopback). */
export async function load(url: string, seconds: number, connections = 10): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

export interface Driven {
  requests: number
  /** From the first request sent to the last answer read. */
  seconds: number
  /** Answers that were not 2xx, and requests that failed outright. */
  failures: number
  /** Body bytes of the last answer. */
  answerBytes: number
  /** Each request's time (Node's clock), ms. */
  timesMs: number[]
}

/**
 * GETs on one URL for `seconds`, from `concurrency` loops each sending its next request once it has read the
 * previous answer to its end (counting its bytes, never decoding them). It returns after the last answer, so
 * that every request it counts is finished and none is still at work in any process: the CPU time the
 * processes took meanwhile is the cost of exactly these requests.
 */
export async function drive(url: string, seconds: number, concurrency: number): Promise<Driven> {
  const { origin, pathname, search } = new URL(url)
  const pool = new Pool(origin, { connections: concurrency })
  const timesMs: number[] = []
  let failures = 0
  let answerBytes = 0
  const started = performance.now()
  const until = started + seconds * 1000
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const sent = performance.now()
          try {
            const answer = await pool.request({ method: 'GET', path: pathname + search })
            let bytes = 0
            for await (const chunk of answer.body) bytes += (chunk as Buffer).length
            answerBytes = bytes
            if (answer.statusCode >= 300) failures++
          } catch {
            failures++
          }
          timesMs.push(performance.now() - sent)
        }
      }),
    )
  } finally {
    await pool.close()
  }
  const elapsed = (performance.now() - started) / 1000
  return { requests: timesMs.length, seconds: elapsed, failures, answerBytes, timesMs }
}

/** The value below which `fraction` of `values` fall (sorted ascending), to the µs. */
export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!.toFixed(3))
}

/** Calls `work` `count` times with at most `parallel` in flight; decisions per second and p99 latency (ms). */
export async function throughput(
  count: number,
  parallel: number,
  work: () => Promise<unknown>,
): Promise<{ perSecond: number; p99Ms: number }> {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next++
        const at = performance.now()
        await work()
        latencies.push(performance.now() - at)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    perSecond: Math.round(count / seconds),
    p99Ms: percentile(latencies, 0.99),
  }
}
