import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newApiKey } from '../../src/security/api-keys.js'
import { startHaloGateway, startSyncroGateway, type HaloGateway } from '../helpers/gateway.js'

let halo: HaloGateway
const base = '/v1/connections/halopsa-test'

beforeAll(async () => {
  halo = await startHaloGateway()
})
afterAll(() => halo.close())

const metricsText = async () => {
  const response = await halo.app.inject('/metrics')
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toMatch(/^text\/plain/)
  return response.body
}

/** The value of one sample line, e.g. `psagw_x_total{a="b"} 3`. */
const sample = (text: string, name: string, labels: Record<string, string>) => {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`)
  const line = text
    .split('\n')
    .find(
      (candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)),
    )
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

describe('GET /metrics', () => {
  it('counts vendor calls, requests by route, cache lookups, token fetches and breakers, naming no secret', async () => {
    const ticket = [...halo.emulator.db.tickets.keys()][0]
    for (let i = 0; i < 3; i++)
      expect((await halo.app.inject(`${base}/tickets/${ticket}`)).statusCode).toBe(200)
    expect((await halo.app.inject(`${base}/statuses`)).statusCode).toBe(200)
    expect((await halo.app.inject(`${base}/statuses`)).statusCode).toBe(200)
    const text = await metricsText()
    const connection = 'halopsa-test'
    // 3 ticket reads, the statuses once in three lists (all, without closed, without pending: how Halo's status
    // types are learnt) and the teams once (a ticket's board is its team, by name): 7 calls.
    const calls = 7
    expect(
      sample(text, 'psagw_vendor_calls_total', {
        connection,
        vendor: 'halopsa',
        method: 'GET',
        outcome: '200',
      }),
    ).toBe(calls)
    expect(sample(text, 'psagw_vendor_call_duration_seconds_count', { connection })).toBe(calls)
    // A turn a busy process reached too late is given up and another taken: each is a wait of its own.
    const lateTurns = sample(text, 'psagw_limiter_late_turns_total', { connection }) ?? 0
    expect(sample(text, 'psagw_limiter_wait_seconds_count', { connection })).toBe(calls + lateTurns)
    expect(
      sample(text, 'psagw_http_requests_total', {
        method: 'GET',
        route: '/v1/connections/:connection/tickets/:id',
        status: '200',
      }),
    ).toBe(3)
    expect(
      sample(text, 'psagw_reference_cache_lookups_total', { connection, name: 'statuses', result: 'miss' }),
    ).toBe(1)
    expect(
      sample(text, 'psagw_reference_cache_lookups_total', { connection, name: 'statuses', result: 'hit' }),
    ).toBe(4) // each ticket read categorises its status too: 5 lookups, the first a miss
    expect(sample(text, 'psagw_token_fetches_total', { connection })).toBe(1)
    expect(sample(text, 'psagw_breaker_state', { connection, state: 'closed' })).toBe(1)
    expect(text).toContain('psagw_process_resident_memory_bytes')
    for (const secret of [halo.connection.clientSecret, halo.connection.clientId])
      expect(text).not.toContain(secret)
    expect(text).not.toContain(`/tickets/${ticket}`)
    expect(text).not.toMatch(/Bearer|access_token/)
  })

  it('needs a read key when METRICS_PUBLIC is false', async () => {
    const { key, keyHash } = newApiKey()
    const gateway = await startSyncroGateway({
      config: { metricsPublic: false, apiKeys: [{ name: 'scraper', keyHash, scopes: ['read'] }] },
    })
    try {
      expect((await gateway.app.inject('/metrics')).statusCode).toBe(401)
      const allowed = await gateway.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${key}` },
      })
      expect(allowed.statusCode).toBe(200)
      expect(allowed.body).not.toContain(key)
    } finally {
      await gateway.close()
    }
  })
})
