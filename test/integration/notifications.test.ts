import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionConfig } from '../../adapters/registry.js'
import { json, startGateway, type Gateway } from '../helpers/gateway.js'
import { startRecordingProxy, type RecordedRequest, type RecordingProxy } from '../helpers/recording-proxy.js'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../helpers/vendors.js'

// A connection's `notifications` setting (default false) reaches every vendor's own switch on the gateway's
// ticket and comment writes: ConnectWise `processNotifications`, HaloPSA `sendemail`, Syncro `do_not_email`.

/** What each vendor was told on the writes recorded, as "allowed" (true) or not, per write. */
const SWITCHES: Record<string, (request: RecordedRequest) => boolean | undefined> = {
  connectwise: (request) => {
    const body = JSON.parse(request.body)
    if (Array.isArray(body)) {
      const operation = body.find((op: { path: string }) => op.path === 'processNotifications')
      return operation?.value
    }
    return body.processNotifications
  },
  halopsa: (request) =>
    request.url.startsWith('/api/Actions') ? JSON.parse(request.body)[0].sendemail : undefined,
  syncro: (request) => {
    const body = JSON.parse(request.body)
    const comment = body.comments_attributes?.[0] ?? (request.url.endsWith('/comment') ? body : undefined)
    return comment === undefined ? undefined : !comment.do_not_email
  },
}

/** The writes on which each vendor takes its switch: ticket create (with a description), update, comment. */
const WRITES_WITH_SWITCH: Record<string, number> = { connectwise: 3, halopsa: 1, syncro: 2 }

// Autotask's API writes take no such switch: what mails whom is its workflow rules' (docs/vendors.md).
const WITH_SWITCH = VENDOR_FIXTURES.filter((fixture) => fixture.vendor in SWITCHES)

describe.each(WITH_SWITCH)('notifications on $vendor', (fixture) => {
  let vendor: VendorUnderTest
  let proxy: RecordingProxy
  let gateway: Gateway

  beforeAll(async () => {
    vendor = await fixture.start()
    const connection = vendor.connection as ConnectionConfig & { baseUrl: string }
    const target = new URL(connection.baseUrl)
    proxy = await startRecordingProxy(target.origin)
    const through = `${proxy.origin}${target.pathname.replace(/\/+$/, '')}`
    gateway = await startGateway([
      { ...connection, id: 'quiet', baseUrl: through } as ConnectionConfig,
      { ...connection, id: 'loud', baseUrl: through, notifications: true } as ConnectionConfig,
    ])
  })

  afterAll(async () => {
    await gateway?.close()
    await proxy?.close()
    await vendor?.close()
  })

  it.each([
    ['quiet', false],
    ['loud', true],
  ] as const)(
    'connection %s: the vendor is told %s on every ticket and comment write',
    async (id, allowed) => {
      const send = (method: 'POST' | 'PATCH', path: string, payload: Record<string, unknown>) =>
        gateway.app.inject({ method, url: `/v1/connections/${id}${path}`, payload })
      proxy.requests.length = 0
      const created = await send('POST', '/tickets', {
        subject: 'Printer offline',
        description: 'Since 9am.',
        customerId: vendor.sample().customerId,
      })
      expect(created.statusCode, created.body).toBe(201)
      const ticketId = json<{ id: string }>(created).id
      expect((await send('PATCH', `/tickets/${ticketId}`, { subject: 'Printer back' })).statusCode).toBe(200)
      const comment = await send('POST', `/tickets/${ticketId}/comments`, {
        body: 'Fixed',
        visibility: 'public',
      })
      expect(comment.statusCode).toBe(201)
      const told = proxy.requests
        .filter((request) => request.method !== 'GET' && !request.url.includes('token'))
        .map(SWITCHES[vendor.vendor]!)
        .filter((value) => value !== undefined)
      expect(told).toEqual(Array(WRITES_WITH_SWITCH[vendor.vendor]).fill(allowed))
    },
  )
})
