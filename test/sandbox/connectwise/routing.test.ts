import { describe, expect, it } from 'vitest'
import { parseConditions } from '../../../sandbox/connectwise/index.js'
import { api, call, cw, links, q, useConnectWiseEmulator } from './helpers.js'

useConnectWiseEmulator()

describe('company info and links', () => {
  it('tells the codebase at /login/companyinfo/{company} without credentials', async () => {
    const { status, json } = await call(cw, `${cw.origin}/login/companyinfo/${cw.companyId.toUpperCase()}`, {
      authorization: null,
      clientId: null,
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({
      Codebase: 'v4_6_release/',
      CompanyID: cw.companyId,
      CompanyName: expect.any(String),
      VersionCode: expect.any(String),
      VersionNumber: expect.any(String),
      IsCloud: false,
      SiteUrl: new URL(cw.origin).host,
    })
    const unknown = await call(cw, `${cw.origin}/login/companyinfo/nosuchcompany`, {
      authorization: null,
      clientId: null,
    })
    expect(unknown.status).toBe(404)
  })

  it('builds Link URLs on the scheme and host a proxy in front reports', async () => {
    const result = await api('/service/tickets?pageSize=10', {
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'cw.example.com' },
    })
    const path = new URL(cw.baseUrl).pathname
    expect(links(result).next).toBe(`https://cw.example.com${path}/service/tickets?pageSize=10&page=2`)
    const direct = await api('/service/tickets?pageSize=10')
    expect(links(direct).next).toBe(`${cw.baseUrl}/service/tickets?pageSize=10&page=2`)
  })
})

describe('routing and stats', () => {
  it('answers 404 NotFound for unknown paths and 405 for known paths with another method', async () => {
    const unknown = await api('/service/widgets')
    expect(unknown).toMatchObject({ status: 404, json: { code: 'NotFound', message: expect.any(String) } })
    expect(unknown.headers['x-ratelimit-limit']).toBeDefined()
    const outside = await call(cw, `${cw.origin}/v4_6_release/apis/2.0/service/tickets`)
    expect(outside).toMatchObject({ status: 404, json: { code: 'NotFound' } })
    const wrongMethod = await api('/service/boards', { method: 'DELETE' })
    expect(wrongMethod).toMatchObject({ status: 405, json: { code: 'MethodNotAllowed' } })
    expect(wrongMethod.headers.allow).toBe('GET')
    expect((await api('/service/tickets/1', { method: 'POST', body: {} })).headers.allow).toBe(
      'GET, PUT, PATCH, DELETE',
    )
    expect((await api('/service/boards', { authorization: null })).status).toBe(401)
  })

  it('matches paths case-insensitively, as IIS does', async () => {
    expect((await call(cw, `${cw.origin}/V4_6_RELEASE/APIS/3.0/Service/Tickets/1`)).json.id).toBe(1)
  })

  it('counts requests by route and records the accepted ones with their query', async () => {
    cw.resetStats()
    await api(`/service/tickets?${q('id = 1')}&pageSize=5`)
    await api('/service/tickets/5')
    await api('/service/tickets/5', { clientId: null })
    await api('/service/tickets/5/notes/count')
    await api('/service/nothing')
    expect(cw.stats.accepted.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
      { method: 'GET', path: '/service/tickets', query: `${q('id = 1')}&pageSize=5` },
      { method: 'GET', path: '/service/tickets/5', query: '' },
      { method: 'GET', path: '/service/tickets/5/notes/count', query: '' },
      { method: 'GET', path: '/service/nothing', query: '' },
    ])
    const conditions = new URLSearchParams(cw.stats.accepted[0]?.query).get('conditions') as string
    expect(parseConditions(conditions)).toEqual({
      kind: 'comparison',
      field: 'id',
      operator: '=',
      value: { type: 'number', value: 1 },
    })
    expect(cw.stats).toMatchObject({
      requests: 5,
      rateLimited: 0,
      byRoute: {
        'GET /service/tickets': 1,
        'GET /service/tickets/:id': 2,
        'GET /service/tickets/:id/notes/count': 1,
        'GET (no route)': 1,
      },
    })
    cw.resetStats()
    expect(cw.stats).toEqual({
      requests: 0,
      rateLimited: 0,
      accepted: [],
      byRoute: {},
      callbacks: { sent: 0, failed: 0 },
    })
  })
})
