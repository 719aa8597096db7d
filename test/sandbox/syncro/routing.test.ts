import { request } from 'undici'
import { describe, expect, it } from 'vitest'
import { api, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('routing and stats', () => {
  it('answers 404 {"message":"Not found"} for unknown routes and methods', async () => {
    for (const [method, path] of [
      ['GET', '/widgets'],
      ['PATCH', '/tickets/1'],
      ['DELETE', '/customer_assets/1'],
    ] as const) {
      expect(await api(path, { method }), `${method} ${path}`).toMatchObject({
        status: 404,
        json: { message: 'Not found' },
      })
    }
    const outsideApi = await request(`${syncro.origin}/tickets`)
    expect(outsideApi.statusCode).toBe(404)
    expect(await outsideApi.body.json()).toEqual({ message: 'Not found' })
  })

  it('counts every request by route, and resets', async () => {
    syncro.resetStats()
    await api('/tickets')
    await api('/tickets/5')
    await api('/tickets/5', { apiKey: null })
    await api('/tickets/5/comment', { method: 'POST', body: { subject: 'S', body: 'B' } })
    await api('/widgets')
    expect(syncro.stats.accepted.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /tickets',
      'GET /tickets/5',
      'GET /tickets/5',
      'POST /tickets/5/comment',
      'GET /widgets',
    ])
    expect(syncro.stats).toMatchObject({
      requests: 5,
      rateLimited: 0,
      byRoute: {
        'GET /tickets': 1,
        'GET /tickets/:id': 2,
        'POST /tickets/:id/comment': 1,
        'GET (no route)': 1,
      },
    })
    syncro.resetStats()
    expect(syncro.stats).toEqual({
      requests: 0,
      rateLimited: 0,
      accepted: [],
      byRoute: {},
      callbacks: { sent: 0, failed: 0 },
    })
  })
})
