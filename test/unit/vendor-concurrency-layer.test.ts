import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import { concurrencyLayer } from '../../src/vendor-http/layers/concurrency.js'
import type { Attempt, Exchange } from '../../src/vendor-http/layers/exchange.js'
import type { Sleep } from '../../src/vendor-http/layers/pause.js'
import { KeyedSlots } from '../../src/vendor-http/slots.js'
import { answered, exchangeOf } from '../helpers/vendor-layers.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A sleep on the (fake) global timers, stopped by its signal as `timers/promises` is. */
const timerSleep: Sleep = (ms, _value, { signal }) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason)
    })
  })

/** The layers below: each attempt stays in flight until the test ends it. */
function heldBelow() {
  const inFlight: Array<{ path: string; end: (result: Attempt | Error) => void }> = []
  const started: string[] = []
  const send = (exchange: Exchange) =>
    new Promise<Attempt>((resolve, reject) => {
      started.push(exchange.call.path)
      const entry = {
        path: exchange.call.path,
        end: (result: Attempt | Error) => {
          inFlight.splice(inFlight.indexOf(entry), 1)
          if (result instanceof Error) reject(result)
          else resolve(result)
        },
      }
      inFlight.push(entry)
    })
  const endFirst = (path: string, result: Attempt | Error = answered(200)) =>
    inFlight.find((entry) => entry.path === path)!.end(result)
  return { send, inFlight, started, endFirst }
}

const firstSegment = (path: string) => path.split('/')[1]!

function limited(limit = 3) {
  const below = heldBelow()
  const send = concurrencyLayer({
    concurrency: { limit, keyOf: (call) => firstSegment(call.path) },
    vendor: 'testvendor',
    settings: { rateLimitMaxWaitMs: 1_000 },
    now: Date.now,
    sleep: timerSleep,
  })(below.send)
  return { ...below, send }
}

const settle = () => vi.advanceTimersByTimeAsync(0)

describe('the concurrency layer', () => {
  it('lets `limit` attempts of a key in flight at once; the next goes, first come first served, as one ends', async () => {
    const { send, started, endFirst } = limited()
    const calls = ['/a/1', '/a/2', '/a/3', '/a/4', '/a/5'].map((path) => send(exchangeOf({ path })))
    await settle()
    expect(started).toEqual(['/a/1', '/a/2', '/a/3'])
    endFirst('/a/2')
    await settle()
    expect(started).toEqual(['/a/1', '/a/2', '/a/3', '/a/4'])
    endFirst('/a/1')
    await settle()
    expect(started.at(-1)).toBe('/a/5')
    for (const path of ['/a/3', '/a/4', '/a/5']) endFirst(path)
    expect(await Promise.all(calls)).toHaveLength(5)
  })

  it('keeps each key to its own limit', async () => {
    const { send, started } = limited(1)
    void send(exchangeOf({ path: '/a/1' }))
    void send(exchangeOf({ path: '/a/2' }))
    void send(exchangeOf({ path: '/b/1' }))
    await settle()
    expect(started).toEqual(['/a/1', '/b/1'])
  })

  it('takes the slot before the layers below queue for a turn, and counts the wait on the call', async () => {
    const { send, started, endFirst } = limited(1)
    void send(exchangeOf({ path: '/a/1' }))
    const exchange = exchangeOf({ path: '/a/2' })
    const second = send(exchange)
    await vi.advanceTimersByTimeAsync(400)
    expect(started).toEqual(['/a/1'])
    endFirst('/a/1')
    await settle()
    endFirst('/a/2')
    await second
    expect(exchange.slotWaitMs).toBe(400)
  })

  it('refuses a 429 with a Retry-After once the call has queued as long as it may for its turn', async () => {
    const { send, started } = limited(1)
    void send(exchangeOf({ path: '/a/1' }))
    const refused = send(exchangeOf({ path: '/a/2' })).catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(999)
    expect(started).toEqual(['/a/1'])
    await vi.advanceTimersByTimeAsync(1)
    expect(await refused).toMatchObject({
      status: 429,
      code: 'rate_limited',
      extras: { retryAfterSeconds: 1 },
    })
    expect(started).toEqual(['/a/1'])
  })

  it('lets a retry queue as long as the retry layer says, and the breaker probe twice as long', async () => {
    const { send } = limited(1)
    void send(exchangeOf({ path: '/a/1' }))
    const retry = Object.assign(exchangeOf({ path: '/a/2' }), { retryWaitMs: 300 })
    const probe = Object.assign(exchangeOf({ path: '/a/3' }), { probe: true })
    const outcomes: string[] = []
    void send(retry).catch(() => outcomes.push('retry refused'))
    void send(probe).catch(() => outcomes.push('probe refused'))
    await vi.advanceTimersByTimeAsync(1_999)
    expect(outcomes).toEqual(['retry refused'])
    await vi.advanceTimersByTimeAsync(1)
    expect(outcomes).toEqual(['retry refused', 'probe refused'])
  })

  it('stops waiting when the caller goes away, and its place goes to the next', async () => {
    const { send, started, endFirst } = limited(1)
    void send(exchangeOf({ path: '/a/1' }))
    const leaving = new AbortController()
    const gone = send(exchangeOf({ path: '/a/2' }, { signal: leaving.signal })).catch(
      (error: unknown) => error,
    )
    void send(exchangeOf({ path: '/a/3' }))
    await settle()
    leaving.abort()
    expect(await gone).toMatchObject({ status: 503, code: 'vendor_unavailable' })
    endFirst('/a/1')
    await settle()
    expect(started).toEqual(['/a/1', '/a/3'])
  })

  it('refuses at once a call whose caller has already gone', async () => {
    const { send, started } = limited()
    const error = await send(exchangeOf({ path: '/a/1' }, { signal: AbortSignal.abort() })).catch(
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(GatewayError)
    expect(started).toEqual([])
  })

  it.each<[string, Attempt | Error]>([
    ['an answer', answered(500)],
    [
      'a transport failure',
      { kind: 'transport', failure: { reachedVendor: true, timedOut: true } } as Attempt,
    ],
    ['a thrown error', new Error('boom')],
  ])('gives the slot back after %s', async (_, result) => {
    const { send, started, endFirst } = limited(1)
    const first = send(exchangeOf({ path: '/a/1' })).catch(() => undefined)
    void send(exchangeOf({ path: '/a/2' }))
    await settle()
    endFirst('/a/1', result)
    await first
    await settle()
    expect(started).toEqual(['/a/1', '/a/2'])
  })
})

describe('keyed slots', () => {
  it('forget a key once nobody holds or waits for its slots (a passthrough may name any)', async () => {
    const slots = new KeyedSlots(1, timerSleep)
    expect(await slots.take('a', 1_000, undefined)).toBe('taken')
    const waiting = slots.take('a', 1_000, undefined)
    const other = slots.take('b', 0, undefined)
    expect(slots.busyKeys).toBe(2)
    slots.free('a')
    expect(await waiting).toBe('taken')
    slots.free('a')
    expect(await other).toBe('taken')
    slots.free('b')
    expect(slots.busyKeys).toBe(0)
  })

  it('time a waiter out after its wait, leaving the holders as they are', async () => {
    const slots = new KeyedSlots(1, timerSleep)
    await slots.take('a', 1_000, undefined)
    const waiting = slots.take('a', 500, undefined)
    await vi.advanceTimersByTimeAsync(500)
    expect(await waiting).toBe('timed-out')
    expect(await slots.take('a', 0, undefined)).toBe('timed-out')
    slots.free('a')
    expect(await slots.take('a', 0, undefined)).toBe('taken')
  })

  it('refuse a limit below one', () => {
    expect(() => new KeyedSlots(0, timerSleep)).toThrow(RangeError)
  })
})
