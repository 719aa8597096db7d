import { describe, expect, it } from 'vitest'
import type { IdempotencyStore } from '../../src/cache/idempotency.js'
import type { ReferenceCache } from '../../src/cache/reference-cache.js'
import type { AccessToken, TokenCache } from '../../src/cache/token-cache.js'

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

export function idempotencyContract(name: string, make: () => IdempotencyStore) {
  const answer = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"1"}' }

  describe(`${name}: idempotency store contract`, () => {
    it('lets the first caller run and replays its answer to repeats', async () => {
      const store = make()
      const key = uniqueName('key')
      const claim = await store.begin(key, 'body-a')
      if (claim.kind !== 'started') throw new Error(claim.kind)
      expect(await store.begin(key, 'body-a')).toEqual({ kind: 'in-flight' })
      await store.complete(key, claim.owner, 'body-a', answer)
      expect(await store.begin(key, 'body-a')).toEqual({ kind: 'replay', answer })
    })

    it('tells apart another body with the same key', async () => {
      const store = make()
      const key = uniqueName('key')
      const claim = await store.begin(key, 'body-a')
      expect(await store.begin(key, 'body-b')).toEqual({ kind: 'mismatch' })
      if (claim.kind === 'started') await store.complete(key, claim.owner, 'body-a', answer)
      expect(await store.begin(key, 'body-b')).toEqual({ kind: 'mismatch' })
    })

    it('frees an abandoned claim for a retry, and only its owner can', async () => {
      const store = make()
      const key = uniqueName('key')
      const claim = await store.begin(key, 'body-a')
      if (claim.kind !== 'started') throw new Error(claim.kind)
      await store.abandon(key, 'someone-else')
      expect((await store.begin(key, 'body-a')).kind).toBe('in-flight')
      await store.complete(key, 'someone-else', 'body-a', answer)
      expect((await store.begin(key, 'body-a')).kind).toBe('in-flight')
      await store.abandon(key, claim.owner)
      expect((await store.begin(key, 'body-a')).kind).toBe('started')
    })
  })
}
