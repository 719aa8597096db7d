import { describe, expect, it } from 'vitest'
import { syncroBucket } from '../../adapters/syncro/config.js'
import { bucketFor } from '../../src/state/limiter/bucket.js'
import { refillPerMs, windowSafetyMs } from '../../src/state/limiter/types.js'

describe('rate-limit buckets', () => {
  it('gives every Syncro connection the vendor figure, 180 per minute, in one bucket per egress IP', () => {
    const a = syncroBucket({ id: 'a', vendor: 'syncro', apiKey: 'k', subdomain: 'a' })
    const b = syncroBucket({ id: 'b', vendor: 'syncro', apiKey: 'k', subdomain: 'b' })
    expect(a).toEqual({ key: 'syncro:egress-ip', limit: 180, windowMs: 60_000, burst: 3 })
    expect(b).toEqual(a)
  })

  it('gives a connection its own bucket when asked', () => {
    const own = syncroBucket({
      id: 'a',
      vendor: 'syncro',
      apiKey: 'k',
      subdomain: 'a',
      rateLimit: { limit: 60, windowMs: 1000, scope: 'connection' },
    })
    expect(own).toEqual({ key: 'syncro:connection:a', limit: 60, windowMs: 1000, burst: 1 })
  })

  it('keeps burst plus one window of refill within the limit', () => {
    for (const limit of [2, 3, 60, 180, 300]) {
      const bucket = bucketFor(
        'v',
        'c',
        { limit, windowMs: 60_000, scope: 'vendor', vendorKey: 'v' },
        { limit, windowMs: 60_000, burst: limit },
      )
      expect(bucket.burst).toBeLessThan(limit)
      expect(
        bucket.burst + refillPerMs(bucket) * (bucket.windowMs + windowSafetyMs(bucket.windowMs)),
      ).toBeLessThanOrEqual(limit)
    }
  })
})
