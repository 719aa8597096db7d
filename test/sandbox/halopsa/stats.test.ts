import { describe, expect, it } from 'vitest'
import { startHaloEmulator } from '../../../sandbox/halopsa/index.js'
import { call, tokenFor } from './helpers.js'

describe('stats', () => {
  it('counts requests by route and resets, token count included', async () => {
    const counted = await startHaloEmulator({})
    try {
      const fresh = await tokenFor(counted)
      await call(`${counted.apiUrl}/tickets/1`, { token: fresh })
      await call(`${counted.apiUrl}/Nowhere`, { token: fresh })
      expect(counted.stats.byRoute).toEqual({
        'POST /auth/token': 1,
        'GET /api/Tickets/:id': 1,
        'GET (no route)': 1,
      })
      expect(counted.stats.requests).toBe(3)
      expect(counted.tokens.issued).toBe(1)
      counted.resetStats()
      expect(counted.stats).toMatchObject({ requests: 0, rateLimited: 0, accepted: [], byRoute: {} })
      expect(counted.tokens.issued).toBe(0)
    } finally {
      await counted.close()
    }
  })
})
