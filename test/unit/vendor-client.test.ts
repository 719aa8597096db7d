import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryTokenCache } from '../../src/state/tokens/token-cache.js'
import { MemoryRateLimiter } from '../../src/state/limiter/memory.js'
import { GatewayError } from '../../src/errors.js'
import {
  refillPerMs,
  type Acquisition,
  type BucketSpec,
  type RateLimiter,
} from '../../src/state/limiter/types.js'
import { GatewayMetrics } from '../../src/metrics.js'
import { RequestAdmission } from '../../src/vendor-http/admission.js'
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
  async release(): Promise<void> {}
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

  it('starts the retry budget when the first attempt leaves, not while the call queues for its turn', async () => {
    // The first connection is reset (a keep-alive race, a proxy), the second answers.
    const server = await vendor((request) => request.socket.destroy(), reply(200, { ok: true }))
    cleanup.push(server.close)
    let now = 1_000_000
    const settings = { ...DEFAULT_VENDOR_HTTP_SETTINGS, rateLimitMaxWaitMs: 10_000, retryBudgetMs: 2_000 }
    // The first turn is 5 s away (a full queue), longer than the whole retry budget.
    const waits = [5_000]
    const queued: RateLimiter = {
      acquire: async () => ({ granted: true, waitMs: waits.shift() ?? 0 }),
      block: async () => {},
      release: async () => {},
    }
    const answer = await client(server.url, {
      settings,
      limiter: queued,
      now: () => now,
      sleep: async (ms: number) => {
        now += ms
      },
    }).send({ method: 'GET', path: '/x' }, log)
    expect(answer.body).toEqual({ ok: true })
    expect(server.seen).toHaveLength(2)
  })

  it('stops a queued call when its caller goes away, without calling the vendor', async () => {
    const server = await vendor(reply(200, {}))
    cleanup.push(server.close)
    const queued: RateLimiter = {
      acquire: async () => ({ granted: true, waitMs: 60_000 }),
      block: async () => {},
      release: async () => {},
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
      release: async () => {},
    }
    const error = await failure(
      client(server.url, { limiter: full }).send({ method: 'GET', path: '/x' }, log),
    )
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', extras: { retryAfterSeconds: 5 } })
    expect(server.seen).toHaveLength(0)
  })
})

describe('turns at the rate limit', () => {
  const W = 1_000
  const settings = {
    ...DEFAULT_VENDOR_HTTP_SETTINGS,
    rateLimitMaxWaitMs: W,
    breakerFailureThreshold: 1,
    breakerCooldownMs: 5_000,
  }
  const bucket = { key: 'shared', limit: 20, windowMs: 1_000, burst: 1 }

  /** A clock that only moves when told, and a sleep that moves it: nothing here waits for real. */
  function fakeTime() {
    let now = 1_000_000
    return {
      now: () => now,
      advance: (ms: number) => (now += ms),
      sleep: async (ms: number) => {
        now += ms
      },
    }
  }

  /** Fills the shared bucket's queue as far as a newcomer may go: another replica under a flood. */
  async function saturate(limiter: MemoryRateLimiter, depth = W) {
    while ((await limiter.acquire(bucket, depth)).granted);
  }

  it("lets the breaker's probe through a queue that newcomers find full, and the breaker closes", async () => {
    const server = await vendor(reply(503, {}), reply(200, { ok: true }))
    cleanup.push(server.close)
    const time = fakeTime()
    const limiter = new MemoryRateLimiter({ now: time.now })
    const vendorClient = client(server.url, {
      settings: { ...settings, maxAttempts: 1 },
      limiter,
      bucket,
      ...time,
    })
    await failure(vendorClient.send({ method: 'GET', path: '/x' }, log))
    expect(vendorClient.health.breakerState(time.now())).toBe('open')
    time.advance(settings.breakerCooldownMs)
    await saturate(limiter)
    // A newcomer would be refused now: the probe goes ahead of it.
    expect((await limiter.acquire(bucket, W)).granted).toBe(false)
    const answer = await vendorClient.send({ method: 'GET', path: '/x' }, log)
    expect(answer.body).toEqual({ ok: true })
    expect(vendorClient.health.breakerState(time.now())).toBe('closed')
  })

  it('lets a request that has begun make its next call through a queue newcomers find full', async () => {
    const server = await vendor(reply(200, { ok: true }))
    cleanup.push(server.close)
    const time = fakeTime()
    const limiter = new MemoryRateLimiter({ now: time.now })
    const vendorClient = client(server.url, { settings, limiter, bucket, ...time })
    const admission = new RequestAdmission(time.now)
    await vendorClient.send({ method: 'GET', path: '/first' }, { ...log, admission })
    await saturate(limiter)
    const newcomer = await failure(vendorClient.send({ method: 'GET', path: '/x' }, log))
    expect(newcomer).toMatchObject({ status: 429 })
    const followUp = await vendorClient.send({ method: 'GET', path: '/second' }, { ...log, admission })
    expect(followUp.status).toBe(200)
  })

  it('reserves the calls a request expects in one go, and gives back those it did not make', async () => {
    const server = await vendor(reply(200, { ok: true }))
    cleanup.push(server.close)
    const time = fakeTime()
    const limiter = new MemoryRateLimiter({ now: time.now })
    const recorded: number[] = []
    const grants: Acquisition[] = []
    const counting: RateLimiter = {
      acquire: async (spec, maxWaitMs, count) => {
        recorded.push(count ?? 1)
        const grant = await limiter.acquire(spec, maxWaitMs, count)
        grants.push(grant)
        return grant
      },
      block: (spec, until) => limiter.block(spec, until),
      release: (spec, turnsAt) => limiter.release(spec, turnsAt),
    }
    const vendorClient = client(server.url, { settings, limiter: counting, bucket, ...time })
    const admission = new RequestAdmission(time.now)
    admission.expect(4)
    await vendorClient.send({ method: 'GET', path: '/page/1' }, { ...log, admission })
    await vendorClient.send({ method: 'GET', path: '/page/2' }, { ...log, admission })
    expect(recorded).toEqual([4])
    // Two turns are left unused and still ahead: given back, the next caller gets the third of them.
    await admission.release()
    const [reserved] = grants
    if (!reserved?.granted) throw new Error('refused')
    const third = reserved.issuedAt! + reserved.laterWaitsMs![1]!
    const next = await limiter.acquire(bucket, 60_000)
    expect(next.granted && time.now() + next.waitMs).toBe(third)
  })

  it('gives its turn back when its caller hangs up while it queues', async () => {
    const server = await vendor(reply(200, {}))
    cleanup.push(server.close)
    const time = fakeTime()
    const memory = new MemoryRateLimiter({ now: time.now })
    await saturate(memory, W / 2)
    const grants: Acquisition[] = []
    const limiter: RateLimiter = {
      acquire: async (spec, maxWaitMs, count) => {
        const grant = await memory.acquire(spec, maxWaitMs, count)
        grants.push(grant)
        return grant
      },
      block: (spec, until) => memory.block(spec, until),
      release: (spec, count) => memory.release(spec, count),
    }
    const caller = new AbortController()
    // The sleep never ends by itself: the caller hangs up while the call waits for its turn.
    const hanging = (_ms: number, _value: undefined, { signal }: { signal?: AbortSignal }) =>
      new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))))
    const call = client(server.url, { settings, limiter, bucket, now: time.now, sleep: hanging }).send(
      { method: 'GET', path: '/x' },
      { ...log, signal: caller.signal, admission: new RequestAdmission(time.now) },
    )
    await new Promise((resolve) => setImmediate(resolve))
    caller.abort()
    await failure(call)
    expect(server.seen).toHaveLength(0)
    // Its turn went back: the next caller gets that very turn, not the one after it.
    const next = await memory.acquire(bucket, W)
    expect(next).toEqual(grants[0])
  })

  it('gives up a turn it is too late for (a busy event loop) and takes another, rather than send late', async () => {
    const server = await vendor(reply(200, {}))
    cleanup.push(server.close)
    const time = fakeTime()
    const limiter = new MemoryRateLimiter({ now: time.now })
    let lateOnce = true
    const sleep = async (ms: number) => {
      time.advance(ms + (lateOnce ? 500 : 0))
      lateOnce = false
    }
    await limiter.acquire(bucket, W) // the burst is used: the next turn waits
    const metrics = new GatewayMetrics(() => [])
    await client(server.url, { settings, limiter, bucket, now: time.now, sleep, metrics }).send(
      { method: 'GET', path: '/x' },
      log,
    )
    expect(await metrics.registry.getSingleMetricAsString('psagw_limiter_late_turns_total')).toContain(' 1')
    expect(server.seen).toHaveLength(1)
  })
})

describe('turns reserved ahead', () => {
  const settings = { ...DEFAULT_VENDOR_HTTP_SETTINGS, rateLimitMaxWaitMs: 1_000 }
  const bucket = { key: 'ahead', limit: 20, windowMs: 1_000, burst: 1 }

  function fakeTime() {
    let now = 1_000_000
    return {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms
      },
    }
  }

  it('reserves no more turns than an idle bucket gives within the wait, and takes the rest as they come', async () => {
    const server = await vendor(reply(200, {}))
    cleanup.push(server.close)
    const time = fakeTime()
    const memory = new MemoryRateLimiter({ now: time.now })
    const asked: number[] = []
    const limiter: RateLimiter = {
      acquire: (spec, maxWaitMs, count) => {
        asked.push(count ?? 1)
        return memory.acquire(spec, maxWaitMs, count)
      },
      block: (spec, until) => memory.block(spec, until),
      release: (spec, turnsAt) => memory.release(spec, turnsAt),
    }
    const admission = new RequestAdmission(time.now)
    admission.expect(40) // two seconds of turns, where a newcomer may wait one
    const answer = await client(server.url, { settings, limiter, bucket, ...time }).send(
      { method: 'GET', path: '/page/1' },
      { ...log, admission },
    )
    expect(answer.status).toBe(200)
    // The burst (1) and what 1 s of waiting refills (about 18): 40 could never fit.
    expect(asked).toEqual([Math.floor(1 + 1_000 * refillPerMs(bucket))])
  })

  it('gives up its reserved turns that fall within a vendor 429 block: the retry waits the block out', async () => {
    const time = fakeTime()
    const sentAt: number[] = []
    const server = await vendor(
      (_, response) => {
        sentAt.push(time.now())
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '2' }).end('{}')
      },
      (_, response) => {
        sentAt.push(time.now())
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      },
    )
    cleanup.push(server.close)
    const admission = new RequestAdmission(time.now)
    admission.expect(4)
    const vendorClient = client(server.url, {
      settings,
      limiter: new MemoryRateLimiter({ now: time.now }),
      bucket,
      ...time,
    })
    await vendorClient.send({ method: 'GET', path: '/page/1' }, { ...log, admission })
    expect(sentAt).toHaveLength(2)
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(2_000)
  })
})

describe('VendorClient.sendRaw (the passthrough)', () => {
  const secret = 's3cr+t/key-0123456789'
  const rawClient = (url: string, overrides: Partial<VendorClientOptions> = {}) =>
    client(url, { auth: staticAuth({ authorization: `Bearer ${secret}` }, [secret]), ...overrides })

  it('answers a vendor 401 as it is, renewing no token and sending nothing again', async () => {
    const server = await vendor(reply(401, { message: 'not for this path' }))
    cleanup.push(server.close)
    let issued = 0
    const auth = bearerTokenAuth(
      new MemoryTokenCache(),
      'test',
      async () => ({ value: `token-${++issued}`, expiresAt: Date.now() + 3_600_000 }),
      [],
    )
    const vendorClient = client(server.url, { auth })
    for (let call = 0; call < 3; call++) {
      expect((await vendorClient.sendRaw({ method: 'GET', path: '/reports/x' }, log)).status).toBe(401)
    }
    expect([issued, server.seen.length]).toEqual([1, 3])
  })

  it('answers a vendor 4xx as it is, with the headers a caller may see and none other', async () => {
    const server = await vendor(
      reply(
        404,
        { code: 'RecordNotFound', echo: `Bearer ${secret}` },
        {
          link: `<https://vendor.example/api/x?page=2&key=${encodeURIComponent(secret)}>; rel="next"`,
          'x-total-count': '40',
          'pagination-page-size': '25',
          'set-cookie': 'session=abc',
          'www-authenticate': 'Bearer',
          'x-internal': 'yes',
        },
      ),
    )
    cleanup.push(server.close)
    const answer = await rawClient(server.url).sendRaw({ method: 'GET', path: '/things/9' }, log)
    expect(answer.status).toBe(404)
    expect(JSON.parse(answer.body.toString())).toEqual({ code: 'RecordNotFound', echo: 'Bearer [redacted]' })
    expect(answer.headers).toEqual({
      'content-type': 'application/json',
      link: '<https://vendor.example/api/x?page=2&key=[redacted]>; rel="next"',
      'x-total-count': '40',
      'pagination-page-size': '25',
    })
    expect(server.seen).toHaveLength(1)
  })

  it('scrubs a secret however the body carries it, and leaves the other bytes as they were', async () => {
    const escaped = `{"echo":"${secret.replace('+', '\\u002B').replace('/', '\\/')}","n":1}`
    const binary = Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), Buffer.from(secret), Buffer.from([0x80])])
    const server = await vendor(
      (_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(escaped),
      (_, response) => response.writeHead(200, { 'content-type': 'text/csv' }).end(`id,key\n1,${secret}\n`),
      (_, response) => response.writeHead(200, { 'content-type': 'application/pdf' }).end(binary),
    )
    cleanup.push(server.close)
    const vendorClient = rawClient(server.url)
    const json = await vendorClient.sendRaw({ method: 'GET', path: '/a' }, log)
    expect(json.body.toString()).toBe('{"echo":"[redacted]","n":1}')
    const csv = await vendorClient.sendRaw({ method: 'GET', path: '/b' }, log)
    expect(csv.body.toString()).toBe('id,key\n1,[redacted]\n')
    expect(csv.headers['content-type']).toBe('text/csv')
    const pdf = await vendorClient.sendRaw({ method: 'GET', path: '/c' }, log)
    expect(pdf.body).toEqual(
      Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), Buffer.from('[redacted]'), Buffer.from([0x80])]),
    )
  })

  it('never repeats a write that may have reached the vendor; repeats a read', async () => {
    const busy = reply(503, { message: 'busy' })
    const server = await vendor(busy, busy, reply(200, { ok: true }))
    cleanup.push(server.close)
    const write = await rawClient(server.url).sendRaw({ method: 'PUT', path: '/things/1', body: {} }, log)
    expect(write.status).toBe(503)
    expect(server.seen).toHaveLength(1)
    const read = await rawClient(server.url).sendRaw({ method: 'GET', path: '/things/1' }, log)
    expect(read.status).toBe(200)
    expect(server.seen).toHaveLength(3)
  })

  it('follows no redirect, and keeps its Location from the caller', async () => {
    const elsewhere = await vendor(reply(200, { stolen: true }))
    cleanup.push(elsewhere.close)
    const server = await vendor((_, response) =>
      response
        .writeHead(302, { location: `${elsewhere.url}/steal`, 'content-type': 'text/plain' })
        .end('moved'),
    )
    cleanup.push(server.close)
    const answer = await rawClient(server.url).sendRaw({ method: 'GET', path: '/things' }, log)
    expect(answer.status).toBe(302)
    expect(answer.headers).toEqual({ 'content-type': 'text/plain' })
    expect(answer.body.toString()).toBe('moved')
    expect(elsewhere.seen).toHaveLength(0)
  })

  it("never counts the vendor's answers against the breaker, only calls it did not answer; an open breaker refuses it", async () => {
    const server = await vendor(
      reply(500, { message: 'down' }),
      reply(401, { message: 'who?' }),
      reply(500, { message: 'down' }),
      (request) => request.socket.destroy(),
    )
    cleanup.push(server.close)
    const settings = { ...DEFAULT_VENDOR_HTTP_SETTINGS, breakerFailureThreshold: 2, maxAttempts: 1 }
    const vendorClient = rawClient(server.url, { settings })
    for (const status of [500, 401, 500])
      expect((await vendorClient.sendRaw({ method: 'GET', path: '/x' }, log)).status).toBe(status)
    expect(vendorClient.health.report().breaker).toBe('closed')
    for (let i = 0; i < 2; i++)
      expect((await failure(vendorClient.sendRaw({ method: 'GET', path: '/x' }, log))).status).toBe(502)
    const refused = await failure(vendorClient.sendRaw({ method: 'GET', path: '/x' }, log))
    expect(refused).toMatchObject({ status: 503, code: 'vendor_unavailable' })
    expect(server.seen).toHaveLength(5)
  })

  it("sends the caller's query and Accept where the connection pins none, and no path outside the base", async () => {
    const server = await vendor(reply(200, []))
    cleanup.push(server.close)
    const query = new URLSearchParams('a=1&a=2&conditions=id%20%3E%205')
    await rawClient(server.url).sendRaw({ method: 'GET', path: '/x', query, accept: 'text/csv' }, log)
    await rawClient(server.url, { headers: { accept: 'application/vnd.pinned+json' } }).sendRaw(
      { method: 'GET', path: '/x', accept: 'text/csv' },
      log,
    )
    expect(server.seen.map((request) => [request.url, request.headers.accept])).toEqual([
      ['/api/x?a=1&a=2&conditions=id+%3E+5', 'text/csv'],
      ['/api/x', 'application/vnd.pinned+json'],
    ])
    const outside = await failure(rawClient(server.url).sendRaw({ method: 'GET', path: '/../../x' }, log))
    expect(outside.status).toBe(400)
    expect(server.seen).toHaveLength(2)
  })
})

describe('a base URL found when each call starts (a vendor zone)', () => {
  it('sends each call, the passthrough too, below what the lookup answered then', async () => {
    const server = await vendor(reply(200, { ok: true }))
    cleanup.push(server.close)
    const bases = [`${server.url}/zone-a`, `${server.url}/zone-b`]
    let lookups = 0
    const vendorClient = client('unused', { baseUrl: async () => bases[lookups++ % 2]! })
    await vendorClient.send({ method: 'GET', path: '/things' }, log)
    await vendorClient.sendRaw({ method: 'GET', path: '/things' }, log)
    expect(server.seen.map((request) => request.url)).toEqual(['/api/zone-a/things', '/api/zone-b/things'])
  })

  it('fails a call whose lookup failed with its error, and sends nothing', async () => {
    const server = await vendor(reply(200, { ok: true }))
    cleanup.push(server.close)
    const lost = new GatewayError(502, 'vendor_unavailable', 'no zone')
    const vendorClient = client(server.url, {
      baseUrl: async () => {
        throw lost
      },
    })
    expect(await failure(vendorClient.send({ method: 'GET', path: '/x' }, log))).toBe(lost)
    expect(await failure(vendorClient.sendRaw({ method: 'GET', path: '/x' }, log))).toBe(lost)
    expect(server.seen).toHaveLength(0)
  })
})

describe('an error answer that stands for another status', () => {
  /** Reads `{"rule": "…"}` bodies as the caller's fault, whatever the vendor's status says. */
  const describeError = (_status: number, body: unknown) => {
    const rule = (body as { rule?: string })?.rule
    return rule ? { status: 400, message: rule, errors: [{ field: 'title', message: rule }] } : { errors: [] }
  }

  it("is the caller's error, neither repeated nor counted against the breaker", async () => {
    const server = await vendor(reply(500, { rule: 'title is required' }))
    cleanup.push(server.close)
    const settings = { ...DEFAULT_VENDOR_HTTP_SETTINGS, breakerFailureThreshold: 1 }
    const vendorClient = client(server.url, { describeError, settings })
    for (let i = 0; i < 2; i++) {
      const error = await failure(
        vendorClient.send({ method: 'PATCH', path: '/x', body: {}, fieldNames: { title: 'subject' } }, log),
      )
      expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
      expect(error.extras).toMatchObject({
        vendor: { status: 500 },
        errors: [{ field: 'subject', message: 'title is required' }],
      })
    }
    expect(server.seen).toHaveLength(2)
    expect(vendorClient.health.report().breaker).toBe('closed')
  })

  it('leaves an answer its description says nothing of as the vendor gave it: a 500 opens the breaker', async () => {
    const server = await vendor(reply(500, { message: 'down' }))
    cleanup.push(server.close)
    const settings = { ...DEFAULT_VENDOR_HTTP_SETTINGS, breakerFailureThreshold: 1 }
    const vendorClient = client(server.url, { describeError, settings })
    expect(await failure(vendorClient.send({ method: 'GET', path: '/x' }, log))).toMatchObject({
      status: 502,
    })
    expect(vendorClient.health.report().breaker).toBe('open')
  })
})
