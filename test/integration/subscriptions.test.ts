import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionConfig } from '../../adapters/registry.js'
import { newApiKey } from '../../src/security/api-keys.js'
import { startGateway, type Gateway } from '../helpers/gateway.js'

/** The subscription routes through app.inject: no delivery here (test/integration/event-delivery*.test.ts). */

const connection = (id: string): ConnectionConfig => ({ id, vendor: 'syncro', apiKey: 'k', subdomain: id })
const PUBLIC_URL = 'https://93.184.215.14/hooks'

const events = newApiKey()
const limited = newApiKey()
const reader = newApiKey()
const unscoped = newApiKey()

let gateway: Gateway
beforeAll(async () => {
  gateway = await startGateway([connection('syncro-a'), connection('syncro-b')], {
    webhookAllowPrivateUrls: false,
    apiKeys: [
      { name: 'events', keyHash: events.keyHash, scopes: ['events'] },
      { name: 'limited', keyHash: limited.keyHash, scopes: ['events'], connections: ['syncro-b'] },
      { name: 'reader', keyHash: reader.keyHash, scopes: ['read', 'write'] },
      { name: 'unscoped', keyHash: unscoped.keyHash },
    ],
  })
})
afterAll(() => gateway?.close())

const call = (key: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  gateway.app.inject({ method, url, payload, headers: { authorization: `Bearer ${key}` } })

describe('/v1/subscriptions', () => {
  it('creates a subscription and shows its secret in that answer only', async () => {
    const created = await call(events.key, 'POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      connections: ['syncro-a'],
      types: ['ticket.created'],
    })
    expect(created.statusCode).toBe(201)
    const subscription = created.json()
    expect(subscription).toMatchObject({
      id: expect.stringMatching(/^sub_[0-9a-f]{20}$/),
      url: PUBLIC_URL,
      connections: ['syncro-a'],
      types: ['ticket.created'],
      enabled: true,
      disabledReason: null,
    })
    expect(Buffer.from(subscription.secret.replace(/^whsec_/, ''), 'base64')).toHaveLength(32)

    const got = await call(events.key, 'GET', `/v1/subscriptions/${subscription.id}`)
    expect(got.statusCode).toBe(200)
    const { secret, ...shown } = subscription
    expect(got.json()).toEqual(shown)
    const listed = await call(events.key, 'GET', '/v1/subscriptions')
    expect(listed.json().data).toContainEqual(shown)
    expect(listed.body + got.body).not.toContain(secret)
    expect(gateway.logs.join('')).not.toContain(secret)

    expect((await call(events.key, 'GET', `/v1/subscriptions/${subscription.id}/deliveries`)).json()).toEqual(
      {
        data: [],
        nextCursor: null,
      },
    )
    expect((await call(events.key, 'POST', `/v1/subscriptions/${subscription.id}/enable`)).json()).toEqual(
      shown,
    )
    expect((await call(events.key, 'DELETE', `/v1/subscriptions/${subscription.id}`)).statusCode).toBe(204)
    expect((await call(events.key, 'GET', `/v1/subscriptions/${subscription.id}`)).statusCode).toBe(404)
    expect((await call(events.key, 'DELETE', `/v1/subscriptions/${subscription.id}`)).statusCode).toBe(404)
  })

  it('needs the events scope, which a key listing no scopes does not have', async () => {
    expect((await call(unscoped.key, 'GET', '/v1/subscriptions')).statusCode).toBe(403)
    expect((await call(unscoped.key, 'GET', '/v1/connections')).statusCode).toBe(200)
    const answer = await call(reader.key, 'GET', '/v1/subscriptions')
    expect(answer.statusCode).toBe(403)
    expect(answer.json()).toMatchObject({
      code: 'forbidden',
      detail: "this API key lacks the 'events' scope",
    })
    expect((await gateway.app.inject('/v1/subscriptions')).statusCode).toBe(401)
  })

  it.each([
    // Invalid input is a 400 (docs/behaviour.md keeps 422 for what the vendor refused), a connection the body
    // names that does not exist too: the body is wrong, not the route.
    [{ url: 'https://127.0.0.1/hooks' }, 400, 'url'],
    [{ url: 'http://93.184.215.14/hooks' }, 400, 'url'],
    [{ url: 'ftp://93.184.215.14/hooks' }, 400, 'url'],
    [{ url: 'https://user:pw@93.184.215.14/' }, 400, 'url'],
    [{ url: PUBLIC_URL, connections: ['syncro-z'] }, 400, 'connections'],
    [{ url: PUBLIC_URL, connections: [] }, 400, undefined],
    [{ url: PUBLIC_URL, types: ['ticket.exploded'] }, 400, undefined],
    [{ url: PUBLIC_URL, extra: true }, 400, undefined],
    [{}, 400, undefined],
  ])('refuses %j as problem+json', async (body, status, field) => {
    const answer = await call(events.key, 'POST', '/v1/subscriptions', body)
    expect(answer.statusCode).toBe(status)
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(answer.json().code).toBe('validation_failed')
    if (field) expect(answer.json().errors).toEqual([{ field, message: expect.any(String) }])
  })

  it('keeps a key limited to some connections within them', async () => {
    const forbidden = await call(limited.key, 'POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      connections: ['syncro-a'],
    })
    expect(forbidden.statusCode).toBe(403)
    // Outside its connections, whether the connection exists or not: the key learns nothing of the others.
    const unknown = await call(limited.key, 'POST', '/v1/subscriptions', {
      url: PUBLIC_URL,
      connections: ['syncro-z'],
    })
    expect(unknown.statusCode).toBe(403)
    const own = (await call(limited.key, 'POST', '/v1/subscriptions', { url: PUBLIC_URL })).json()
    expect(own.connections).toEqual(['syncro-b'])
    const everywhere = (await call(events.key, 'POST', '/v1/subscriptions', { url: PUBLIC_URL })).json()
    expect(everywhere.connections).toBeNull()

    const seen = (await call(limited.key, 'GET', '/v1/subscriptions'))
      .json()
      .data.map((s: { id: string }) => s.id)
    expect(seen).toContain(own.id)
    expect(seen).not.toContain(everywhere.id)
    expect((await call(limited.key, 'GET', `/v1/subscriptions/${everywhere.id}`)).statusCode).toBe(404)
    expect((await call(limited.key, 'DELETE', `/v1/subscriptions/${everywhere.id}`)).statusCode).toBe(404)
  })
})
