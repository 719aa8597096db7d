import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import { MemoryReferenceCache } from '../../src/state/reference-data/reference-cache.js'
import type { VendorCall, VendorClient } from '../../src/vendor-http/client.js'
import { apiBaseOfZone, zoneBaseUrl, zoneEndpointOf } from '../../adapters/autotask/zone.js'

const ctx = { log: pino({ level: 'silent' }) }

function lookup(answer: () => unknown, secure = true) {
  const calls: VendorCall[] = []
  const client = {
    send: async (call: VendorCall) => {
      calls.push(call)
      const body = answer()
      if (body instanceof Error) throw body
      return { status: 200, headers: {}, body }
    },
  } as unknown as VendorClient
  const cache = new MemoryReferenceCache()
  const find = zoneBaseUrl({
    client,
    path: '/zoneInformation',
    userName: 'api@example.com',
    cached: (name, load) => cache.get('at', name, load),
    secure,
  })
  return { find, calls }
}

describe('autotask zones', () => {
  it("joins the zone's url and the version with one slash, whatever the url's form", () => {
    expect(apiBaseOfZone('https://webservices5.autotask.net/ATServicesRest/')).toBe(
      'https://webservices5.autotask.net/ATServicesRest/V1.0',
    )
    expect(apiBaseOfZone('https://webservices5.autotask.net/atservicesrest')).toBe(
      'https://webservices5.autotask.net/atservicesrest/V1.0',
    )
    expect(apiBaseOfZone('http://127.0.0.1:9/zone5/atservicesrest/v1.0/')).toBe(
      'http://127.0.0.1:9/zone5/atservicesrest/v1.0',
    )
  })

  it('splits the zoneInformation URL into a base and a path', () => {
    expect(zoneEndpointOf('https://webservices.autotask.net/ATServicesRest/V1.0/zoneInformation')).toEqual({
      baseUrl: 'https://webservices.autotask.net/ATServicesRest/V1.0',
      path: '/zoneInformation',
    })
  })

  it("asks for the user's zone once and keeps its API base", async () => {
    const { find, calls } = lookup(() => ({
      zoneName: 'America East 3',
      url: 'https://webservices5.autotask.net/ATServicesRest/',
      webUrl: 'https://ww5.autotask.net/',
      ci: 1,
    }))
    expect(await find(ctx)).toBe('https://webservices5.autotask.net/ATServicesRest/V1.0')
    expect(await find(ctx)).toBe('https://webservices5.autotask.net/ATServicesRest/V1.0')
    expect(calls).toEqual([{ method: 'GET', path: '/zoneInformation', query: { user: 'api@example.com' } }])
  })

  it('says the user has no zone when Autotask refuses the lookup, and 502 for an answer without a url', async () => {
    const refused = new GatewayError(422, 'validation_failed', 'Zone information could not be determined')
    await expect(lookup(() => refused).find(ctx)).rejects.toMatchObject({
      status: 502,
      detail: expect.stringContaining("no zone for the connection's userName"),
    })
    await expect(lookup(() => ({ zoneName: 'x' })).find(ctx)).rejects.toMatchObject({ status: 502 })
    await expect(lookup(() => ({ url: 'javascript:alert(1)' })).find(ctx)).rejects.toMatchObject({
      status: 502,
    })
  })

  it('sends no credentials to a zone a lookup over https names on plain http', async () => {
    const plain = () => ({ url: 'http://webservices5.autotask.net/ATServicesRest/' })
    await expect(lookup(plain).find(ctx)).rejects.toMatchObject({
      status: 502,
      detail: expect.stringContaining('https'),
    })
    // A lookup that is itself plain http (an emulator on loopback) may name a plain-http zone.
    expect(await lookup(plain, false).find(ctx)).toBe('http://webservices5.autotask.net/ATServicesRest/V1.0')
  })
})
