import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryRateLimiter } from '../../src/state/limiter/memory.js'
import { MemoryReferenceCache } from '../../src/state/reference-data/reference-cache.js'
import { PoolRegistry } from '../../src/vendor-http/pools.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../src/vendor-http/settings.js'
import type { AdapterDeps } from '../../adapters/types.js'
import { autotaskClient } from '../../adapters/autotask/connection.js'
import type { AutotaskConnectionConfig } from '../../adapters/autotask/config.js'

const ctx = { log: pino({ level: 'silent' }) }
const cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close()
})

/** A zone lookup at /global/zoneInformation naming /zone5/ATServicesRest/ on the same server. */
async function autotaskLike(answer: (request: IncomingMessage) => [number, unknown]) {
  const seen: IncomingMessage[] = []
  const server = createServer((request, response) => {
    seen.push(request)
    const origin = `http://${request.headers.host}`
    const [status, body] = request.url!.startsWith('/global/zoneInformation')
      ? [200, { zoneName: 'Test', url: `${origin}/zone5/ATServicesRest/`, webUrl: origin, ci: 1 }]
      : answer(request)
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

function deps(): AdapterDeps {
  const pools = new PoolRegistry(DEFAULT_VENDOR_HTTP_SETTINGS)
  cleanup.push(() => pools.close())
  return {
    pools,
    limiter: new MemoryRateLimiter(),
    referenceCache: new MemoryReferenceCache(),
    vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, maxAttempts: 1 },
  } as unknown as AdapterDeps
}

const config = (origin: string): AutotaskConnectionConfig => ({
  id: 'at',
  vendor: 'autotask',
  userName: 'api@example.com',
  integrationCode: 'INTEGRATION-CODE',
  secret: 'SECRET-1',
  zoneInformationUrl: `${origin}/global/zoneInformation`,
})

describe("an autotask connection's client", () => {
  it('finds the zone once, then calls below it with the three credential headers', async () => {
    const vendor = await autotaskLike(() => [200, { item: { id: 1 } }])
    const client = autotaskClient(config(vendor.origin), deps())
    await client.send({ method: 'GET', path: '/Tickets/1' }, ctx)
    await client.send({ method: 'GET', path: '/Tickets/2' }, ctx)
    expect(vendor.seen.map((request) => request.url)).toEqual([
      '/global/zoneInformation?user=api%40example.com',
      '/zone5/ATServicesRest/V1.0/Tickets/1',
      '/zone5/ATServicesRest/V1.0/Tickets/2',
    ])
    expect(vendor.seen[0]!.headers.secret).toBeUndefined()
    expect(vendor.seen[1]!.headers).toMatchObject({
      apiintegrationcode: 'INTEGRATION-CODE',
      username: 'api@example.com',
      secret: 'SECRET-1',
    })
  })

  it('never passes on the secret or the integration code an error echoes', async () => {
    const vendor = await autotaskLike((request) => [
      500,
      { errors: [`Value does not reference an existing entity for companyID . ${request.headers.secret}`] },
    ])
    const client = autotaskClient(config(vendor.origin), deps())
    const raw = await client.sendRaw({ method: 'GET', path: '/Tickets/1' }, ctx)
    expect(raw.body.toString()).not.toContain('SECRET-1')
    const failed = await client
      .send({ method: 'GET', path: '/Tickets/1' }, ctx)
      .catch((error: unknown) => error)
    expect(JSON.stringify(failed)).not.toContain('SECRET-1')
    expect(String((failed as Error).message)).not.toContain('SECRET-1')
    expect(failed).toMatchObject({ status: 422 })
  })

  it('goes straight to a configured base URL', async () => {
    const vendor = await autotaskLike(() => [200, { item: { id: 1 } }])
    const client = autotaskClient(
      { ...config(vendor.origin), baseUrl: `${vendor.origin}/direct/V1.0/` },
      deps(),
    )
    await client.send({ method: 'GET', path: '/Tickets/1' }, ctx)
    expect(vendor.seen.map((request) => request.url)).toEqual(['/direct/V1.0/Tickets/1'])
  })
})
