import { describe, expect, it } from 'vitest'
import { callJson } from '../http.js'
import { useEngine } from './engine-fixture.js'

const fixture = useEngine()

describe('zone discovery', () => {
  it('answers the zone of a known user without credentials, and its url + V1.0 is the API base', async () => {
    const { engine } = fixture.current
    const user = engine.apiUsers[0]!
    const { status, json } = await callJson(
      `${engine.zoneInformationUrl}?user=${encodeURIComponent(user.userName)}`,
    )
    expect(status).toBe(200)
    expect(json).toEqual({
      zoneName: expect.any(String),
      url: expect.stringMatching(/\/$/),
      webUrl: expect.any(String),
      ci: expect.any(Number),
    })
    expect(`${json.url}V1.0`).toBe(engine.baseUrl)
    expect(engine.zoneInformationUrl).not.toContain(new URL(engine.baseUrl).pathname)
  })

  it('names the zone on the host the discovery was reached at, as a compose network or a proxy names it', async () => {
    const { engine } = fixture.current
    const ask = (headers: Record<string, string>) =>
      callJson(`${engine.zoneInformationUrl}?user=${encodeURIComponent(engine.apiUsers[0]!.userName)}`, {
        headers,
      })
    const byName = await ask({ host: 'sandbox:4040' })
    expect(byName.status).toBe(200)
    expect(byName.json).toMatchObject({
      url: 'http://sandbox:4040/zone5/ATServicesRest/',
      webUrl: 'http://sandbox:4040/zone5/',
    })
    const proxied = await ask({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sandbox.example.com' })
    expect(proxied.json).toMatchObject({ url: 'https://sandbox.example.com/zone5/ATServicesRest/' })
  })

  it('reads the path and the user name without case', async () => {
    const { engine } = fixture.current
    const url = engine.zoneInformationUrl.replace(
      '/atservicesrest/v1.0/zoneInformation',
      '/ATServicesRest/V1.0/ZoneInformation',
    )
    const { status } = await callJson(`${url}?user=${engine.apiUsers[0]!.userName.toUpperCase()}`)
    expect(status).toBe(200)
  })

  it('refuses an unknown or missing user with the vendor text', async () => {
    const { engine } = fixture.current
    for (const query of ['?user=nobody@example.com', '']) {
      const { status, json } = await callJson(`${engine.zoneInformationUrl}${query}`)
      expect(status, query).toBe(500)
      expect(json).toEqual({ errors: ['Zone information could not be determined'] })
    }
  })

  it('answers an API call made on the discovery root as a wrong zone: 401', async () => {
    const { engine, credentials } = fixture.current
    const url = `${engine.zoneInformationUrl.replace(/zoneInformation$/, '')}Widgets/1`
    const { status } = await callJson(url, { headers: credentials() })
    expect(status).toBe(401)
  })
})

describe('credentials', () => {
  it('accepts the three headers in any case', async () => {
    const { call, credentials } = fixture.current
    const lower = Object.fromEntries(
      Object.entries(credentials()).map(([name, value]) => [name.toLowerCase(), value]),
    )
    expect((await call('/Widgets/1', { headers: { ...lower } })).status).toBe(200)
    const { ApiIntegrationCode, ...rest } = credentials()
    expect(
      (await call('/Widgets/1', { headers: { ...rest, ApiIntegrationcode: ApiIntegrationCode } })).status,
    ).toBe(200)
  })

  it('answers a wrong or missing secret with an empty 401', async () => {
    const { call, credentials } = fixture.current
    for (const Secret of ['wrong', '']) {
      const answer = await call('/Widgets/1', { headers: { ...credentials(), Secret } })
      expect(answer.status).toBe(401)
      expect(answer.json).toBeUndefined()
    }
  })

  it('answers an unknown user name or a wrong integration code with a 500 that names no credential', async () => {
    const { call, credentials } = fixture.current
    for (const headers of [
      { ...credentials(), UserName: 'nobody@example.com' },
      { Secret: credentials().Secret },
      { ...credentials(), ApiIntegrationCode: 'WRONG' },
      { ...credentials(), ApiIntegrationCode: '' },
    ]) {
      const { status, json } = await call('/Widgets/1', { headers })
      expect(status, JSON.stringify(Object.keys(headers))).toBe(500)
      expect(json).toEqual({ errors: ['Something went wrong'] })
    }
  })

  it('routes before it authenticates: an unknown path is a 404 and a wrong verb a 405 without credentials', async () => {
    const { call } = fixture.current
    expect(await call('/Gadgets/1', { headers: {} })).toMatchObject({
      status: 404,
      json: { Message: expect.stringContaining('No HTTP resource') },
    })
    expect(await call('/Widgets/1', { method: 'DELETE', headers: {} })).toMatchObject({
      status: 405,
      json: { Message: "The requested resource does not support http method 'DELETE'." },
    })
  })
})
