import { createServer } from 'node:http'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createCredentialCheck } from '../../../sandbox/autotask/auth.js'
import { autotaskRoutes } from '../../../sandbox/autotask/routes/index.js'
import { createRequestListener } from '../../../sandbox/autotask/server.js'
import { ThreadLimit } from '../../../sandbox/autotask/thread-limit.js'
import { DatabaseThreshold } from '../../../sandbox/autotask/threshold.js'
import { FaultInjector } from '../../../sandbox/shared/faults.js'
import { listen } from '../../../sandbox/shared/lifecycle.js'
import { createStats } from '../../../sandbox/shared/stats.js'
import { callJson } from '../http.js'
import { startEngine } from './engine-fixture.js'

describe('the database threshold', () => {
  it('adds no latency up to half the limit, the half latency past it, the three-quarter one past 75 %', () => {
    const threshold = new DatabaseThreshold(
      { limit: 8, windowMs: 1_000, latencyMs: { half: 5, threeQuarters: 9 } },
      () => 0,
    )
    const latencies = Array.from({ length: 8 }, () => {
      const decision = threshold.admit()
      return decision.accepted ? decision.latencyMs : -1
    })
    expect(latencies).toEqual([0, 0, 0, 0, 5, 5, 9, 9])
    expect(threshold.admit()).toEqual({ accepted: false, msUntilNextSlot: 1_000 })
  })

  it('waits the added latency through the sleep it was given before answering', async () => {
    const user = { userName: 'api@example.com', secret: 's', integrationCode: 'C' }
    const slept: number[] = []
    const server = createServer()
    server.on(
      'request',
      createRequestListener({
        paths: { discovery: '/atservicesrest/v1.0', zone: '/z/atservicesrest/v1.0' },
        origin: '',
        routes: autotaskRoutes([]),
        context: { db: undefined as never, entities: new Map(), now: () => new Date() },
        zoneInformation: () => ({ status: 500 }),
        authenticate: createCredentialCheck([user]),
        threshold: new DatabaseThreshold({
          limit: 4,
          windowMs: 60_000,
          latencyMs: { half: 500, threeQuarters: 1_000 },
        }),
        threads: new ThreadLimit(3),
        faults: new FaultInjector(),
        stats: createStats(),
        sleep: async (ms) => {
          slept.push(ms)
        },
      }),
    )
    const origin = await listen(server, '127.0.0.1', 0)
    const headers = { UserName: user.userName, Secret: user.secret, ApiIntegrationCode: user.integrationCode }
    try {
      for (let n = 0; n < 4; n++)
        expect(
          (await callJson(`${origin}/z/atservicesrest/v1.0/ThresholdInformation`, { headers })).status,
        ).toBe(200)
      expect(slept).toEqual([500, 1_000])
    } finally {
      server.close()
      server.closeAllConnections()
    }
  })
})

describe('past the threshold', () => {
  // The window runs on performance.now(), faked here: time moves when the test says.
  const limit = { limit: 3, windowMs: 60_000 }
  let engine: Awaited<ReturnType<typeof startEngine>>
  afterAll(async () => {
    vi.useRealTimers()
    await engine?.engine.close()
  })

  it('refuses with 429, its errors and a Retry-After, until requests leave the rolling hour', async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    engine = await startEngine(3, { rateLimit: limit })
    for (let n = 0; n < 3; n++) expect((await engine.call('/Widgets/1')).status).toBe(200)
    vi.advanceTimersByTime(20_000)
    const refused = await engine.call('/Widgets/1')
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('40')
    expect(refused.json).toEqual({ errors: [expect.stringContaining('threshold')] })
    expect(engine.engine.stats.rateLimited).toBe(1)
    vi.advanceTimersByTime(40_000)
    expect((await engine.call('/Widgets/1')).status).toBe(200)
  })

  it('counts no zone lookup and no refused credentials against the database', async () => {
    vi.advanceTimersByTime(60_000)
    const { engine: running, call } = engine
    await callJson(`${running.zoneInformationUrl}?user=${running.apiUsers[0]!.userName}`)
    await call('/Widgets/1', { headers: {} })
    const { json } = await call('/ThresholdInformation')
    expect(json.currentTimeframeRequestCount).toBe(1)
  })
})
