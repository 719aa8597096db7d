import { CALLBACK_SECRET, callbackEndpointsAt } from '../helpers/callbacks.js'
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEBHOOK_KINDS } from '../../adapters/autotask/webhook-kinds.js'
import type { CallbackEndpoint } from '../../adapters/types.js'
import { callbackPath, callbackSigningKey, callbackToken } from '../../src/events/callback-token.js'
import { newApiKey } from '../../src/security/api-keys.js'
import type { ChangeEvent } from '../../src/canonical/event.js'
import { startReceiver, type Receiver } from '../helpers/event-receiver.js'
import {
  json,
  startAutotaskGateway,
  startConnectWiseGateway,
  startHaloGateway,
  startSyncroGateway,
  type AutotaskGateway,
  type Gateway,
} from '../helpers/gateway.js'
import { call as connectWiseCall } from '../sandbox/connectwise/helpers.js'
import { call as haloCall, tokenFor } from '../sandbox/halopsa/helpers.js'
import { callJson } from '../sandbox/http.js'

/**
 * Vendor callbacks end to end: the emulators call the gateway back as the vendors do, the gateway reads the record
 * named again and logs it with source `callback`, and a subscription receives it.
 */

const SECRET = CALLBACK_SECRET

/** Listens on loopback and subscribes a receiver to the connection's events; answers its callback URL. */
async function listening(gateway: Gateway, connection: string) {
  await gateway.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = gateway.app.server.address() as { port: number }
  const receiver = await startReceiver()
  const created = await gateway.app.inject({
    method: 'POST',
    url: '/v1/subscriptions',
    payload: { url: receiver.url, connections: [connection] },
  })
  expect(created.statusCode).toBe(201)
  const endpointOf = callbackEndpointsAt(port)
  const urlOf = (id: string) => endpointOf(id).url
  return { receiver, urlOf, endpointOf }
}

const deliveredEvent = (receiver: Receiver, index: number) =>
  (JSON.parse(receiver.received[index]!.body) as { data: ChangeEvent }).data

describe('ConnectWise callbacks', () => {
  let gateway: Awaited<ReturnType<typeof startConnectWiseGateway>>
  let receiver: Receiver
  let urlOf: (connection: string) => string
  let endpointOf: (connection: string) => CallbackEndpoint
  const CONNECTION = 'connectwise-test'

  beforeAll(async () => {
    gateway = await startConnectWiseGateway({ config: { eventCallbackSecret: SECRET } })
    ;({ receiver, urlOf, endpointOf } = await listening(gateway, CONNECTION))
  })
  afterAll(async () => {
    await gateway?.close()
    await receiver?.close()
  })

  it('registers one owner-level callback per record type, once; switches its own on again, removes its stale ones', async () => {
    const register = (url: string, type: string, inactiveFlag = false) =>
      connectWiseCall(gateway.emulator, '/system/callbacks', {
        method: 'POST',
        body: {
          url,
          objectId: 1,
          type,
          level: 'owner',
          description: 'psa-gateway change events',
          inactiveFlag,
        },
      })
    const ours = `${urlOf(CONNECTION)}?recordId=`
    const rotated = ours.replace(/callbacks\/[^?]+/, 'callbacks/an-old-token')
    const anotherGateway = 'https://staging.example.com/v1/connections/connectwise-test/callbacks/x?recordId='
    for (const [url, type, inactive] of [
      [rotated, 'ticket', false],
      [anotherGateway, 'ticket', false],
      [ours, 'company', true],
    ] as const)
      expect((await register(url, type, inactive)).status).toBe(201)

    const sources = gateway.app.events.sources
    await sources.registerCallbacks(CONNECTION, endpointOf(CONNECTION))
    await sources.registerCallbacks(CONNECTION, endpointOf(CONNECTION))
    const entries = (await connectWiseCall(gateway.emulator, '/system/callbacks')).json as Array<{
      url: string
      type: string
      level: string
      inactiveFlag: boolean
    }>
    const shown = entries
      .map(({ url, type, level, inactiveFlag }) => ({ url, type, level, inactiveFlag }))
      .sort((a, b) => a.url.localeCompare(b.url) || a.type.localeCompare(b.type))
    expect(shown).toEqual(
      [
        ...['company', 'configuration', 'ticket'].map((type) => ({
          url: ours,
          type,
          level: 'owner',
          inactiveFlag: false,
        })),
        { url: anotherGateway, type: 'ticket', level: 'owner', inactiveFlag: false },
      ].sort((a, b) => a.url.localeCompare(b.url) || a.type.localeCompare(b.type)),
    )
  })

  it('logs a ticket changed at the vendor from its callback, read again, and delivers it', async () => {
    const sources = gateway.app.events.sources
    expect(await sources.look(CONNECTION, 'ticket')).toBe('poll')
    const [ticket] = gateway.emulator.db.tickets.values()
    const patched = await connectWiseCall(gateway.emulator, `/service/tickets/${ticket!.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'summary', value: 'Changed at the vendor' }],
    })
    expect(patched.status).toBe(200)
    await receiver.waitFor(1)
    expect(deliveredEvent(receiver, 0)).toMatchObject({
      type: 'ticket.updated',
      source: 'callback',
      resource: { type: 'ticket', id: String(ticket!.id) },
      data: { subject: 'Changed at the vendor' },
    })
    // The poller finds the same version: one change, one event.
    expect(await sources.look(CONNECTION, 'ticket')).toBe('poll')
    const feed = await gateway.app.inject({ method: 'GET', url: `/v1/connections/${CONNECTION}/events` })
    expect(json<{ data: ChangeEvent[] }>(feed).data).toHaveLength(1)
  })

  it('logs a ticket deleted at the vendor from its callback, once a read answers 404, if it was known', async () => {
    // A first walk makes every ticket known (a callback's 404 for an id never known deletes nothing).
    await gateway.app.sharedState.eventWatch.setMark(CONNECTION, 'ticket', {
      startedAt: '2026-01-01T00:00:00.000Z',
    })
    expect(await gateway.app.events.sources.look(CONNECTION, 'ticket')).toBe('walk')
    const [, ticket] = gateway.emulator.db.tickets.values()
    const deleted = await connectWiseCall(gateway.emulator, `/service/tickets/${ticket!.id}`, {
      method: 'DELETE',
    })
    expect(deleted.status).toBe(204)
    await receiver.waitFor(2)
    expect(deliveredEvent(receiver, 1)).toMatchObject({
      type: 'ticket.deleted',
      source: 'callback',
      resource: { type: 'ticket', id: String(ticket!.id) },
      data: null,
    })
  })
})

describe('HaloPSA webhooks', () => {
  it('logs a ticket changed at the vendor from the webhook an administrator set up', async () => {
    const gateway = await startHaloGateway({ config: { eventCallbackSecret: SECRET } })
    const { receiver, urlOf } = await listening(gateway, 'halopsa-test')
    try {
      gateway.emulator.db.webhooks.set('6f1c2c1e-0000-4000-8000-000000000001', {
        id: '6f1c2c1e-0000-4000-8000-000000000001',
        name: 'psa-gateway',
        url: urlOf('halopsa-test'),
        authentication_type: 0,
        basic_username: null,
        basic_password: null,
        active: true,
        events: [{ id: 1, name: 'Ticket Updated' }],
      })
      const [ticket] = gateway.emulator.db.tickets.values()
      const token = await tokenFor(gateway.emulator)
      const updated = await haloCall(`${gateway.emulator.apiUrl}/Tickets`, {
        method: 'POST',
        token,
        body: [{ id: ticket!.id, summary: 'Changed in Halo' }],
      })
      expect(updated.status).toBe(200)
      await receiver.waitFor(1)
      expect(deliveredEvent(receiver, 0)).toMatchObject({
        type: 'ticket.updated',
        source: 'callback',
        resource: { type: 'ticket', id: String(ticket!.id) },
        data: { subject: 'Changed in Halo' },
      })
    } finally {
      await gateway.close()
      await receiver.close()
    }
  })
})

describe('Autotask webhooks', () => {
  let gateway: AutotaskGateway
  let receiver: Receiver
  let urlOf: (connection: string) => string
  let endpointOf: (connection: string) => CallbackEndpoint
  const CONNECTION = 'autotask-test'
  const NAME = 'psa-gateway change events'

  /** The emulator's API as the vendor's own clients call it. */
  function autotaskCall(path: string, method = 'GET', body?: unknown) {
    const user = gateway.emulator.apiUsers[0]!
    const headers = { UserName: user.userName, Secret: user.secret, ApiIntegrationCode: user.integrationCode }
    return callJson(`${gateway.emulator.baseUrl}${path}`, { method, headers, body })
  }
  const calloutsOf = async (kind: string) =>
    (await autotaskCall(`/${kind}Webhooks/query`, 'POST', { filter: [{ op: 'gte', field: 'id', value: 0 }] }))
      .json.items as Array<Record<string, unknown> & { id: number }>

  beforeAll(async () => {
    gateway = await startAutotaskGateway({ config: { eventCallbackSecret: SECRET } })
    ;({ receiver, urlOf, endpointOf } = await listening(gateway, CONNECTION))
  })
  afterAll(async () => {
    await gateway?.close()
    await receiver?.close()
  })

  it('registers a signed callout watching the fields the gateway reads, once; switches its own on again, deletes its stale ones', async () => {
    const ours = urlOf(CONNECTION)
    const rotated = ours.replace(/callbacks\/.+$/, 'callbacks/an-old-token')
    const anotherGateway = 'https://staging.example.com/v1/connections/autotask-test/callbacks/x'
    const callout = (webhookUrl: string, isActive: boolean) => ({
      name: NAME,
      webhookUrl,
      deactivationUrl: webhookUrl,
      isActive,
      isSubscribedToUpdateEvents: true,
    })
    // Ours, switched off (as Autotask leaves one after 25 failed deliveries), on tickets; a stale one on companies.
    for (const [kind, url, active] of [
      ['Ticket', ours, false],
      ['Ticket', anotherGateway, true],
      ['Company', rotated, true],
    ] as const)
      expect((await autotaskCall(`/${kind}Webhooks`, 'POST', callout(url, active))).status).toBe(200)

    const sources = gateway.app.events.sources
    await sources.registerCallbacks(CONNECTION, endpointOf(CONNECTION))
    await sources.registerCallbacks(CONNECTION, endpointOf(CONNECTION))

    const tickets = await calloutsOf('Ticket')
    expect(tickets.map(({ webhookUrl }) => webhookUrl).sort()).toEqual([ours, anotherGateway].sort())
    const ticketCallout = tickets.find(({ webhookUrl }) => webhookUrl === ours)!
    expect(ticketCallout).toMatchObject({
      name: NAME,
      deactivationUrl: ours,
      secretKey: callbackSigningKey(SECRET, CONNECTION),
      isActive: true,
      isReady: true,
      isSubscribedToCreateEvents: true,
      isSubscribedToUpdateEvents: true,
      isSubscribedToDeleteEvents: true,
    })
    // Each kind's callout watches, once each, the fields the gateway reads that the emulator offers to call out on;
    // the stale company callout (an old token of ours) is gone.
    for (const kind of WEBHOOK_KINDS) {
      const offered = (
        await autotaskCall(`/${kind.name}WebhookFields/entityInformation/fields`)
      ).json.fields.find((field: { name: string }) => field.name === 'fieldID').picklistValues as Array<{
        value: string
        label: string
      }>
      const wanted = kind.watched.filter((name) => offered.some(({ label }) => label === name))
      const mine = (await calloutsOf(kind.name)).filter(({ webhookUrl }) => webhookUrl === ours)
      expect(mine, kind.name).toHaveLength(wanted.length > 0 ? 1 : 0)
      if (wanted.length === 0) continue
      const fields = (await autotaskCall(`/${kind.name}Webhooks/${mine[0]!.id}/Fields`)).json.items as Array<{
        fieldID: number
        isSubscribedField: boolean
      }>
      const watched = fields.map(({ fieldID, isSubscribedField }) => ({
        label: offered.find(({ value }) => Number(value) === fieldID)?.label,
        isSubscribedField,
      }))
      expect(watched.sort((a, b) => String(a.label).localeCompare(String(b.label)))).toEqual(
        wanted.sort().map((label) => ({ label, isSubscribedField: true })),
      )
    }
    expect((await calloutsOf('Company')).map(({ webhookUrl }) => webhookUrl)).not.toContain(rotated)
  })

  it('logs a ticket changed at the vendor from its signed callout, read again, and delivers it', async () => {
    const sources = gateway.app.events.sources
    expect(await sources.look(CONNECTION, 'ticket')).toBe('poll')
    const ticket = [...gateway.emulator.db.tickets.values()].find((candidate) => candidate.status !== 5)!
    expect((await autotaskCall('/Tickets', 'PATCH', { id: ticket.id, status: 5 })).status).toBe(200)
    await receiver.waitFor(1)
    expect(deliveredEvent(receiver, 0)).toMatchObject({
      type: 'ticket.updated',
      source: 'callback',
      resource: { type: 'ticket', id: String(ticket.id) },
      data: { status: { id: '5' } },
    })
    // The poller finds the same version: one change, one event.
    expect(await sources.look(CONNECTION, 'ticket')).toBe('poll')
    const feed = await gateway.app.inject({ method: 'GET', url: `/v1/connections/${CONNECTION}/events` })
    expect(json<{ data: ChangeEvent[] }>(feed).data).toHaveLength(1)
  })

  it('refuses a callout not signed with the key the gateway registered, 401, and reads nothing', async () => {
    const body = JSON.stringify({ Action: 'Update', EntityType: 'Ticket', Id: 1, Fields: { status: 5 } })
    const sign = (key: string) => `sha1=${createHmac('sha1', key).update(body).digest('base64')}`
    const post = (headers: Record<string, string>) =>
      gateway.app.inject({
        method: 'POST',
        url: callbackPath(CONNECTION, callbackToken(SECRET, CONNECTION)),
        headers: { 'content-type': 'application/json', ...headers },
        payload: body,
      })
    const unsigned: Record<string, string> = {}
    for (const headers of [unsigned, { 'x-hook-signature': sign('another key') }]) {
      const refused = await post(headers)
      expect(refused.statusCode).toBe(401)
      expect(json<{ code: string }>(refused).code).toBe('unauthorized')
    }
    expect(
      (await post({ 'x-hook-signature': sign(callbackSigningKey(SECRET, CONNECTION)) })).statusCode,
    ).toBe(204)
  })
})

describe('the callback URL', () => {
  let gateway: Awaited<ReturnType<typeof startSyncroGateway>>
  const token = callbackToken(SECRET, 'syncro-test')
  const callback = (path: string) =>
    gateway.app.inject({
      method: 'POST',
      url: path,
      payload: { text: 'A Ticket was created', attributes: { id: 1 } },
    })

  beforeAll(async () => {
    // Gateway API keys configured: the vendor presents none, its URL's token is the authentication.
    const apiKey = newApiKey()
    gateway = await startSyncroGateway({
      config: {
        eventCallbackSecret: SECRET,
        apiKeys: [{ name: 'app', keyHash: apiKey.keyHash, scopes: ['read'] }],
      },
    })
  })
  afterAll(() => gateway?.close())

  it('takes a callback with the connection token, and answers 404 alike to any other token or connection', async () => {
    expect((await callback(callbackPath('syncro-test', token))).statusCode).toBe(204)
    const refusals = await Promise.all([
      callback(
        callbackPath('syncro-test', callbackToken('another-secret-of-at-least-32-chars!', 'syncro-test')),
      ),
      callback(callbackPath('syncro-test', `${token}x`)),
      callback(callbackPath('syncro-elsewhere', callbackToken(SECRET, 'syncro-elsewhere'))),
    ])
    for (const refusal of refusals) {
      expect(refusal.statusCode).toBe(404)
      expect(refusal.headers['content-type']).toContain('application/problem+json')
      expect(json<{ detail: string }>(refusal).detail).toBe('no callback is taken at this URL')
    }
    // The token is a secret: the access log names the route without it.
    expect(gateway.logs.join('\n')).toContain('/v1/connections/syncro-test/callbacks/[token]')
    expect(gateway.logs.join('\n')).not.toContain(token)
  })

  it('takes no callback at all without EVENT_CALLBACK_SECRET', async () => {
    const unset = await startSyncroGateway({ config: { eventCallbackSecret: undefined } })
    try {
      const answer = await unset.app.inject({
        method: 'POST',
        url: callbackPath('syncro-test', token),
        payload: {},
      })
      expect(answer.statusCode).toBe(404)
    } finally {
      await unset.close()
    }
  })
})
