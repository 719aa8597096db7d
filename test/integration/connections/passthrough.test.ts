import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { callbackPath, callbackSigningKey, callbackToken } from '../../../src/events/callback-token.js'
import { newApiKey } from '../../../src/security/api-keys.js'
import { startGateway, type Gateway } from '../../helpers/gateway.js'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../../helpers/vendors.js'

/**
 * The passthrough (docs/passthrough.md) against every emulator: an endpoint the canonical model does not cover
 * comes back as the vendor answered it, through the connection's limiter, breaker and retry rules; what the
 * scope, the allow-list or the path rules refuse never reaches the vendor.
 */

interface Unmodelled {
  /** Below the connection's API base, with a query that pages. */
  url: string
  /** Where the emulator's faults match it. */
  faultPrefix: string
  /** The vendor's own paging, in its headers or its body. */
  paging: (answer: { headers: Record<string, unknown>; body: unknown }) => unknown
}

const UNMODELLED: Record<string, Unmodelled> = {
  connectwise: {
    url: '/finance/agreements?pageSize=2&page=1&orderBy=id%20asc',
    faultPrefix: '/finance/agreements',
    paging: ({ headers }) => headers.link,
  },
  halopsa: {
    url: '/Invoice?pageinate=true&page_size=2&page_no=1',
    faultPrefix: '/api/Invoice',
    paging: ({ body }) => (body as { record_count?: unknown }).record_count,
  },
  syncro: {
    url: '/invoices?page=1',
    faultPrefix: '/invoices',
    paging: ({ body }) => (body as { meta?: unknown }).meta,
  },
  // Autotask's GET form of a query: the search in the URL (facts §2).
  autotask: {
    url: `/Roles/query?search=${encodeURIComponent(JSON.stringify({ filter: [{ op: 'exist', field: 'id' }], MaxRecords: 2 }))}`,
    faultPrefix: '/Roles',
    paging: ({ body }) => (body as { pageDetails?: { nextPageUrl?: unknown } }).pageDetails?.nextPageUrl,
  },
}

const CALLBACK_SECRET = 'a-long-callback-secret-0123456789abcdef'

describe.each(VENDOR_FIXTURES)('$vendor connection: passthrough', (fixture) => {
  const full = newApiKey()
  const readOnly = newApiKey()
  const noScopes = newApiKey()
  const noPassthrough = newApiKey()
  let vendor: VendorUnderTest
  let gateway: Gateway
  let unmodelled: Unmodelled
  const connectionOf = (id: string) => `/v1/connections/${id}/passthrough`

  beforeAll(async () => {
    vendor = await fixture.start()
    unmodelled = UNMODELLED[vendor.vendor]!
    const prefix = unmodelled.faultPrefix.replace(/^\/api/, '')
    gateway = await startGateway(
      [
        { ...vendor.connection, id: 'reads' },
        {
          ...vendor.connection,
          id: 'writes',
          passthrough: {
            allow: [
              { methods: ['GET'], prefix: '/' },
              { methods: ['POST', 'PUT'], prefix },
            ],
          },
        },
      ],
      {
        eventCallbackSecret: CALLBACK_SECRET,
        publicUrl: 'https://gw.example',
        apiKeys: [
          { name: 'full', keyHash: full.keyHash, scopes: ['read', 'write', 'passthrough'] },
          { name: 'read-only', keyHash: readOnly.keyHash, scopes: ['read', 'passthrough'] },
          { name: 'no-scopes', keyHash: noScopes.keyHash },
          { name: 'no-passthrough', keyHash: noPassthrough.keyHash, scopes: ['read', 'write'] },
        ],
      },
    )
    // HaloPSA's token is fetched once, before the counts below.
    expect((await call(full.key, { url: `${connectionOf('reads')}${unmodelled.url}` })).statusCode).toBe(200)
  })
  afterAll(async () => {
    await gateway?.close()
    await vendor?.close()
  })
  beforeEach(() => {
    vendor.faults.clear()
    vendor.resetStats()
  })

  /** HaloPSA's token requests, which the first call of a connection makes. */
  /** What a connection asks before its first call: a HaloPSA token, the Autotask zone. */
  const tokenRequests = () =>
    Object.entries(vendor.stats.byRoute)
      .filter(([route]) => route.endsWith('/auth/token') || route.endsWith('/zoneInformation'))
      .reduce((sum, [, count]) => sum + count, 0)

  const call = (key: string, options: InjectOptions) =>
    gateway.app.inject({ ...options, headers: { authorization: `Bearer ${key}`, ...options.headers } })

  const sample = (text: string, name: string, labels: Record<string, string>) => {
    const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`)
    const line = text
      .split('\n')
      .find(
        (candidate) => candidate.startsWith(`${name}{`) && wanted.every((label) => candidate.includes(label)),
      )
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1))
  }

  it("answers an endpoint the canonical model does not cover as the vendor did, paging included, under the connection's limiter and metrics", async () => {
    const metricsBefore = (await gateway.app.inject('/metrics')).body
    const response = await call(full.key, { url: `${connectionOf('reads')}${unmodelled.url}` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/json/)
    expect(response.headers['set-cookie']).toBeUndefined()
    const body = JSON.parse(response.body) as unknown
    expect(unmodelled.paging({ headers: response.headers, body })).toBeTruthy()
    const records = Array.isArray(body) ? body : Object.values(body as object).find(Array.isArray)
    expect(records?.length).toBeGreaterThan(0)
    expect(vendor.stats.requests).toBe(1)
    if (vendor.vendor === 'connectwise') expect(response.headers.link).toMatch(/rel="next"/)

    const metrics = (await gateway.app.inject('/metrics')).body
    const labels = { connection: 'reads', method: 'GET', outcome: '200' }
    expect(sample(metrics, 'psagw_vendor_calls_total', labels)).toBe(
      sample(metricsBefore, 'psagw_vendor_calls_total', labels) + 1,
    )
    const waits = { connection: 'reads' }
    expect(sample(metrics, 'psagw_limiter_wait_seconds_count', waits)).toBeGreaterThan(
      sample(metricsBefore, 'psagw_limiter_wait_seconds_count', waits),
    )
    // The route is counted by its template: a caller's paths never become label values.
    expect(metrics).toContain('route="/v1/connections/:connection/passthrough/*"')
    expect(metrics).not.toMatch(/Invoice|invoices|agreements/)
  })

  it("answers a vendor 4xx as it is, scrubbed of the connection's credentials", async () => {
    const [secret] = vendor.secrets
    vendor.faults.echo({
      status: 400,
      body: { message: 'bad request', echo: '{{headers}}' },
      headers: { link: `<https://vendor.example/x?key=${secret}>; rel="next"` },
      pathPrefix: unmodelled.faultPrefix,
    })
    const response = await call(full.key, { url: `${connectionOf('reads')}${unmodelled.url}` })
    expect(response.statusCode).toBe(400)
    const body = JSON.parse(response.body) as { message: string; echo: string }
    expect(body.message).toBe('bad request')
    expect(body.echo).toContain('[redacted]')
    expect(response.headers.link).toBe('<https://vendor.example/x?key=[redacted]>; rel="next"')
    for (const form of [secret!, encodeURIComponent(secret!)]) {
      expect(response.body).not.toContain(form)
      expect(JSON.stringify(response.headers)).not.toContain(form)
    }
  })

  it("scrubs the connection's callback token and signing key, gateway secrets, from what the vendor answers", async () => {
    const token = callbackToken(CALLBACK_SECRET, 'reads')
    // Autotask shows a webhook's secretKey, which is the connection's signing key.
    const signingKey = callbackSigningKey(CALLBACK_SECRET, 'reads')
    const callbackUrl = `https://gw.example${callbackPath('reads', token)}?recordId=`
    const url = `${connectionOf('reads')}${unmodelled.url}`
    for (const [contentType, body] of <Array<[string, string]>>[
      ['application/json', JSON.stringify([{ id: 1, url: callbackUrl, secretKey: signingKey }])],
      ['text/plain', `callback: ${callbackUrl} signed with ${signingKey}`],
    ]) {
      vendor.faults.respond({
        status: 200,
        body,
        headers: { 'content-type': contentType },
        pathPrefix: unmodelled.faultPrefix,
      })
      const answer = await call(readOnly.key, { url })
      expect(answer.statusCode).toBe(200)
      expect(answer.body).toContain('/callbacks/[redacted]?recordId=')
      expect(answer.body).not.toContain(token)
      expect(answer.body).not.toContain(signingKey)
    }
  })

  it('tells a browser to neither sniff nor run what any passthrough answer holds', async () => {
    vendor.faults.respond({
      status: 200,
      body: '<html><script>alert(document.domain)</script></html>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      pathPrefix: unmodelled.faultPrefix,
    })
    const html = await call(readOnly.key, { url: `${connectionOf('reads')}${unmodelled.url}` })
    const refused = await call(readOnly.key, { method: 'DELETE', url: `${connectionOf('reads')}/x` })
    expect([html.statusCode, refused.statusCode]).toEqual([200, 403])
    for (const answer of [html, refused]) {
      expect(answer.headers['x-content-type-options']).toBe('nosniff')
      expect(answer.headers['content-security-policy']).toBe("sandbox; default-src 'none'")
    }
  })

  it("marks every answer that is the vendor's with its status, and none of the gateway's own", async () => {
    const url = `${connectionOf('reads')}${unmodelled.url}`
    vendor.faults.respond({ status: 403, body: { message: 'no' }, pathPrefix: unmodelled.faultPrefix })
    const vendorRefusal = await call(readOnly.key, { url })
    const vendorAnswer = await call(readOnly.key, { url })
    const gatewayRefusal = await call(noPassthrough.key, { url })
    expect([vendorRefusal, vendorAnswer, gatewayRefusal].map((answer) => answer.statusCode)).toEqual([
      403, 200, 403,
    ])
    expect(vendorRefusal.headers['passthrough-vendor-status']).toBe('403')
    expect(vendorAnswer.headers['passthrough-vendor-status']).toBe('200')
    expect(gatewayRefusal.headers['passthrough-vendor-status']).toBeUndefined()
  })

  it('passes a write the allow-list names, and never repeats it once it may have reached the vendor', async () => {
    const url = `${connectionOf('writes')}${unmodelled.url.split('?')[0]}`
    const pathPrefix = unmodelled.faultPrefix
    vendor.faults.respond({
      status: 503,
      body: { message: 'busy' },
      method: 'POST',
      pathPrefix,
      times: Infinity,
    })
    const refused = await call(full.key, { method: 'POST', url, payload: { name: 'x' } })
    expect(refused.statusCode, refused.body).toBe(503)
    expect(JSON.parse(refused.body)).toEqual({ message: 'busy' })
    expect(vendor.stats.requests - tokenRequests()).toBe(1)

    vendor.faults.clear()
    vendor.faults.dropAnswer({ method: 'PUT', pathPrefix, times: Infinity })
    const dropped = await call(full.key, { method: 'PUT', url: `${url}/1`, payload: { name: 'x' } })
    expect(dropped.statusCode).toBe(502)
    expect(dropped.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(vendor.stats.requests - tokenRequests()).toBe(2)

    // A read is retried like every read.
    vendor.faults.clear()
    vendor.faults.respond({ status: 503, method: 'GET', pathPrefix, times: 1 })
    expect((await call(full.key, { url: `${connectionOf('writes')}${unmodelled.url}` })).statusCode).toBe(200)
    expect(vendor.stats.requests - tokenRequests()).toBe(4)
  })

  it("leaves the connection's canonical routes working however many vendor 5xx and 401 its passthrough gets", async () => {
    for (const status of [500, 401]) {
      vendor.faults.respond({
        status,
        body: { message: 'no' },
        method: 'GET',
        pathPrefix: unmodelled.faultPrefix,
        times: Infinity,
      })
      for (let i = 0; i < 3; i++) {
        const answer = await call(readOnly.key, { url: `${connectionOf('reads')}${unmodelled.url}` })
        expect(answer.statusCode).toBe(status)
      }
      vendor.faults.clear()
    }
    const tickets = await call(readOnly.key, { url: '/v1/connections/reads/tickets?pageSize=1' })
    expect(tickets.statusCode, tickets.body).toBe(200)
  })

  it('refuses, before any vendor call, what the scope or the allow-list does not let through', async () => {
    const cases: Array<[string, InjectOptions, number, RegExp]> = [
      [
        full.key,
        { method: 'POST', url: `${connectionOf('reads')}${unmodelled.url}`, payload: {} },
        403,
        /does not allow POST/,
      ],
      [
        full.key,
        { method: 'DELETE', url: `${connectionOf('writes')}${unmodelled.url}` },
        403,
        /does not allow DELETE/,
      ],
      [
        full.key,
        { method: 'POST', url: `${connectionOf('writes')}/system/other`, payload: {} },
        403,
        /does not allow POST \/system\/other/,
      ],
      [
        readOnly.key,
        { method: 'POST', url: `${connectionOf('writes')}${unmodelled.url}`, payload: {} },
        403,
        /'write' scope/,
      ],
      [noScopes.key, { url: `${connectionOf('reads')}${unmodelled.url}` }, 403, /'passthrough' scope/],
      [noPassthrough.key, { url: `${connectionOf('reads')}${unmodelled.url}` }, 403, /'passthrough' scope/],
      [
        full.key,
        {
          method: 'POST',
          url: `${connectionOf('writes')}${unmodelled.url}`,
          payload: {},
          headers: { 'idempotency-key': 'k-1' },
        },
        400,
        /Idempotency-Key/,
      ],
      ['', { url: `${connectionOf('reads')}${unmodelled.url}` }, 401, /API key/],
    ]
    for (const [key, options, status, detail] of cases) {
      const response = key ? await call(key, options) : await gateway.app.inject(options)
      expect(response.statusCode, `${options.method ?? 'GET'} ${options.url}`).toBe(status)
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(JSON.parse(response.body).detail).toMatch(detail)
    }
    expect(vendor.stats.requests).toBe(0)
  })

  it('refuses every path that would leave the vendor API base, over HTTP as sent, before any vendor call', async () => {
    const address = await gateway.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = gateway.app.server.address() as AddressInfo
    expect(address).toContain(String(port))
    const tricks = [
      '/a/../system/members',
      '/../../x',
      '/a/%2e%2e/b',
      '/a/%2E./b',
      '/a/.%2e/b',
      '/a/%252e%252e/b',
      '/./a',
      '/a%2fb',
      '/a%2F..%2Fb',
      '/a%5cb',
      '/a\\b',
      '//evil.example/x',
      '/a//b',
      '/http:%2F%2Fevil.example',
      '/user@evil.example',
      '/a%00b',
      '/a%0d%0aX-Injected:%201',
    ]
    for (const trick of tricks) {
      const { status, body } = await rawGet(port, `${connectionOf('reads')}${trick}`, full.key)
      expect(status, trick).toBe(400)
      expect(JSON.parse(body).code, trick).toBe('validation_failed')
    }
    expect(vendor.stats.requests).toBe(0)
  })

  it('takes no key where none is configured (sandbox, development), the allow-list still applied', async () => {
    const base = `${vendor.base}/passthrough`
    expect((await vendor.app.inject(`${base}${unmodelled.url}`)).statusCode).toBe(200)
    const write = await vendor.app.inject({ method: 'POST', url: `${base}${unmodelled.url}`, payload: {} })
    expect(write.statusCode).toBe(403)
  })
})

/** A GET whose path goes out as written: no client-side URL parsing to normalise `..` or `\`. */
function rawGet(port: number, path: string, key: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${key}` } },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      },
    )
    request.on('error', reject)
    request.end()
  })
}
