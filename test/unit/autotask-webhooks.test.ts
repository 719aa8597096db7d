import { createHmac } from 'node:crypto'
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { autotaskApi } from '../../adapters/autotask/api.js'
import { autotaskCallbacks, isSignedByAutotask } from '../../adapters/autotask/callbacks.js'
import { watchedFieldIds } from '../../adapters/autotask/webhook-registration.js'
import type { CallbackEndpoint } from '../../adapters/types.js'
import type { VendorCall, VendorClient } from '../../src/vendor-http/client.js'

const ENDPOINT: CallbackEndpoint = {
  url: 'https://gw.example.com/v1/connections/autotask-main/callbacks/new-token',
  signingKey: 'the-signing-key',
}
const STALE_URL = 'https://gw.example.com/v1/connections/autotask-main/callbacks/old-token'
const OTHER_GATEWAY = 'https://staging.example.com/v1/connections/autotask-main/callbacks/x'
const NAME = 'psa-gateway change events'

const SETTINGS = {
  name: NAME,
  webhookUrl: ENDPOINT.url,
  deactivationUrl: ENDPOINT.url,
  secretKey: ENDPOINT.signingKey,
  isActive: true,
  isSubscribedToCreateEvents: true,
  isSubscribedToUpdateEvents: true,
  isSubscribedToDeleteEvents: true,
}

/** `{Kind}WebhookFields/entityInformation/fields`: the `fieldID` picklist offering these labels, ids from 1. */
const offering = (...labels: string[]) => ({
  fields: [
    { name: 'id', dataType: 'long' },
    {
      name: 'fieldID',
      dataType: 'integer',
      isPickList: true,
      picklistValues: labels.map((label, index) => ({ value: String(index + 1), label })),
    },
  ],
})

const page = (items: unknown[]) => ({ items, pageDetails: { count: items.length, nextPageUrl: null } })

/**
 * An Autotask that answers by method and path: its callouts per kind, their fields per callout, the fields each kind
 * offers; every call recorded.
 */
function fakeAutotask(state: {
  callouts: Record<string, unknown[]>
  fields?: Record<string, unknown[]>
  offered: Record<string, ReturnType<typeof offering>>
}) {
  const calls: VendorCall[] = []
  const logs: string[] = []
  const client = {
    send: async (call: VendorCall) => {
      calls.push(call)
      const kind = /^\/(\w+?)Webhook/.exec(call.path)?.[1] ?? ''
      const route = `${call.method} ${call.path}`
      const body = route.endsWith('Webhooks/query')
        ? page(state.callouts[kind] ?? [])
        : route.endsWith('WebhookFields/entityInformation/fields')
          ? state.offered[kind]
          : call.method === 'GET' && call.path.endsWith('/Fields')
            ? page(state.fields?.[call.path] ?? [])
            : { itemId: 77 }
      return { status: 200, headers: {}, body }
    },
  } as unknown as VendorClient
  const log = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) })
  const register = autotaskCallbacks(client, autotaskApi(client)).register!
  return { calls, logs, register: () => register(ENDPOINT, { log }) }
}

const writes = (calls: VendorCall[]) =>
  calls
    .filter((call) => call.method !== 'GET' && !call.path.endsWith('/query'))
    .map(({ method, path, body }) => ({ method, path, body }))

describe('registering Autotask callouts', () => {
  it('makes one per kind, signed and on every change, watching the offered fields the gateway reads', async () => {
    const autotask = fakeAutotask({
      callouts: {},
      offered: {
        Ticket: offering('title', 'Status', 'resolution'),
        Company: offering('Company Name', 'Company Type'),
        ConfigurationItem: offering(),
      },
    })
    await autotask.register()
    const field = (fieldID: number) => ({
      webhookID: 77,
      fieldID,
      isSubscribedField: true,
      isDisplayAlwaysField: false,
    })
    expect(writes(autotask.calls)).toEqual([
      { method: 'POST', path: '/TicketWebhooks', body: SETTINGS },
      { method: 'POST', path: '/TicketWebhooks/77/Fields', body: field(1) },
      { method: 'POST', path: '/TicketWebhooks/77/Fields', body: field(2) },
      { method: 'POST', path: '/CompanyWebhooks', body: SETTINGS },
      { method: 'POST', path: '/CompanyWebhooks/77/Fields', body: field(1) },
    ])
    // A kind that offers none of the fields cannot call out: polling alone finds its records, and a warning says so.
    expect(autotask.logs.join('')).toContain('ConfigurationItemWebhooks')
  })

  it('brings its own back to its settings, subscribes what is missing, deletes its stale ones and no one else’s', async () => {
    const autotask = fakeAutotask({
      callouts: {
        Ticket: [
          { id: 5, ...SETTINGS, isActive: false },
          { id: 6, name: NAME, webhookUrl: STALE_URL },
          { id: 7, name: NAME, webhookUrl: OTHER_GATEWAY },
          { id: 8, name: 'an integration of its own', webhookUrl: `${STALE_URL}2` },
        ],
      },
      fields: {
        '/TicketWebhooks/5/Fields': [
          { id: 50, fieldID: 1, isSubscribedField: true },
          { id: 51, fieldID: 2, isSubscribedField: false, isDisplayAlwaysField: true },
        ],
      },
      offered: {
        Ticket: offering('title', 'status', 'priority'),
        Company: offering(),
        ConfigurationItem: offering(),
      },
    })
    await autotask.register()
    expect(writes(autotask.calls)).toEqual([
      { method: 'PATCH', path: '/TicketWebhooks', body: { ...SETTINGS, id: 5 } },
      { method: 'PATCH', path: '/TicketWebhooks/5/Fields', body: { id: 51, isSubscribedField: true } },
      {
        method: 'POST',
        path: '/TicketWebhooks/5/Fields',
        body: { webhookID: 5, fieldID: 3, isSubscribedField: true, isDisplayAlwaysField: false },
      },
      { method: 'DELETE', path: '/TicketWebhooks/6', body: undefined },
    ])
  })

  it('writes nothing when its callouts already hold their settings and fields', async () => {
    const autotask = fakeAutotask({
      callouts: { Ticket: [{ id: 5, ...SETTINGS }] },
      fields: { '/TicketWebhooks/5/Fields': [{ id: 50, fieldID: 1, isSubscribedField: true }] },
      offered: { Ticket: offering('status'), Company: offering(), ConfigurationItem: offering() },
    })
    await autotask.register()
    expect(writes(autotask.calls)).toEqual([])
  })
})

describe("the fields a callout watches: fieldID's picklist labels", () => {
  it('match the watched REST names without case, spaces or punctuation', () => {
    const fields = offering('companyName', 'Phone', 'Web Address', 'company_type', 'city ').fields
    expect(watchedFieldIds(fields, ['companyName', 'phone', 'webAddress', 'city'])).toEqual([1, 2, 3, 5])
    expect(watchedFieldIds([{ name: 'id', dataType: 'long' }], ['phone'])).toEqual([])
  })
})

describe("Autotask's callout signature", () => {
  const rawBody = Buffer.from(
    '{"Action":"Update","EntityType":"Ticket","Id":7,"Fields":{"title":"a \\u0026 b"}}',
  )
  const signature = (key: string, body = rawBody) =>
    `sha1=${createHmac('sha1', key).update(body).digest('base64')}`

  it('is the base64 HMAC-SHA1 of the raw body under the key the gateway registered', () => {
    const signed = (headers: Record<string, string | string[] | undefined>) =>
      isSignedByAutotask({ rawBody, headers }, 'the-signing-key')
    expect(signed({ 'x-hook-signature': signature('the-signing-key') })).toBe(true)
    expect(signed({ 'x-hook-signature': signature('another-key') })).toBe(false)
    expect(signed({ 'x-hook-signature': signature('the-signing-key', Buffer.from('{}')) })).toBe(false)
    expect(signed({ 'x-hook-signature': signature('the-signing-key').replace('sha1=', '') })).toBe(false)
    expect(signed({ 'x-hook-signature': [signature('the-signing-key')] })).toBe(false)
    expect(signed({})).toBe(false)
  })
})
