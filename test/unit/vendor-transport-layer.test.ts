import { describe, expect, it } from 'vitest'
import type { CallCancellation } from '../../src/vendor-http/cancellation.js'
import type { Exchange } from '../../src/vendor-http/layers/exchange.js'
import { transport } from '../../src/vendor-http/layers/transport.js'
import type { PoolRegistry } from '../../src/vendor-http/pools.js'
import { exchangeOf as exchangeWithoutBase, fakeTime, recordingObserver } from '../helpers/vendor-layers.js'

/** The exchange of a call below the connection's API base, which the client finds when the call starts. */
const exchangeOf = (...args: Parameters<typeof exchangeWithoutBase>) =>
  Object.assign(exchangeWithoutBase(...args), { baseUrl: 'https://vendor.example/api/v1/' })

interface Sent {
  origin: string
  method: string
  path: string
  headers: Record<string, string>
  body?: string
  signal: CallCancellation
}

/** A pool that answers every request with `answer` after 40 ms on the fake clock, or fails with `error`. */
function fakeUndici(answer: {
  status?: number
  headers?: Record<string, string>
  text?: string
  error?: unknown
}) {
  const time = fakeTime()
  const sent: Sent[] = []
  const pools = {
    get: (origin: string) => ({
      async request(options: Omit<Sent, 'origin'>) {
        sent.push({ origin, ...options })
        time.advance(40)
        if (answer.error) throw answer.error
        return {
          statusCode: answer.status ?? 200,
          headers: answer.headers ?? { 'content-type': 'application/json' },
          body: { bytes: async () => new TextEncoder().encode(answer.text ?? '{"ok":true}') },
        }
      },
    }),
  } as unknown as Pick<PoolRegistry, 'get'>
  const { observer, events } = recordingObserver()
  const layer = transport({
    vendor: 'testvendor',
    pools,
    headers: { clientId: 'pinned' },
    settings: { requestTimeoutMs: 60_000 },
    now: time.now,
    observer,
  })
  const send = async (exchange: Exchange) => {
    exchange.authHeaders = { authorization: 'Bearer token' }
    return layer.send(exchange)
  }
  return { sent, events, time, send }
}

describe('the transport layer', () => {
  it('sends the call below the base URL with its query, JSON body and headers', async () => {
    const { send, sent } = fakeUndici({})
    await send(
      exchangeOf({
        method: 'POST',
        path: '/tickets',
        query: { a: 1, b: undefined, c: true },
        body: { x: 1 },
      }),
    )
    expect(sent[0]).toMatchObject({
      origin: 'https://vendor.example',
      method: 'POST',
      path: '/api/v1/tickets?a=1&c=true',
      body: '{"x":1}',
      headers: {
        accept: 'application/json',
        'user-agent': 'psa-gateway',
        clientId: 'pinned',
        authorization: 'Bearer token',
        'content-type': 'application/json',
      },
    })
  })

  it.each<[string, Parameters<typeof fakeUndici>[0], object]>([
    ['JSON', { text: '{"id":1}' }, { body: { id: 1 } }],
    ['text', { headers: { 'content-type': 'text/html' }, text: '<p>' }, { body: '<p>' }],
    ['nothing', { status: 204, text: '' }, { body: undefined }],
    ['JSON that is not', { text: '<html>' }, { body: '<html>', unreadable: true }],
  ])('reads a body of %s, and keeps its bytes', async (_, answer, read) => {
    const { send } = fakeUndici(answer)
    const result = await send(exchangeOf())
    expect(result).toEqual({
      kind: 'response',
      status: answer.status ?? 200,
      headers: expect.any(Object),
      bytes: Buffer.from(answer.text ?? ''),
      ...read,
    })
  })

  it('tells the observer of each attempt and its duration, and when it left', async () => {
    const { send, events, time } = fakeUndici({ status: 503 })
    const exchange = exchangeOf()
    const leaving = time.now()
    await send(exchange)
    expect(events).toEqual(['attempted 503 40ms'])
    expect(exchange.sentAt).toBe(leaving)
  })

  it('classifies a failure without an answer', async () => {
    const { send, events } = fakeUndici({
      error: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    })
    expect(await send(exchangeOf())).toEqual({
      kind: 'transport',
      failure: { reachedVendor: false, timedOut: false },
    })
    expect(events).toEqual(['attempted transport 40ms'])
  })

  it('cancels a read when its caller hangs up, never a write already on its way', async () => {
    const caller = new AbortController()
    const failing = { error: Object.assign(new Error('aborted'), { name: 'AbortError' }) }
    const read = fakeUndici(failing)
    caller.abort()
    await expect(read.send(exchangeOf({}, { signal: caller.signal }))).rejects.toMatchObject({
      detail: expect.stringContaining('the caller went away'),
    })
    expect(read.sent[0]?.signal.aborted).toBe(true)
    const write = fakeUndici(failing)
    expect(await write.send(exchangeOf({ method: 'POST' }, { signal: caller.signal }))).toMatchObject({
      kind: 'transport',
    })
    expect(write.sent[0]?.signal.aborted).toBe(false)
  })
})
