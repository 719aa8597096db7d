import { describe, expect, it } from 'vitest'
import type { IdempotencyStore, LeaseSettings } from '../../src/state/idempotency/idempotency.js'
import type { ReferenceCache } from '../../src/state/reference-data/reference-cache.js'
import type { AccessToken, TokenCache } from '../../src/state/tokens/token-cache.js'

export interface FakeClock {
  now: () => number
  advance: (ms: number) => void
}

export function fakeClock(start = Date.now()): FakeClock {
  let now = start
  return { now: () => now, advance: (ms) => (now += ms) }
}

/** A loader that counts its calls, tells when the nth call came, and settles when told to. */
function deferredLoader<T>(make: (call: number) => T) {
  let calls = 0
  const pending: Array<() => void> = []
  const waiters: Array<{ count: number; resolve: () => void }> = []
  return {
    get calls() {
      return calls
    },
    load: () => {
      calls += 1
      const value = make(calls)
      for (const waiter of waiters.filter((w) => w.count <= calls)) waiter.resolve()
      return new Promise<T>((resolve) => pending.push(() => resolve(value)))
    },
    /** Resolves once the loader has been called `count` times. */
    called: (count: number) =>
      new Promise<void>((resolve) => (calls >= count ? resolve() : waiters.push({ count, resolve }))),
    settleAll: () => pending.splice(0).forEach((settle) => settle()),
  }
}

let serial = 0
const uniqueName = (name: string) => `${name}-${++serial}-${Date.now()}`

export function tokenCacheContract(name: string, make: (clock: FakeClock) => TokenCache) {
  const hour = 3_600_000

  describe(`${name}: token cache contract`, () => {
    it('fetches one token for 50 concurrent callers', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const connection = uniqueName('conn')
      let calls = 0
      const fetch = async (): Promise<AccessToken> => {
        calls += 1
        await new Promise((resolve) => setTimeout(resolve, 20))
        return { value: `t${calls}`, expiresAt: clock.now() + hour }
      }
      const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get(connection, fetch)))
      expect(calls).toBe(1)
      expect(new Set(tokens.map((token) => token.value))).toEqual(new Set(['t1']))
    })

    it('refreshes ahead of expiry once, serving the current token meanwhile', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const connection = uniqueName('conn')
      const loader = deferredLoader((call) => ({ value: `t${call}`, expiresAt: clock.now() + hour }))
      const first = cache.get(connection, loader.load)
      await loader.called(1)
      loader.settleAll()
      expect((await first).value).toBe('t1')
      clock.advance(hour - 4 * 60_000)
      const during = await Promise.all(Array.from({ length: 10 }, () => cache.get(connection, loader.load)))
      expect(during.map((token) => token.value)).toEqual(Array(10).fill('t1'))
      await loader.called(2)
      loader.settleAll()
      await expect.poll(async () => (await cache.get(connection, loader.load)).value).toBe('t2')
      expect(loader.calls).toBe(2)
    })

    it('drops a rejected token only if it is still the cached one', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const connection = uniqueName('conn')
      let next = 1
      const load = async () => ({ value: `t${next++}`, expiresAt: clock.now() + hour })
      await cache.get(connection, load)
      await cache.invalidate(connection, 'another-token')
      expect((await cache.get(connection, load)).value).toBe('t1')
      await cache.invalidate(connection, 't1')
      expect((await cache.get(connection, load)).value).toBe('t2')
    })

    it('passes a failed fetch on to the caller, and fetches again next time', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const connection = uniqueName('conn')
      await expect(
        cache.get(connection, async () => Promise.reject(new Error('token endpoint down'))),
      ).rejects.toThrow('token endpoint down')
      expect(
        (await cache.get(connection, async () => ({ value: 'ok', expiresAt: clock.now() + hour }))).value,
      ).toBe('ok')
    })
  })
}

export function referenceCacheContract(name: string, make: (clock: FakeClock) => ReferenceCache) {
  const fresh = 600_000
  const stale = 86_400_000

  describe(`${name}: reference cache contract (fresh 10 min, stale 24 h)`, () => {
    it('loads once for concurrent callers and serves it while fresh', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const connection = uniqueName('conn')
      const loader = deferredLoader((call) => [`v${call}`])
      const callers = Array.from({ length: 20 }, () => cache.get(connection, 'statuses', loader.load))
      await loader.called(1)
      loader.settleAll()
      expect(await Promise.all(callers)).toEqual(Array(20).fill(['v1']))
      clock.advance(fresh - 1_000)
      expect(await cache.get(connection, 'statuses', loader.load)).toEqual(['v1'])
      expect(loader.calls).toBe(1)
    })

    it('serves stale data while one refresh runs, then the new data', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const connection = uniqueName('conn')
      const loader = deferredLoader((call) => `v${call}`)
      const first = cache.get(connection, 'types', loader.load)
      await loader.called(1)
      loader.settleAll()
      await first
      clock.advance(fresh + 1_000)
      expect(await cache.get(connection, 'types', loader.load)).toBe('v1')
      expect(await cache.get(connection, 'types', loader.load)).toBe('v1')
      await loader.called(2)
      loader.settleAll()
      await expect.poll(() => cache.get(connection, 'types', loader.load)).toBe('v2')
      expect(loader.calls).toBe(2)
    })

    it('while refreshes fail, serves the stale data and tries the source at most once per interval', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const connection = uniqueName('conn')
      await cache.get(connection, 'types', async () => 'v1')
      clock.advance(fresh + 1_000)
      let tries = 0
      const failing = async () => {
        tries += 1
        throw new Error('vendor down')
      }
      for (let i = 0; i < 20; i++) expect(await cache.get(connection, 'types', failing)).toBe('v1')
      await expect.poll(() => tries).toBe(1)
      expect(tries).toBe(1)
    })

    it('waits for a load once the data is older than the stale limit', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const connection = uniqueName('conn')
      let next = 1
      const load = async () => `v${next++}`
      await cache.get(connection, 'k', load)
      clock.advance(stale + 1_000)
      expect(await cache.get(connection, 'k', load)).toBe('v2')
    })

    it('keeps connections and names apart', async () => {
      const clock = fakeClock()
      const cache = make(clock)
      const a = uniqueName('a')
      const b = uniqueName('b')
      expect(await cache.get(a, 'statuses', async () => 'a-statuses')).toBe('a-statuses')
      expect(await cache.get(b, 'statuses', async () => 'b-statuses')).toBe('b-statuses')
      expect(await cache.get(a, 'types', async () => 'a-types')).toBe('a-types')
    })
  })
}

/** An idempotency store made with these lease settings, and a way to let time pass on its clock. */
export interface LeasedStore {
  store: IdempotencyStore
  /** Lets `ms` pass for the store: a fake clock moves, or (Redis, whose clock it is) real time goes by. */
  pass(ms: number): Promise<void>
}

export function idempotencyContract(name: string, make: (lease: LeaseSettings) => LeasedStore) {
  const answer = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"1"}' }
  /** Never runs out during a test, however slow the machine. */
  const long = { leaseMs: 600_000, settleMs: 600_000 }
  /** Runs out after a short pass of time: used only where a test lets it run out. */
  const short = { leaseMs: 150, settleMs: 400 }
  const started = async (store: IdempotencyStore, key: string, body = 'body-a') => {
    const claim = await store.begin(key, body)
    if (claim.kind !== 'started') throw new Error(claim.kind)
    return claim
  }

  describe(`${name}: idempotency store contract`, () => {
    it('lets the first caller run and replays its answer to repeats', async () => {
      const { store } = make(long)
      const key = uniqueName('key')
      const claim = await started(store, key)
      expect(claim.earlierWriteSentAt).toBeUndefined()
      expect(await store.begin(key, 'body-a')).toEqual({
        kind: 'in-flight',
        retryAfterMs: expect.any(Number),
      })
      await store.complete(key, claim.owner, 'body-a', answer)
      expect(await store.begin(key, 'body-a')).toEqual({ kind: 'replay', answer })
    })

    it('tells apart another body with the same key', async () => {
      const { store } = make(long)
      const key = uniqueName('key')
      const claim = await started(store, key)
      expect(await store.begin(key, 'body-b')).toEqual({ kind: 'mismatch' })
      await store.complete(key, claim.owner, 'body-a', answer)
      expect(await store.begin(key, 'body-b')).toEqual({ kind: 'mismatch' })
    })

    it('frees an abandoned claim for a retry, and only its owner can', async () => {
      const { store } = make(long)
      const key = uniqueName('key')
      const claim = await started(store, key)
      await store.abandon(key, 'someone-else', false)
      expect((await store.begin(key, 'body-a')).kind).toBe('in-flight')
      await store.complete(key, 'someone-else', 'body-a', answer)
      expect((await store.begin(key, 'body-a')).kind).toBe('in-flight')
      expect(await store.renew(key, 'someone-else')).toBe(false)
      expect(await store.markSending(key, 'someone-else')).toBe(false)
      expect(await store.renew(key, claim.owner)).toBe(true)
      await store.abandon(key, claim.owner, false)
      expect((await started(store, key)).earlierWriteSentAt).toBeUndefined()
    })

    it('a live claim says how long its lease has left', async () => {
      const { store } = make(long)
      const key = uniqueName('key')
      await started(store, key)
      const repeat = await store.begin(key, 'body-a')
      if (repeat.kind !== 'in-flight') throw new Error(repeat.kind)
      expect(repeat.retryAfterMs).toBeGreaterThan(0)
      expect(repeat.retryAfterMs).toBeLessThanOrEqual(long.leaseMs)
    })

    it('hands a claim whose owner went silent, before sending, to the next repeat: it may write at once', async () => {
      const { store, pass } = make(short)
      const key = uniqueName('key')
      const first = await started(store, key)
      await pass(short.leaseMs + 50)
      const second = await started(store, key)
      expect(second.earlierWriteSentAt).toBeUndefined()
      // The first owner has lost the key: it may neither write nor answer for it.
      expect(await store.markSending(key, first.owner)).toBe(false)
      expect(await store.renew(key, first.owner)).toBe(false)
      await store.complete(key, first.owner, 'body-a', answer)
      expect((await store.begin(key, 'body-a')).kind).toBe('in-flight')
      await store.complete(key, second.owner, 'body-a', answer)
      expect(await store.begin(key, 'body-a')).toEqual({ kind: 'replay', answer })
    })

    it('after an owner gone silent once its write was sent: waits for the write to settle, then says it may have happened', async () => {
      const { store, pass } = make(short)
      const key = uniqueName('key')
      const first = await started(store, key)
      const sentAround = Date.now()
      expect(await store.markSending(key, first.owner)).toBe(true)
      await pass(short.leaseMs + 50)
      const waiting = await store.begin(key, 'body-a')
      expect(waiting.kind).toBe('in-flight')
      await pass(short.settleMs)
      const second = await started(store, key)
      // When that write was sent (within clock skew of this test's clock), for the look at the vendor to cover.
      expect(Math.abs(second.earlierWriteSentAt! - sentAround)).toBeLessThan(60_000)
      // Given up without an answer (its own write refused by the vendor), the doubt stays for the next repeat,
      // dated from the first write, however many takeovers later.
      await store.abandon(key, second.owner, false)
      await pass(short.leaseMs + 50)
      const third = await started(store, key)
      expect(third.earlierWriteSentAt).toBe(second.earlierWriteSentAt)
    })

    it('frees a claim whose sent write the vendor refused, and keeps one whose write may have happened', async () => {
      const { store, pass } = make(short)
      const refused = uniqueName('key')
      const first = await started(store, refused)
      await store.markSending(refused, first.owner)
      await store.abandon(refused, first.owner, false)
      expect((await started(store, refused)).earlierWriteSentAt).toBeUndefined()

      const doubtful = uniqueName('key')
      const owner = (await started(store, doubtful)).owner
      await store.markSending(doubtful, owner)
      await store.abandon(doubtful, owner, true)
      expect((await store.begin(doubtful, 'body-a')).kind).toBe('in-flight') // it may still land
      await pass(short.settleMs + 50)
      expect((await started(store, doubtful)).earlierWriteSentAt).toEqual(expect.any(Number))
    })
  })
}
