import { request } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js'

describe('npm start with no configuration (sandbox mode)', () => {
  let server: ServerProcess

  beforeAll(async () => {
    server = await startServerProcess()
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })

  const get = async (path: string) => {
    const response = await request(`${server.url}${path}`)
    return { status: response.statusCode, headers: response.headers, body: await response.body.text() }
  }

  it('serves a sandbox connection per emulator', async () => {
    const { status, body } = await get('/v1/connections')
    expect(status).toBe(200)
    expect(JSON.parse(body).data.map((c: { id: string }) => c.id)).toEqual([
      'connectwise-sandbox',
      'halopsa-sandbox',
      'syncro-sandbox',
      'autotask-sandbox',
    ])
  })

  it('reads HaloPSA through its emulator, with an OAuth token', async () => {
    const { status, body } = await get('/v1/connections/halopsa-sandbox/tickets?pageSize=5&status=open')
    expect(status).toBe(200)
    const tickets = JSON.parse(body).data as Array<{ status: { category: string } }>
    expect(tickets).toHaveLength(5)
    expect(tickets.every((ticket) => ticket.status.category === 'open')).toBe(true)
  })

  it('reads ConnectWise through its emulator', async () => {
    const { status, body } = await get('/v1/connections/connectwise-sandbox/tickets?pageSize=5&status=closed')
    expect(status).toBe(200)
    const tickets = JSON.parse(body).data as Array<{ status: { category: string } }>
    expect(tickets).toHaveLength(5)
    expect(tickets.every((ticket) => ticket.status.category === 'closed')).toBe(true)
  })

  it('lists and pages tickets from the emulator', async () => {
    const first = JSON.parse((await get('/v1/connections/syncro-sandbox/tickets?pageSize=30')).body)
    expect(first.data).toHaveLength(30)
    const second = JSON.parse(
      (await get(`/v1/connections/syncro-sandbox/tickets?pageSize=30&cursor=${first.nextCursor}`)).body,
    )
    const ids = new Set([...first.data, ...second.data].map((t: { id: string }) => t.id))
    expect(ids.size).toBe(60)
  })

  it('answers problem+json over the wire', async () => {
    const { status, headers, body } = await get('/v1/connections/syncro-sandbox/tickets?pageSize=0')
    expect(status).toBe(400)
    expect(headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(JSON.parse(body).code).toBe('validation_failed')
  })

  it('warns at start that no gateway API key guards it', () => {
    expect(server.lines.some((line) => line.includes('no gateway API keys configured'))).toBe(true)
  })

  it('serves health, the OpenAPI document and Swagger UI', async () => {
    expect((await get('/healthz')).status).toBe(200)
    expect(JSON.parse((await get('/readyz')).body).status).toBe('ready')
    expect(JSON.parse((await get('/openapi.json')).body).openapi).toBe('3.1.0')
    expect((await get('/docs')).status).toBe(200)
  })

  it('stops cleanly on SIGTERM', async () => {
    expect(await server.stop()).toBe(0)
    expect(server.lines.some((line) => line.includes('shutting down'))).toBe(true)
  })
})

describe('start-up with a wrong configuration', () => {
  it('stops with a message naming the variable, not its value', async () => {
    await expect(startServerProcess({ PORT: 'eighty' })).rejects.toThrow(/PORT: must be an integer/)
  })

  it('refuses production without API keys', async () => {
    await expect(
      startServerProcess({ NODE_ENV: 'production', SYNCRO_API_KEY: 'k', SYNCRO_SUBDOMAIN: 'acme' }),
    ).rejects.toThrow(/GATEWAY_API_KEYS: required in production/)
  })
})
