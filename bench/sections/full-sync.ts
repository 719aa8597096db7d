import { startConnectWiseGateway } from '../../test/helpers/gateway.js'

export interface FullSyncResult {
  tickets: number
  pageSize: number
  seconds: number
  vendorCalls: number
  minimumCalls: number
  callRatio: number
}

/**
 * Every ticket of a ConnectWise connection holding `total` tickets, walked at the gateway's largest page (1000)
 * and at ConnectWise's default (25): time, vendor calls, and their ratio to the fewest the vendor allows.
 */
export async function fullSync(total: number): Promise<FullSyncResult[]> {
  const gateway = await startConnectWiseGateway({ config: { logLevel: 'warn' } })
  try {
    const { db } = gateway.emulator
    const models = [...db.tickets.values()]
    for (let i = 0; db.tickets.size < total; i++) {
      const { id: _id, ...fields } = models[i % models.length]!
      db.insertTicket({ ...fields, summary: `${fields.summary} (${i})` })
    }
    const base = '/v1/connections/connectwise-test/tickets'
    await gateway.app.inject(`${base}?pageSize=1`) // reference data cached: only the walk is counted
    const results: FullSyncResult[] = []
    for (const pageSize of [1000, 25]) {
      gateway.emulator.resetStats()
      const started = performance.now()
      let cursor: string | null = null
      let seen = 0
      do {
        const query = new URLSearchParams({ pageSize: String(pageSize), ...(cursor ? { cursor } : {}) })
        const page = JSON.parse((await gateway.app.inject(`${base}?${query}`)).body) as {
          data: unknown[]
          nextCursor: string | null
        }
        seen += page.data.length
        cursor = page.nextCursor
      } while (cursor)
      const minimumCalls = Math.ceil(db.tickets.size / pageSize)
      results.push({
        tickets: seen,
        pageSize,
        seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
        vendorCalls: gateway.emulator.stats.requests,
        minimumCalls,
        callRatio: Number((gateway.emulator.stats.requests / minimumCalls).toFixed(2)),
      })
    }
    return results
  } finally {
    await gateway.close()
  }
}
