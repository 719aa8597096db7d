import { describe, expect, it } from 'vitest'
import { MemoryReferenceCache } from '../../src/cache/reference-cache.js'
import { MemoryTokenCache, refreshAt } from '../../src/cache/token-cache.js'

function clock(start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

/** A loader that counts calls and settles when told to. */
function deferredLoader<T>(make: (call: number) => T) {
  let calls = 0
  const pending: Array<() => void> = []
  return {
    get calls() {
      return calls
    },
    load: () => {
      calls += 1
      const value = make(calls)
      return new Promise<T>((resolve) => pending.push(() => resolve(value)))
    },
    settleAll: () => pending.splice(0).forEach((settle) => settle()),
  }
}

describe('MemoryTokenCache', () => {
  const hour = 3_600_000

  it('fetches one token for many concurrent callers', async () => {
    const time = clock()
    const cache = new MemoryTokenCache({ now: time.now })
    const loader = deferredLoader((call) => ({ value: `t${call}`, expiresAt: time.now() + hour }))
    const callers = Array.from({ length: 50 }, () => cache.get('halo', loader.load))
    loader.settleAll()
    const tokens = await Promise.all(callers)
    expect(loader.calls).toBe(1)
    expect(new Set(tokens.map((token) => token.value))).toEqual(new Set(['t1']))
  })

  it('refreshes ahead of expiry while still serving the current token', async () => {
    const time = clock()
    const cache = new MemoryTokenCache({ now: time.now })
    const loader = deferredLoader((call) => ({ value: `t${call}`, expiresAt: time.now() + hour }))
    const first = cache.get('halo', loader.load)
    loader.settleAll()
    await first
    time.advance(hour - 4 * 60_000)
    expect((await cache.get('halo', loader.load)).value).toBe('t1')
    expect(loader.calls).toBe(2)
    loader.settleAll()
    await new Promise((resolve) => setImmediate(resolve))
    expect((await cache.get('halo', loader.load)).value).toBe('t2')
  })

  it('drops a rejected token only if it is still the cached one', async () => {
    const time = clock()
    const cache = new MemoryTokenCache({ now: time.now })
    let next = 1
    const load = async () => ({ value: `t${next++}`, expiresAt: time.now() + hour })
    await cache.get('halo', load)
    await cache.invalidate('halo', 'stale-token')
    expect((await cache.get('halo', load)).value).toBe('t1')
    await cache.invalidate('halo', 't1')
    expect((await cache.get('halo', load)).value).toBe('t2')
  })

  it('refreshes at expiresAt - min(5 min, lifetime / 2)', () => {
    expect(refreshAt({ value: 'x', expiresAt: 3_600_000 }, 0)).toBe(3_300_000)
    expect(refreshAt({ value: 'x', expiresAt: 120_000 }, 0)).toBe(60_000)
  })
})

describe('MemoryReferenceCache', () => {
  it('loads once per fresh period for concurrent callers', async () => {
    const time = clock()
    const cache = new MemoryReferenceCache({ freshMs: 600_000, staleMs: 86_400_000, now: time.now })
    const loader = deferredLoader((call) => [`v${call}`])
    const callers = Array.from({ length: 20 }, () => cache.get('syncro:statuses', loader.load))
    loader.settleAll()
    await Promise.all(callers)
    time.advance(599_000)
    expect(await cache.get('syncro:statuses', loader.load)).toEqual(['v1'])
    expect(loader.calls).toBe(1)
  })

  it('serves stale data while one refresh runs, then the new data', async () => {
    const time = clock()
    const cache = new MemoryReferenceCache({ freshMs: 1_000, staleMs: 10_000, now: time.now })
    const loader = deferredLoader((call) => `v${call}`)
    const first = cache.get('k', loader.load)
    loader.settleAll()
    await first
    time.advance(2_000)
    expect(await cache.get('k', loader.load)).toBe('v1')
    expect(await cache.get('k', loader.load)).toBe('v1')
    expect(loader.calls).toBe(2)
    loader.settleAll()
    await new Promise((resolve) => setImmediate(resolve))
    expect(await cache.get('k', loader.load)).toBe('v2')
  })

  it('waits for a load once the data is older than the stale limit', async () => {
    const time = clock()
    const cache = new MemoryReferenceCache({ freshMs: 1_000, staleMs: 10_000, now: time.now })
    let next = 1
    const load = async () => `v${next++}`
    await cache.get('k', load)
    time.advance(11_000)
    expect(await cache.get('k', load)).toBe('v2')
  })

  it('reports a failed background refresh and keeps the stale value', async () => {
    const time = clock()
    const failures: unknown[] = []
    const cache = new MemoryReferenceCache({
      freshMs: 1_000,
      staleMs: 10_000,
      now: time.now,
      onRefreshError: (error) => failures.push(error),
    })
    await cache.get('k', async () => 'v1')
    time.advance(2_000)
    expect(await cache.get('k', async () => Promise.reject(new Error('vendor down')))).toBe('v1')
    await new Promise((resolve) => setImmediate(resolve))
    expect(failures).toHaveLength(1)
  })
})
