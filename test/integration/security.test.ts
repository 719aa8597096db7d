import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newApiKey } from '../../src/security/api-keys.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../src/vendor-http/settings.js'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

const HASHED = newApiKey()
const FULL = 'full-access-key-0123456789'
const READ_ONLY = 'read-only-key-0123456789'
const OTHER_CONNECTION = 'other-connection-key-0123'

let gateway: SyncroGateway

beforeAll(async () => {
  gateway = await startSyncroGateway({
    config: {
      apiKeys: [
        { name: 'full', key: FULL },
        { name: 'hashed', keyHash: HASHED.keyHash, scopes: ['read'] },
        { name: 'reader', key: READ_ONLY, scopes: ['read'] },
        { name: 'elsewhere', key: OTHER_CONNECTION, connections: ['syncro-eu'] },
      ],
    },
  })
})
afterAll(() => gateway.close())

const inject = (url: string, key?: string, method: 'GET' | 'POST' = 'GET') =>
  gateway.app.inject({
    method,
    url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
    ...(method === 'POST' ? { payload: { name: 'Acme' } } : {}),
  })

describe('gateway API keys', () => {
  it.each([
    ['no key', undefined, 'GET', 401, 'unauthorized'],
    ['a wrong key', 'not-a-key-at-all-000000', 'GET', 401, 'unauthorized'],
    ['a read-only key writing', READ_ONLY, 'POST', 403, 'forbidden'],
    ['a key for another connection', OTHER_CONNECTION, 'GET', 403, 'forbidden'],
  ] as const)('%s -> %i', async (_, key, method, status, code) => {
    const before = gateway.emulator.db.customers.size
    const response = await inject('/v1/connections/syncro-test/customers', key, method)
    expect([response.statusCode, json(response).code]).toEqual([status, code])
    expect(gateway.emulator.db.customers.size).toBe(before)
  })

  it('reads the Bearer scheme in any case', async () => {
    const response = await gateway.app.inject({
      url: '/v1/connections/syncro-test/customers',
      headers: { authorization: `bearer ${FULL}` },
    })
    expect(response.statusCode).toBe(200)
  })

  it('knows a key configured only by its hash, with its scopes', async () => {
    expect((await inject('/v1/connections/syncro-test/customers', HASHED.key)).statusCode).toBe(200)
    expect((await inject('/v1/connections/syncro-test/customers', HASHED.keyHash)).statusCode).toBe(401)
    expect((await inject('/v1/connections/syncro-test/customers', HASHED.key, 'POST')).statusCode).toBe(403)
  })

  it('lets a valid key in, read-only keys reading', async () => {
    expect((await inject('/v1/connections/syncro-test/customers', FULL)).statusCode).toBe(200)
    expect((await inject('/v1/connections/syncro-test/customers', READ_ONLY)).statusCode).toBe(200)
    expect(
      (
        await gateway.app.inject({
          url: '/v1/connections/syncro-test/statuses',
          headers: { 'x-api-key': READ_ONLY },
        })
      ).statusCode,
    ).toBe(200)
  })

  it('treats HEAD as a read', async () => {
    const response = await gateway.app.inject({
      method: 'HEAD',
      url: '/v1/connections/syncro-test/customers',
      headers: { authorization: `Bearer ${READ_ONLY}` },
    })
    expect(response.statusCode).toBe(200)
  })

  it('lists only the connections a key may use', async () => {
    expect(json<{ data: unknown[] }>(await inject('/v1/connections', FULL)).data).toHaveLength(1)
    expect(json<{ data: unknown[] }>(await inject('/v1/connections', OTHER_CONNECTION)).data).toHaveLength(0)
  })

  it('keeps health and docs open', async () => {
    for (const url of ['/healthz', '/readyz', '/openapi.json', '/docs'])
      expect((await inject(url)).statusCode).toBe(200)
  })

  it('tells readiness to anyone, and which connections and breakers only to a read key', async () => {
    expect(json(await inject('/readyz'))).toEqual({ status: 'ready' })
    expect(json(await inject('/readyz', 'not-a-key-at-all-000000'))).toEqual({ status: 'ready' })
    const detailed = json<{ checks: { connections: Record<string, string> } }>(
      await inject('/readyz', READ_ONLY),
    )
    expect(detailed.checks.connections).toEqual({ 'syncro-test': 'closed' })
  })
})

describe('request ids', () => {
  it('echoes a sane x-request-id and uses it in problems', async () => {
    const response = await gateway.app.inject({
      url: '/v1/connections/nope',
      headers: { 'x-request-id': 'trace-123' },
    })
    expect(response.headers['x-request-id']).toBe('trace-123')
    expect(json(response).requestId).toBe('trace-123')
  })

  it('replaces an unsafe one', async () => {
    const response = await gateway.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    })
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('per-key shares of a vendor limit', () => {
  it("keeps a busy key to its share, so another key's calls still go through", async () => {
    const busy = newApiKey()
    const other = newApiKey()
    const limited = await startSyncroGateway({
      emulator: { rateLimit: { limit: 20, windowMs: 1_000 } },
      config: {
        apiKeys: [
          { name: 'busy', keyHash: busy.keyHash, vendorShare: 0.25 },
          { name: 'other', keyHash: other.keyHash },
        ],
        vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, rateLimitMaxWaitMs: 500 },
      },
    })
    try {
      const url = `/v1/connections/syncro-test/customers/${[...limited.emulator.db.customers.keys()][0]}`
      const as = (key: string) => limited.app.inject({ url, headers: { authorization: `Bearer ${key}` } })
      const [flood, others] = await Promise.all([
        Promise.all(Array.from({ length: 20 }, () => as(busy.key))),
        Promise.all(Array.from({ length: 5 }, () => as(other.key))),
      ])
      const refused = flood.filter((response) => response.statusCode === 429)
      expect(refused.length).toBeGreaterThan(10)
      expect(json(refused[0]!)).toMatchObject({ code: 'rate_limited' })
      expect(json<{ detail: string }>(refused[0]!).detail).toContain("this API key's share")
      expect(others.map((response) => response.statusCode)).toEqual(Array(5).fill(200))
      expect(limited.emulator.stats.rateLimited).toBe(0)
    } finally {
      await limited.close()
    }
  })
})
