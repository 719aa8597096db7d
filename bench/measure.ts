import autocannon from 'autocannon'

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
