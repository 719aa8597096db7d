import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryTokenCache } from '../../src/cache/token-cache.js'
import { MemoryRateLimiter } from '../../src/limiter/memory.js'
import { GatewayError } from '../../src/errors.js'
import type { Acquisition, BucketSpec, RateLimiter } from '../../src/limiter/types.js'
import { bearerTokenAuth, staticAuth } from '../../src/vendor-http/auth.js'
import { VendorClient, type VendorClientOptions } from '../../src/vendor-http/client.js'
import { PoolRegistry } from '../../src/vendor-http/pools.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../src/vendor-http/settings.js'

type Handler = (request: IncomingMessage, response: ServerResponse) => void

/** A local vendor on port 0 that answers with the handlers in turn (the last one repeats). */
async function vendor(...handlers: Handler[]) {
  const seen: IncomingMessage[] = []
  const server = createServer((request, response) => {
    seen.push(request)
    const handler = handlers[Math.min(seen.length - 1, handlers.length - 1)]!
    handler(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/api`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const reply =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
  }

/** Records what the client asked of the limiter; always grants at once. */
class RecordingLimiter implements RateLimiter {
  readonly blocks: number[] = []
  acquisitions = 0
  async acquire(): Promise<Acquisition> {
    this.acquisitions += 1
    return { granted: true, waitMs: 0 }
  }
  async block(_bucket: BucketSpec, untilMs: number): Promise<void> {
    this.blocks.push(untilMs)
  }
}

const log = { log: pino({ level: 'silent' }) }
const cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close()
})

function client(url: string, overrides: Partial<VendorClientOptions> = {}) {
  const pools = new PoolRegistry(DEFAULT_VENDOR_HTTP_SETTINGS)
  cleanup.push(() => pools.close())
  return new VendorClient({
    connectionId: 'test',
    vendor: 'testvendor',
    baseUrl: url,
    pools,
    limiter: new RecordingLimiter(),
    bucket: { key: 'k', limit: 10, windowMs: 1_000, burst: 1 },
    auth: staticAuth({ authorization: 'Bearer key' }, ['key']),
    describeError: (_status, body) => ({ message: (body as { message?: string })?.message, errors: [] }),
    settings: DEFAULT_VENDOR_HTTP_SETTINGS,
    random: () => 0,
    ...overrides,
  })
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    if (error instanceof GatewayError) return error
    throw error
  }
  throw new Error('expected a GatewayError')
}

describe('VendorClient', () => {
  it('blocks the bucket for every caller until the vendor Retry-After, then retries', async () => {
    const server = await vendor(
      reply(429, { message: 'slow down' }, { 'retry-after': '2' }),
      reply(200, { ok: true }),
    )
    cleanup.push(server.close)
    const limiter = new RecordingLimiter()
    const now = 1_000_000
    const answer = await client(server.url, { limiter, now: () => now }).send(
      { method: 'GET', path: '/things' },
      log,
    )
    expect(answer.body).toEqual({ ok: true })
    expect(limiter.blocks).toEqual([now + 2_000])
    expect(limiter.acquisitions).toBe(2)
    expect(server.seen.map((r) => r.url)).toEqual(['/api/things', '/api/things'])
  })

  it('blocks the bucket when the vendor says its quota is spent', async () => {
    const server = await vendor(reply(200, {}, { 'x-ratelimit-remaining': '0' }))
    cleanup.push(server.close)
    const limiter = new RecordingLimiter()
    const hint = (headers: Record<string, unknown>, now: number) =>
      headers['x-ratelimit-remaining'] === '0' ? now + 5_000 : undefined
    await client(server.url, { limiter, rateLimitHint: hint, now: () => 10 }).send(
      { method: 'GET', path: '/x' },
      log,
    )
    expect(limiter.blocks).toEqual([5_010])
  })

  it('refreshes a rejected token once and retries once, not once per attempt', async () => {
    const server = await vendor(reply(401, { message: 'expired' }), reply(200, { ok: true }))
    cleanup.push(server.close)
    const tokens = new MemoryTokenCache()
    let issued = 0
    const auth = bearerTokenAuth(
      tokens,
      'test',
      async () => ({
        value: `token-${++issued}`,
        expiresAt: Date.now() + 3_600_000,
      }),
      [],
    )
    await client(server.url, { auth }).send({ method: 'GET', path: '/x' }, log)
    expect(server.seen.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2'])

    const rejecting = await vendor(reply(401, { message: 'no' }))
    cleanup.push(rejecting.close)
    const error = await failure(client(rejecting.url, { auth }).send({ method: 'GET', path: '/x' }, log))
    expect(error.status).toBe(502)
    expect(rejecting.seen).toHaveLength(2)
  })

  it('sends JSON bodies and query strings, and maps vendor errors with canonical field names', async () => {
    const server = await vendor((request, response) => {
      let text = ''
      request.on('data', (chunk) => (text += chunk))
      request.on('end', () => reply(422, { echoed: JSON.parse(text), message: 'bad' })(request, response))
    })
    cleanup.push(server.close)
    const vendorClient = client(server.url, {
      describeError: () => ({
        message: 'bad',
        errors: [{ field: 'customer_id', message: 'does not exist' }, { message: 'other' }],
      }),
    })
    const error = await failure(
      vendorClient.send(
        {
          method: 'POST',
          path: '/tickets',
          query: { a: 1, b: undefined },
          body: { customer_id: 5 },
          fieldNames: { customer_id: 'customerId' },
        },
        log,
      ),
    )
    expect(server.seen[0]?.url).toBe('/api/tickets?a=1')
    expect(server.seen[0]?.headers['content-type']).toBe('application/json')
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
    expect(error.extras.errors).toEqual([
      { field: 'customerId', message: 'does not exist' },
      { message: 'other' },
    ])
  })

  it('retries a POST whose connection was refused (it never reached the vendor)', async () => {
    const server = await vendor(reply(201, { id: 1 }))
    const url = server.url
    await server.close()
    let connectFailures = 0
    const count = () => (connectFailures += 1)
    subscribe('undici:client:connectError', count)
    cleanup.push(async () => {
      unsubscribe('undici:client:connectError', count)
    })
    const settings = { ...DEFAULT_VENDOR_HTTP_SETTINGS, maxAttempts: 3 }
    const error = await failure(client(url, { settings }).send({ method: 'POST', path: '/x', body: {} }, log))
    expect(error).toMatchObject({ status: 502, code: 'vendor_unavailable' })
    expect(error.detail).toContain('could not connect')
    expect(connectFailures).toBe(3)
  })

  it('waits out a vendor Retry-After longer than the queue limit when the retry budget allows it', async () => {
    const server = await vendor(reply(429, {}, { 'retry-after': '15' }), reply(200, { ok: true }))
    cleanup.push(server.close)
    let now = 1_000_000
    const started = now
    const fakeSleep = async (ms: number) => {
      now += ms
    }
    const settings = { ...DEFAULT_VENDOR_HTTP_SETTINGS, rateLimitMaxWaitMs: 10_000, retryBudgetMs: 20_000 }
    const answer = await client(server.url, {
      settings,
      limiter: new MemoryRateLimiter({ now: () => now }),
      now: () => now,
      sleep: fakeSleep,
    }).send({ method: 'GET', path: '/x' }, log)
    expect(answer.body).toEqual({ ok: true })
    expect(now - started).toBeGreaterThanOrEqual(15_000)
    expect(server.seen).toHaveLength(2)
  })

  it('stops a queued call when its caller goes away, without calling the vendor', async () => {
    const server = await vendor(reply(200, {}))
    cleanup.push(server.close)
    const queued: RateLimiter = {
      acquire: async () => ({ granted: true, waitMs: 60_000 }),
      block: async () => {},
    }
    const caller = new AbortController()
    const call = client(server.url, { limiter: queued }).send(
      { method: 'GET', path: '/x' },
      { ...log, signal: caller.signal },
    )
    caller.abort()
    const error = await failure(call)
    expect(error.detail).toContain('the caller went away')
    expect(server.seen).toHaveLength(0)
  })

  it('answers 502 when a 2xx body is not the JSON it claims to be', async () => {
    const server = await vendor((_, response) =>
      response.writeHead(200, { 'content-type': 'application/json' }).end('<html>'),
    )
    cleanup.push(server.close)
    const vendorClient = client(server.url)
    const error = await failure(vendorClient.send({ method: 'GET', path: '/x' }, log))
    expect(error).toMatchObject({ status: 502, code: 'vendor_unavailable' })
    expect(vendorClient.health.report().status).toBe('failing')
  })

  it('answers 429 at once when the limiter queue is too long', async () => {
    const server = await vendor(reply(200, {}))
    cleanup.push(server.close)
    const full: RateLimiter = {
      acquire: async () => ({ granted: false, retryAfterMs: 4_200 }),
      block: async () => {},
    }
    const error = await failure(
      client(server.url, { limiter: full }).send({ method: 'GET', path: '/x' }, log),
    )
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', extras: { retryAfterSeconds: 5 } })
    expect(server.seen).toHaveLength(0)
  })
})
