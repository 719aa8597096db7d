import { describe, expect, it } from 'vitest'
import { startHaloEmulator } from '../../../sandbox/halopsa/index.js'
import { call, tokenFor } from './helpers.js'

describe('rate limit', () => {
  it('answers 429 with Retry-After and the vendor body, counting every /api request before auth', async () => {
    let now = 1_000_000
    const limited = await startHaloEmulator({ rateLimit: { limit: 3, windowMs: 10_000 }, clock: () => now })
    try {
      const fresh = await tokenFor(limited)
      expect((await call(`${limited.apiUrl}/Tickets?count=1`)).status).toBe(401)
      expect((await call(`${limited.apiUrl}/Nowhere`, { token: fresh })).status).toBe(404)
      now += 2_500
      expect((await call(`${limited.apiUrl}/Status`, { token: fresh })).status).toBe(200)
      expect(await tokenFor(limited)).toEqual(expect.any(String))
      const rejected = await call(`${limited.apiUrl}/Status`, { token: fresh })
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('8')
      expect(rejected.json).toEqual({
        error: 'rate_limit_exceeded',
        message: 'Too many requests. Please retry after 8 seconds.',
        retry_after: 8,
      })
      expect(Object.keys(rejected.headers).filter((name) => name.includes('ratelimit'))).toEqual([])
      now += 7_499
      expect((await call(`${limited.apiUrl}/Status`, { token: fresh })).headers['retry-after']).toBe('1')
      now += 1
      expect((await call(`${limited.apiUrl}/Status`, { token: fresh })).status).toBe(200)
      expect(limited.stats).toMatchObject({ rateLimited: 2 })
      expect(limited.stats.accepted.map((entry) => entry.path)).toEqual([
        '/api/Tickets',
        '/api/Nowhere',
        '/api/Status',
        '/api/Status',
      ])
      expect(limited.stats.accepted[0]?.query).toBe('count=1')
    } finally {
      await limited.close()
    }
  })
})
