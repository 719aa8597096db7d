import { describe, expect, it, vi } from 'vitest'
import { startConnectWiseEmulator } from '../../../sandbox/connectwise/index.js'
import { call, memberAuth } from './helpers.js'

describe('rate limit', () => {
  it('reports the window in headers and answers 429 with Retry-After once the limit is used', async () => {
    // The window runs on performance.now(), held still here: however slow the calls, none leaves the window.
    vi.useFakeTimers({ toFake: ['performance'] })
    const limited = await startConnectWiseEmulator({ rateLimit: { limit: 3, windowMs: 1000 } })
    try {
      expect((await call(limited, '/service/boards', { authorization: null })).status).toBe(401)
      for (const remaining of [2, 1, 0]) {
        const { status, headers } = await call(limited, '/service/boards')
        expect(status).toBe(200)
        expect(headers['x-ratelimit-limit']).toBe('3')
        expect(headers['x-ratelimit-remaining']).toBe(String(remaining))
        expect(headers['x-ratelimit-reset']).toBe('1')
      }
      const rejected = await call(limited, '/service/boards')
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('1')
      expect(rejected.headers['x-ratelimit-remaining']).toBe('0')
      expect(rejected.headers['api-current-version']).toBe('2025.8')
      expect(rejected.json).toEqual({
        code: 'RateLimitExceeded',
        message: 'Rate limit exceeded. Try again in 1 seconds.',
      })
      expect(limited.stats).toMatchObject({ requests: 5, rateLimited: 1 })
      expect(limited.stats.accepted).toHaveLength(3)
    } finally {
      vi.useRealTimers()
      await limited.close()
    }
  })

  it('limits each API member separately', async () => {
    const limited = await startConnectWiseEmulator({
      rateLimit: { limit: 1, windowMs: 60_000 },
      members: [
        { publicKey: 'first', privateKey: 'one' },
        { publicKey: 'second', privateKey: 'two' },
      ],
    })
    try {
      expect((await call(limited, '/service/boards')).status).toBe(200)
      const rejected = await call(limited, '/service/boards')
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('60')
      expect(rejected.json.message).toBe('Rate limit exceeded. Try again in 60 seconds.')
      const other = await call(limited, '/service/boards', { authorization: memberAuth(limited, 1) })
      expect(other.status).toBe(200)
      expect(other.headers['x-ratelimit-remaining']).toBe('0')
    } finally {
      await limited.close()
    }
  })
})
