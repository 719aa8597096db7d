import { afterAll, beforeAll, expect, it } from 'vitest'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

let gateway: SyncroGateway
let operations: Array<[method: string, path: string]>

/** A value for each path parameter the routes have. */
const PATH_VALUES: Record<string, string> = {
  connection: 'syncro-test',
  id: '1',
  ticketId: '1',
  resource: 'tickets',
}

beforeAll(async () => {
  gateway = await startSyncroGateway()
  const document = (await gateway.app.openApiDocument()) as { paths: Record<string, Record<string, unknown>> }
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method): [string, string] => [method.toUpperCase(), path]),
  )
})
afterAll(() => gateway.close())

// The passthrough forwards its query to the vendor (docs/passthrough.md); the others take only what they declare.
const takesItsOwnQuery = (path: string) => path.startsWith('/v1/') && !path.includes('/passthrough/')

it('answers an unknown query parameter with 400 naming it on every /v1 route a body does not decide first', async () => {
  const bodiless = operations.filter(
    ([method, path]) => takesItsOwnQuery(path) && (method === 'GET' || method === 'DELETE'),
  )
  expect(bodiless.length).toBeGreaterThan(20)
  const answers = await Promise.all(
    bodiless.map(async ([method, path]) => {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name]!)
      const response = await gateway.app.inject({ method: method as 'GET', url: `${url}?foo=1` })
      const problem = json<{ code?: string; errors?: Array<{ field: string }> }>(response)
      return [`${method} ${path}`, response.statusCode, problem.code, problem.errors?.[0]?.field]
    }),
  )
  expect(answers).toEqual(
    bodiless.map(([method, path]) => [`${method} ${path}`, 400, 'validation_failed', 'foo']),
  )
})

it('answers pageSize that is not a number on the reference lists with 400', async () => {
  for (const list of ['statuses', 'priorities', 'ticket-types', 'boards']) {
    const response = await gateway.app.inject(`/v1/connections/syncro-test/${list}?pageSize=abc`)
    expect([list, response.statusCode]).toEqual([list, 400])
  }
})

it('says which part of the request is not valid in good English', async () => {
  const response = await gateway.app.inject({
    method: 'POST',
    url: '/v1/connections/syncro-test/customers',
    headers: { 'idempotency-key': 'two words' },
    payload: { name: 'Acme' },
  })
  expect(response.statusCode).toBe(400)
  expect(json<{ detail: string }>(response).detail).toMatch(/^the headers are not valid: idempotency-key /)
})
