import { describe, expect, it, vi } from 'vitest'
import { startHaloEmulator } from '../../../sandbox/halopsa/index.js'
import { api, call, halo, requestToken, tokenFor, useHaloEmulator } from './helpers.js'

useHaloEmulator()

describe('token endpoint', () => {
  it('issues a bearer token for client credentials, scope all by default', async () => {
    const before = halo.tokens.issued
    const answer = await requestToken(halo)
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'all',
    })
    expect(answer.headers['cache-control']).toBe('no-store')
    expect(halo.tokens.issued).toBe(before + 1)
    expect((await api('/Status', { token: answer.json.access_token })).status).toBe(200)
  })

  it('answers 401 invalid_client for a wrong secret or an unknown client', async () => {
    for (const options of [{ clientSecret: 'wrong' }, { clientId: 'nobody' }]) {
      const answer = await requestToken(halo, options)
      expect(answer.status).toBe(401)
      expect(answer.json).toEqual({ error: 'invalid_client', error_description: expect.any(String) })
    }
  })

  it('needs the tenant on a hosted instance (case-insensitively)', async () => {
    expect((await requestToken(halo, { tenant: null })).status).toBe(401)
    expect((await requestToken(halo, { tenant: 'other' })).json.error).toBe('invalid_client')
    expect((await requestToken(halo, { tenant: 'SandBox' })).status).toBe(200)
  })

  it('takes the tenant from the query, the form or the host, as real Halo does', async () => {
    const client = halo.clients[0]!
    const post = (query: string, extra: Record<string, string>, host?: string) =>
      call(`${halo.authUrl}/token${query}`, {
        method: 'POST',
        rawBody: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client.clientId,
          client_secret: client.clientSecret,
          ...extra,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(host ? { host } : {}) },
      })
    expect((await post('', { tenant: 'sandbox' })).status).toBe(200)
    expect((await post('', { tenant: 'other' })).status).toBe(401)
    expect((await post('?tenant=sandbox', { tenant: 'other' })).status).toBe(401)
    expect((await post('?tenant=sandbox', { tenant: 'SANDBOX' })).status).toBe(200)
    expect((await post('', {}, 'sandbox.halopsa.com')).status).toBe(200)
    expect((await post('', {}, 'Sandbox.halopsa.com:443')).status).toBe(200)
    expect((await post('', {}, 'other.halopsa.com')).status).toBe(401)
    // A parameter names the tenant even on the tenant's own host.
    expect((await post('?tenant=other', {}, 'sandbox.halopsa.com')).status).toBe(401)
    // An address names no tenant.
    expect((await post('', {}, '127.0.0.1')).status).toBe(401)
  })

  it('takes no tenant on a self-hosted instance', async () => {
    const selfHosted = await startHaloEmulator({ hosted: false, tenant: 'acme' })
    try {
      expect((await requestToken(selfHosted, { tenant: null })).status).toBe(200)
      expect((await requestToken(selfHosted, { tenant: 'acme' })).status).toBe(401)
      const info = await call(`${selfHosted.apiUrl}/AuthInfo`)
      expect(info.json).toEqual({ auth_url: `${selfHosted.origin}/auth`, tenant: null })
    } finally {
      await selfHosted.close()
    }
  })

  it('grants the scopes asked for, within what the client holds', async () => {
    const scoped = await startHaloEmulator({
      clients: [
        { clientId: 'full', clientSecret: 'full-secret' },
        { clientId: 'reader', clientSecret: 'reader-secret', scopes: ['read:tickets', 'read:customers'] },
      ],
    })
    try {
      const full = { clientId: 'full', clientSecret: 'full-secret' }
      const reader = { clientId: 'reader', clientSecret: 'reader-secret' }
      expect((await requestToken(scoped, { ...full, scope: 'read:tickets edit:tickets' })).json.scope).toBe(
        'read:tickets edit:tickets',
      )
      expect((await requestToken(scoped, { ...reader })).json.scope).toBe('read:tickets read:customers')
      expect((await requestToken(scoped, { ...reader, scope: 'read:tickets' })).json.scope).toBe(
        'read:tickets',
      )
      for (const scope of ['all', 'edit:tickets', 'read:everything']) {
        const refused = await requestToken(scoped, {
          ...(scope === 'read:everything' ? full : reader),
          scope,
        })
        expect(refused.status, scope).toBe(400)
        expect(refused.json.error).toBe('invalid_scope')
      }
    } finally {
      await scoped.close()
    }
  })

  it('answers OAuth errors for other grants, missing fields and non-form bodies', async () => {
    const password = await requestToken(halo, { grantType: 'password' })
    expect(password.status).toBe(400)
    expect(password.json.error).toBe('unsupported_grant_type')
    const noSecret = await call(`${halo.authUrl}/token?tenant=sandbox`, {
      method: 'POST',
      rawBody: `grant_type=client_credentials&client_id=${halo.clients[0]?.clientId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(noSecret.status).toBe(400)
    expect(noSecret.json.error).toBe('invalid_request')
    const noGrant = await call(`${halo.authUrl}/token?tenant=sandbox`, {
      method: 'POST',
      rawBody: 'client_id=x&client_secret=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(noGrant.json.error).toBe('invalid_request')
    const json = await call(`${halo.authUrl}/token?tenant=sandbox`, {
      method: 'POST',
      body: { grant_type: 'client_credentials', ...halo.clients[0] },
    })
    expect(json.status).toBe(400)
    expect(json.json.error).toBe('invalid_request')
    expect((await call(`${halo.authUrl}/token?tenant=sandbox`)).status).toBe(405)
  })

  it('tells the auth URL and tenant at /api/AuthInfo without a token', async () => {
    const info = await api('/AuthInfo', { token: null })
    expect(info.status).toBe(200)
    expect(info.json).toEqual({ auth_url: halo.authUrl, tenant: 'sandbox' })
  })
})

describe('bearer tokens', () => {
  const DENIED = { Message: 'Authorization has been denied for this request.' }

  it('expires tokens after their lifetime, on the emulator clock', async () => {
    let now = Date.parse('2025-06-01T12:00:00Z')
    const clocked = await startHaloEmulator({ clock: () => now, tokenLifetimeSeconds: 60 })
    try {
      const first = await tokenFor(clocked)
      now += 59_999
      expect((await call(`${clocked.apiUrl}/Status`, { token: first })).status).toBe(200)
      now += 1
      expect((await call(`${clocked.apiUrl}/Status`, { token: first })).json).toEqual(DENIED)
      clocked.tokens.setLifetimeSeconds(1)
      const short = await requestToken(clocked)
      expect(short.json.expires_in).toBe(1)
      now += 1000
      expect((await call(`${clocked.apiUrl}/Status`, { token: short.json.access_token })).status).toBe(401)
    } finally {
      await clocked.close()
    }
  })

  it('expires a one-second token on the real clock (Date.now) without a clock of its own', async () => {
    // Date is faked, so the second passes when the test says: a busy machine cannot spend it before the first call.
    vi.useFakeTimers({ toFake: ['Date'] })
    const quick = await startHaloEmulator({})
    try {
      quick.tokens.setLifetimeSeconds(1)
      const short = await tokenFor(quick)
      vi.advanceTimersByTime(999)
      expect((await call(`${quick.apiUrl}/Status`, { token: short })).status).toBe(200)
      vi.advanceTimersByTime(1)
      expect((await call(`${quick.apiUrl}/Status`, { token: short })).status).toBe(401)
    } finally {
      vi.useRealTimers()
      await quick.close()
    }
  })

  it('answers 401 to revoked tokens, and accepts tokens issued afterwards', async () => {
    const revoking = await startHaloEmulator({})
    try {
      const old = await tokenFor(revoking)
      revoking.tokens.revokeAll()
      expect((await call(`${revoking.apiUrl}/Status`, { token: old })).status).toBe(401)
      const fresh = await tokenFor(revoking)
      expect((await call(`${revoking.apiUrl}/Status`, { token: fresh })).status).toBe(200)
    } finally {
      await revoking.close()
    }
  })

  it('answers 403 when the token lacks the scope', async () => {
    const readTickets = await tokenFor(halo, { scope: 'read:tickets' })
    const editCustomers = await tokenFor(halo, { scope: 'edit:customers' })
    const forbidden = await api('/Client', { token: readTickets })
    expect(forbidden.status).toBe(403)
    expect(forbidden.json).toEqual({ Message: expect.any(String) })
    for (const path of [
      '/Tickets?count=1',
      '/Actions?ticket_id=1',
      '/Status',
      '/Priority',
      '/TicketType',
      '/Agent',
      '/Team',
    ])
      expect((await api(path, { token: readTickets })).status, path).toBe(200)
    expect((await api('/Tickets', { token: readTickets, method: 'POST', body: [] })).status).toBe(403)
    expect((await api('/Asset', { token: readTickets })).status).toBe(403)
    expect((await api('/Client', { token: editCustomers })).status).toBe(403)
    const created = await api('/Client', {
      token: editCustomers,
      method: 'POST',
      body: [{ name: 'Scoped Client Ltd' }],
    })
    expect(created.status).toBe(200)
  })
})

describe('fault injection', () => {
  it('applies faults to the token endpoint', async () => {
    halo.faults.respond({ status: 500, pathPrefix: '/auth/token' })
    expect((await requestToken(halo)).status).toBe(500)
    expect((await requestToken(halo)).status).toBe(200)
  })
})
