import { describe, expect, it } from 'vitest'
import { MemoryReferenceCache } from '../../src/state/reference-data/reference-cache.js'
import { refreshAt } from '../../src/state/tokens/token-cache.js'

/** The shared behaviour of the caches is in test/contracts, run against memory and Redis; these are the rest. */

describe('refreshAt', () => {
  it('is expiresAt - min(5 min, lifetime / 2)', () => {
    expect(refreshAt({ value: 'x', expiresAt: 3_600_000 }, 0)).toBe(3_300_000)
    expect(refreshAt({ value: 'x', expiresAt: 120_000 }, 0)).toBe(60_000)
  })
})

describe('MemoryReferenceCache', () => {
  it('reports a failed background refresh and keeps the stale value', async () => {
    let now = 1_000_000
    const failures: unknown[] = []
    const cache = new MemoryReferenceCache({
      freshMs: 1_000,
      staleMs: 10_000,
      now: () => now,
      onRefreshError: (error) => failures.push(error),
    })
    await cache.get('c', 'k', async () => 'v1')
    now += 2_000
    expect(await cache.get('c', 'k', async () => Promise.reject(new Error('vendor down')))).toBe('v1')
    await new Promise((resolve) => setImmediate(resolve))
    expect(failures).toHaveLength(1)
  })
})
