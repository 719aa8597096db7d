import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  createGatewayClient,
  dataOrThrow,
  GatewayRequestError,
  listAll,
  type GatewayClient,
  type GatewayProblem,
  type Schema,
} from '../../clients/typescript/src/index.js'
import { startSandbox, type Sandbox } from '../../sandbox/index.js'
import { GENEROUS_LIMIT, startGateway, type Gateway } from '../helpers/gateway.js'

/**
 * The TypeScript client (clients/typescript) as an internal app uses it: over real HTTP, against a gateway in
 * sandbox mode (every emulator, registered as its `<vendor>-sandbox` connection) that requires an API key.
 */

const API_KEY = 'client-test-key-0123456789'
let sandbox: Sandbox
let gateway: Gateway
let client: GatewayClient
let origin: string

beforeAll(async () => {
  // Limits far above this file's calls: the vendors' own would pace the walks for seconds.
  sandbox = await startSandbox({
    connectwise: { rateLimit: GENEROUS_LIMIT },
    halopsa: { rateLimit: GENEROUS_LIMIT },
    syncro: { rateLimit: GENEROUS_LIMIT },
  })
  gateway = await startGateway(sandbox.connections, { apiKeys: [{ name: 'client-test', key: API_KEY }] })
  origin = await gateway.app.listen({ host: '127.0.0.1', port: 0 })
  client = createGatewayClient({ baseUrl: origin, apiKey: API_KEY })
})
afterAll(async () => {
  await gateway.close()
  await sandbox.close()
})

const connection = 'syncro-sandbox'
const ticketPath = { connection, id: '999999999' }

describe('lists', () => {
  it('lists the connections, typed', async () => {
    const { data } = await client.GET('/v1/connections')
    expectTypeOf(data).toEqualTypeOf<Schema<'ConnectionList'> | undefined>()
    expect(data?.data.map((each) => each.id)).toEqual(
      expect.arrayContaining([
        'connectwise-sandbox',
        'halopsa-sandbox',
        'syncro-sandbox',
        'autotask-sandbox',
      ]),
    )
  })

  it('reads one page of tickets and the cursor of the next', async () => {
    const page = dataOrThrow(
      await client.GET('/v1/connections/{connection}/tickets', {
        params: { path: { connection }, query: { pageSize: 5 } },
      }),
    )
    expectTypeOf(page.data).toEqualTypeOf<Schema<'Ticket'>[]>()
    expect(page.data).toHaveLength(5)
    expect(page.nextCursor).toEqual(expect.any(String))
  })

  const vendors = ['connectwise', 'halopsa', 'syncro'] as const
  it.each(vendors)(
    'pages the %s-sandbox tickets to the end: every ticket at the vendor, once',
    async (vendor) => {
      let pages = 0
      const ids: string[] = []
      const tickets = listAll((cursor) => {
        pages += 1
        return client.GET('/v1/connections/{connection}/tickets', {
          params: { path: { connection: `${vendor}-sandbox` }, query: { pageSize: 100, cursor } },
        })
      })
      for await (const ticket of tickets) {
        expectTypeOf(ticket).toEqualTypeOf<Schema<'Ticket'>>()
        ids.push(ticket.id)
      }
      expect(pages).toBeGreaterThan(1)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.length).toBe(sandbox[vendor].db.tickets.size)
    },
  )
})

describe('a create with an Idempotency-Key', () => {
  it('answers the same record when repeated, and writes it once', async () => {
    const customers = dataOrThrow(
      await client.GET('/v1/connections/{connection}/customers', {
        params: { path: { connection }, query: { pageSize: 50 } },
      }),
    )
    const customer = customers.data.find((each) => each.active)!
    const create = () =>
      client.POST('/v1/connections/{connection}/tickets', {
        params: { path: { connection }, header: { 'idempotency-key': 'client-test-create-1' } },
        body: { subject: 'Printer offline (client test)', customerId: customer.id, priority: 'high' },
      })
    const before = sandbox.syncro.db.tickets.size

    const first = await create()
    const repeat = await create()

    expect([first.response.status, repeat.response.status]).toEqual([201, 201])
    expectTypeOf(first.data).toEqualTypeOf<Schema<'Ticket'> | undefined>()
    expect(first.data?.subject).toBe('Printer offline (client test)')
    expect(repeat.data).toEqual(first.data)
    expect(sandbox.syncro.db.tickets.size).toBe(before + 1)
  })
})

describe('problems, read as typed values', () => {
  it('reads a 404 as a GatewayProblem', async () => {
    const { data, error, response } = await client.GET('/v1/connections/{connection}/tickets/{id}', {
      params: { path: ticketPath },
    })
    expectTypeOf(error).toEqualTypeOf<GatewayProblem | undefined>()
    expect(data).toBeUndefined()
    expect(response.status).toBe(404)
    expectTypeOf<GatewayProblem>().toExtend<{ type: string; status: number; code: string; detail: string }>()
    expect(error).toMatchObject({ type: 'urn:psa-gateway:problem:not_found', status: 404, code: 'not_found' })
    expect(error?.detail).toEqual(expect.any(String))
  })

  it('reads a 400 with the field at fault', async () => {
    const { error } = await client.GET('/v1/connections/{connection}/tickets', {
      params: { path: { connection }, query: { status: 'bogus' } },
    })
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' })
    expect(error?.errors?.map((each) => each.field)).toContain('status')
  })

  it('throws a GatewayRequestError carrying the problem from dataOrThrow and listAll', async () => {
    const missing = await client.GET('/v1/connections/{connection}/tickets/{id}', {
      params: { path: ticketPath },
    })
    expect(() => dataOrThrow(missing)).toThrow(GatewayRequestError)
    expect(() => dataOrThrow(missing)).toThrow(
      expect.objectContaining({ status: 404, problem: expect.objectContaining({ code: 'not_found' }) }),
    )

    const walk = listAll((cursor) =>
      client.GET('/v1/connections/{connection}/tickets', {
        params: { path: { connection }, query: { cursor: cursor ?? 'not-a-cursor' } },
      }),
    )
    await expect(walk.next()).rejects.toMatchObject({ status: 400, problem: { code: 'invalid_cursor' } })
  })

  it('sends the API key: a client without one is refused with a 401 problem', async () => {
    const anonymous = createGatewayClient({ baseUrl: origin })
    const { error, response } = await anonymous.GET('/v1/connections')
    expect(response.status).toBe(401)
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' })
  })
})
