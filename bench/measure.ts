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

export interface LatencyResult {
  requests: number
  p50Ms: number
  p99Ms: number
  /** Answers that were not 2xx, and requests that failed outright. */
  failures: number
}

/**
 * Latency of GETs on one URL, timed with Node's own clock (autocannon rounds to whole milliseconds), for
 * `seconds` at `concurrency` requests in flight, each answer read to its end.
 */
export async function latency(url: string, seconds: number, concurrency = 1): Promise<LatencyResult> {
  const { origin, pathname, search } = new URL(url)
  const pool = new Pool(origin, { connections: concurrency })
  const times: number[] = []
  let failures = 0
  const until = performance.now() + seconds * 1000
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) {
          const started = performance.now()
          try {
            const answer = await pool.request({ method: 'GET', path: pathname + search })
            await answer.body.text()
            if (answer.statusCode >= 300) failures++
          } catch {
            failures++
          }
          times.push(performance.now() - started)
        }
      }),
    )
  } finally {
    await pool.close()
  }
  times.sort((a, b) => a - b)
  const at = (fraction: number) => Number(times[Math.floor(times.length * fraction)]!.toFixed(3))
  return { requests: times.length, p50Ms: at(0.5), p99Ms: at(0.99), failures }
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
    p99Ms: Number(latencies[Math.floor(latencies.length * 0.99)]!.toFixed(3)),
  }
}
