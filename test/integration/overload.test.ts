import { setImmediate } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { newApiKey } from '../../src/security/api-keys.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../src/vendor-http/settings.js'
import { startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

/**
 * Demand far above a vendor's limit: the quota goes to whole answers, not to requests that start and then lose
 * their later calls to newcomers; and a key held to a share of the limit still gets it while others flood.
 * Counted in calls and answers, never in time.
 */

// 20 calls a second, in a window long enough for the margin production windows (a minute) get: 250 ms, not the
// 50 ms of a 2 s window, which a flood of 100 callers on a busy 2-core machine can outrun in transit to the emulator.
const limit = { limit: 250, windowMs: 12_500 }
const vendorHttp = { ...DEFAULT_VENDOR_HTTP_SETTINGS, rateLimitMaxWaitMs: 1_000, retryBudgetMs: 2_000 }
let gateway: SyncroGateway | undefined
afterEach(async () => {
  await gateway?.close()
  gateway = undefined
})

describe('overload', { timeout: 120_000 }, () => {
  it('spends at least 80% of the vendor calls on whole answers when every request needs four', async () => {
    // Logs at warn: the flood below makes tens of thousands of requests.
    gateway = await startSyncroGateway({
      emulator: { rateLimit: limit },
      config: { vendorHttp, logLevel: 'warn' },
    })
    const { app, emulator } = gateway
    // Statuses and the like are read once, before the flood, so that the count below is of list pages only.
    expect((await app.inject('/v1/connections/syncro-test/tickets?pageSize=1&status=open')).statusCode).toBe(
      200,
    )
    emulator.resetStats()

    // 100 callers, each asking again as soon as it has its answer, a 429 included, until 60 pages came whole
    // (or 20,000 answers, should whole pages not come at all).
    const statuses: number[] = []
    const unexpected: string[] = []
    let whole = 0
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (whole < 60 && statuses.length < 20_000) {
          const response = await app.inject('/v1/connections/syncro-test/tickets?pageSize=100')
          statuses.push(response.statusCode)
          if (response.statusCode !== 200 && response.statusCode !== 429) unexpected.push(response.body)
          if (response.statusCode === 200) whole += 1
          // A real caller's next request arrives as I/O; inject answers a 429 without any, so a loop that asks
          // again in the same turn would starve the gateway's sockets to the emulator of reads (for seconds).
          await setImmediate()
        }
      }),
    )

    const spent = emulator.stats.accepted.filter((call) => call.path === '/tickets').length
    expect(unexpected).toEqual([])
    expect(emulator.stats.rateLimited).toBe(0)
    expect(whole).toBeGreaterThan(0)
    // A whole page of 100 is four vendor pages of 25.
    expect((whole * 4) / spent).toBeGreaterThanOrEqual(0.8)
  })

  it('gives a key held to a share of the limit its turns while another key floods the vendor', async () => {
    const flood = newApiKey()
    const shared = newApiKey()
    gateway = await startSyncroGateway({
      emulator: { rateLimit: limit },
      config: {
        vendorHttp,
        apiKeys: [
          { name: 'flood', keyHash: flood.keyHash },
          { name: 'sync-job', keyHash: shared.keyHash, vendorShare: 0.2 },
        ],
      },
    })
    const { app, emulator } = gateway
    const ids = [...emulator.db.tickets.keys()]
    const read = (key: string, i: number) =>
      app.inject({
        url: `/v1/connections/syncro-test/tickets/${ids[i % ids.length]}`,
        headers: { authorization: `Bearer ${key}` },
      })
    let flooding = true
    const floodStatuses: number[] = []
    // 60 callers keep the queue full: each asks again at once after an answer, or after Retry-After on a 429.
    const flooders = Promise.all(
      Array.from({ length: 60 }, async (_, caller) => {
        for (let i = caller; flooding; i += 60) {
          const response = await read(flood.key, i)
          floodStatuses.push(response.statusCode)
          if (response.statusCode === 429)
            await new Promise((resolve) =>
              setTimeout(resolve, Number(response.headers['retry-after']) * 1000),
            )
        }
      }),
    )
    // The share's key reads one ticket after another, below its share of the limit.
    const shareStatuses: number[] = []
    for (let i = 0; i < 12; i++) shareStatuses.push((await read(shared.key, i)).statusCode)
    flooding = false
    await flooders

    expect(floodStatuses.filter((status) => status === 429).length).toBeGreaterThan(0)
    expect(shareStatuses).toEqual(Array(12).fill(200))
    expect(emulator.stats.rateLimited).toBe(0)
  })
})
