import { startSyncroGateway } from '../../test/helpers/gateway.js'
import { load, type LoadResult } from '../measure.js'

export interface OverheadResult {
  path: string
  direct: LoadResult
  gateway: LoadResult
  throughputRatio: number
  addedP50Ms: number
  addedP99Ms: number
}

/**
 * The same GET straight to the Syncro emulator and through the gateway (limits far above the load, reference
 * data cached): what the gateway adds. One ticket by id, and a list page of 25 (Syncro's own page size).
 */
export async function overhead(seconds: number): Promise<OverheadResult[]> {
  const gateway = await startSyncroGateway({ config: { logLevel: 'warn' } })
  try {
    const origin = await gateway.app.listen({ host: '127.0.0.1', port: 0 })
    const id = [...gateway.emulator.db.tickets.keys()][0]
    const key = `api_key=${gateway.emulator.apiKeys[0]}`
    const cases = [
      { path: `tickets/${id}`, direct: `/tickets/${id}?${key}`, through: `/tickets/${id}` },
      { path: 'tickets?pageSize=25', direct: `/tickets?${key}`, through: '/tickets?pageSize=25' },
    ]
    const results: OverheadResult[] = []
    for (const test of cases) {
      const direct = await load(`${gateway.emulator.baseUrl}${test.direct}`, seconds)
      const url = `${origin}/v1/connections/syncro-test${test.through}`
      await load(url, 1) // warm-up: pools, JIT
      const through = await load(url, seconds)
      results.push({
        path: test.path,
        direct,
        gateway: through,
        throughputRatio: Number((through.requestsPerSecond / direct.requestsPerSecond).toFixed(2)),
        addedP50Ms: through.p50Ms - direct.p50Ms,
        addedP99Ms: through.p99Ms - direct.p99Ms,
      })
    }
    return results
  } finally {
    await gateway.close()
  }
}
