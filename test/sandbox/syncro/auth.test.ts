import { describe, expect, it } from 'vitest'
import { startSyncroEmulator } from '../../../sandbox/syncro/index.js'
import { api, call, syncro, useSyncroEmulator } from './helpers.js'

useSyncroEmulator()

describe('authentication', () => {
  it('accepts the key as a Bearer token, as a bare Authorization value, or as ?api_key=', async () => {
    const key = syncro.apiKeys[0] as string
    expect((await api('/tickets')).status).toBe(200)
    expect((await api('/tickets', { apiKey: null, headers: { authorization: key } })).status).toBe(200)
    expect((await api(`/tickets?api_key=${key}`, { apiKey: null })).status).toBe(200)
  })

  it('lets the Authorization header decide when both are sent', async () => {
    const key = syncro.apiKeys[0] as string
    expect((await api(`/tickets?api_key=${key}`, { apiKey: 'wrong' })).status).toBe(401)
  })

  it('accepts every configured key and only those', async () => {
    const keyed = await startSyncroEmulator({ apiKeys: ['key-one', 'key-two'] })
    try {
      expect((await call(keyed, '/users', { apiKey: 'key-one' })).status).toBe(200)
      expect((await call(keyed, '/users', { apiKey: 'key-two' })).status).toBe(200)
      expect((await call(keyed, '/users', { apiKey: 'key-three' })).status).toBe(401)
    } finally {
      await keyed.close()
    }
  })
})
