import { Agent } from 'undici'
import { describe, expect, it } from 'vitest'
import { startSyncroEmulator } from '../../../sandbox/syncro/index.js'
import { call } from './helpers.js'

describe('rate limit', () => {
  const LIMITED_BODY = { error: 'Rate limit exceeded. Please wait before making more requests.' }

  it('answers 429 with Retry-After and the vendor body once the limit is used, counting before auth', async () => {
    const limited = await startSyncroEmulator({
      rateLimit: { limit: 3, windowMs: 60_000, retryAfterSeconds: 7 },
    })
    try {
      expect((await call(limited, '/tickets', { apiKey: null })).status).toBe(401)
      expect((await call(limited, '/tickets')).status).toBe(200)
      expect((await call(limited, '/nowhere')).status).toBe(404)
      const rejected = await call(limited, '/tickets')
      expect(rejected.status).toBe(429)
      expect(rejected.headers['retry-after']).toBe('7')
      expect(rejected.json).toEqual(LIMITED_BODY)
      expect(Object.keys(rejected.headers).filter((name) => name.includes('ratelimit'))).toEqual([])
      expect(limited.stats).toMatchObject({ requests: 4, rateLimited: 1 })
    } finally {
      await limited.close()
    }
  })

  it('limits each client IP separately', async (context) => {
    const limited = await startSyncroEmulator({ rateLimit: { limit: 1, windowMs: 60_000 } })
    const otherSource = new Agent({ localAddress: '127.0.0.2' })
    try {
      expect((await call(limited, '/users')).status).toBe(200)
      expect((await call(limited, '/users')).status).toBe(429)
      const fromOtherIp = await call(limited, '/users', { dispatcher: otherSource }).catch(
        (error: Error) => error,
      )
      if (fromOtherIp instanceof Error)
        return context.skip(`no second loopback address here: ${fromOtherIp.message}`)
      expect(fromOtherIp.status).toBe(200)
    } finally {
      await otherSource.close()
      await limited.close()
    }
  })
})
