import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChangeEvent } from '../../src/canonical/event.js'
import { startReceiver, type Receiver } from '../helpers/event-receiver.js'
import { json, startConnectWiseGateway, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

/**
 * The pollers against the Syncro emulator, its records changed at the emulator itself (never through the
 * gateway): each look is run by the test, so nothing waits for a timer.
 */

let gateway: SyncroGateway
let receiver: Receiver
let secret: string
const CONNECTION = 'syncro-test'

/** A call to the emulator as any Syncro API client makes it. */
async function atVendor(method: string, path: string, body?: unknown) {
  const response = await fetch(`${gateway.emulator.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${gateway.emulator.apiKeys[0]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true)
  return response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>)
}

const sources = () => gateway.app.events.sources
let feedCursor: string | undefined
/** The events logged since the last call. */
async function newEvents(): Promise<ChangeEvent[]> {
  const query = feedCursor ? `?cursor=${feedCursor}` : ''
  const response = await gateway.app.inject({
    method: 'GET',
    url: `/v1/connections/${CONNECTION}/events${query}`,
  })
  const page = json<{ data: ChangeEvent[]; nextCursor: string }>(response)
  feedCursor = page.nextCursor
  return page.data
}

beforeAll(async () => {
  gateway = await startSyncroGateway()
  receiver = await startReceiver()
  const created = await gateway.app.inject({
    method: 'POST',
    url: '/v1/subscriptions',
    payload: { url: receiver.url, connections: [CONNECTION] },
  })
  secret = json<{ secret: string }>(created).secret
})
afterAll(async () => {
  await gateway?.close()
  await receiver?.close()
})

describe('change events found by polling a vendor', () => {
  it('starts without an event for the records already there: polling at once, walking where it cannot poll', async () => {
    expect(await sources().look(CONNECTION, 'ticket')).toBe('poll')
    // Syncro lists customers with no updated-since filter: a walk is their only look.
    expect(await sources().look(CONNECTION, 'customer')).toBe('walk')
    expect(await sources().look(CONNECTION, 'ticket')).toBe('poll')
    expect(await newEvents()).toEqual([])
  })

  it('logs a ticket changed at the vendor once, as re-read, and delivers it signed', async () => {
    const ticket = (await atVendor('GET', '/tickets?per_page=1'))!.tickets as Array<{ id: number }>
    const id = String(ticket[0]!.id)
    await atVendor('PUT', `/tickets/${id}`, { subject: 'Changed at the vendor' })

    expect(await sources().look(CONNECTION, 'ticket')).toBe('poll')
    const [event, ...more] = await newEvents()
    expect(more).toEqual([])
    expect(event).toMatchObject({
      type: 'ticket.updated',
      connection: CONNECTION,
      resource: { type: 'ticket', id },
      source: 'poll',
      data: { id, subject: 'Changed at the vendor' },
    })
    expect(event!.occurredAt).toBe((event!.data as { updatedAt: string }).updatedAt)
    expect(event!.data).not.toHaveProperty('remote')

    await receiver.waitFor(1)
    const [delivered] = receiver.received
    const verified = new Webhook(secret.replace(/^whsec_/, '')).verify(
      delivered!.body,
      delivered!.headers as Record<string, string>,
    ) as { data: ChangeEvent }
    expect(verified.data.id).toBe(event!.id)

    // Looking again finds the same version: nothing more is logged.
    expect(await sources().look(CONNECTION, 'ticket')).toBe('poll')
    expect(await newEvents()).toEqual([])
  })

  it('tells a ticket made since the last look (with its first comment) from one changed', async () => {
    const customers = (await atVendor('GET', '/customers'))!.customers as Array<{ id: number }>
    const made = (await atVendor('POST', '/tickets', {
      customer_id: customers[0]!.id,
      subject: 'Made at the vendor',
      comments_attributes: [{ subject: 'Initial', body: 'It broke', hidden: false }],
    }))!.ticket as { id: number }
    await atVendor('POST', `/tickets/${made.id}/comment`, {
      subject: 'Update',
      body: 'Still broken',
      hidden: false,
    })

    await sources().look(CONNECTION, 'ticket')
    const events = await newEvents()
    expect(events.map(({ type }) => type)).toEqual(['ticket.created', 'comment.created', 'comment.created'])
    expect(events[0]).toMatchObject({ resource: { type: 'ticket', id: String(made.id) } })
    expect(events.slice(1).map(({ data }) => (data as { ticketId: string }).ticketId)).toEqual([
      String(made.id),
      String(made.id),
    ])
  })

  it('finds the same changes again after a look that failed on the way, and logs each once', async () => {
    const [ticket] = (await atVendor('GET', '/tickets?per_page=1'))!.tickets as Array<{ id: number }>
    await atVendor('POST', `/tickets/${ticket!.id}/comment`, {
      subject: 'Note',
      body: 'Seen twice?',
      hidden: false,
    })
    gateway.emulator.faults.respond({
      status: 400,
      method: 'GET',
      pathPrefix: `/tickets/${ticket!.id}/comments`,
    })
    await expect(sources().look(CONNECTION, 'ticket')).rejects.toThrow()
    // The ticket's change was logged before its comments were read; the look was not committed.
    expect((await newEvents()).map(({ type }) => type)).toEqual(['ticket.updated'])
    expect(await sources().look(CONNECTION, 'ticket')).toBe('poll')
    expect((await newEvents()).map(({ type }) => type)).toEqual(['comment.created'])
  })

  it('finds a deleted ticket by the next walk, confirmed by a read that answers 404', async () => {
    const made = (await atVendor('POST', '/tickets', {
      customer_id: ((await atVendor('GET', '/customers'))!.customers as Array<{ id: number }>)[0]!.id,
      subject: 'Short-lived',
    }))!.ticket as { id: number }
    await sources().look(CONNECTION, 'ticket')
    expect((await newEvents()).map(({ type }) => type)).toEqual(['ticket.created'])
    await atVendor('DELETE', `/tickets/${made.id}`)

    // A poll cannot see a delete.
    expect(await sources().look(CONNECTION, 'ticket')).toBe('poll')
    expect(await newEvents()).toEqual([])
    // The first walk comes due, EVENT_RECONCILE_MINUTES after the first look; the tickets polls never saw are
    // its baseline, and the one they saw and that is gone is deleted.
    await gateway.app.sharedState.eventWatch.setMark(CONNECTION, 'ticket', {
      startedAt: '2026-01-01T00:00:00.000Z',
    })
    expect(await sources().look(CONNECTION, 'ticket')).toBe('walk')
    const [deleted, ...more] = await newEvents()
    expect(more).toEqual([])
    expect(deleted).toMatchObject({
      type: 'ticket.deleted',
      resource: { type: 'ticket', id: String(made.id) },
      data: null,
      source: 'poll',
    })
  })

  it('walks a resource the vendor cannot filter by update time, and finds its changes there', async () => {
    const [customer] = (await atVendor('GET', '/customers'))!.customers as Array<{ id: number }>
    await atVendor('PUT', `/customers/${customer!.id}`, { business_name: 'Renamed at the vendor' })
    // Syncro lists customers with no updated-since filter: a poll does nothing until the walk is due.
    expect(await sources().look(CONNECTION, 'customer')).toBe('none')
    await gateway.app.sharedState.eventWatch.setMark(CONNECTION, 'customer', {
      walkedAt: '2026-01-01T00:00:00.000Z',
    })
    expect(await sources().look(CONNECTION, 'customer')).toBe('walk')
    const [event, ...more] = await newEvents()
    expect(more).toEqual([])
    expect(event).toMatchObject({
      type: 'customer.updated',
      resource: { type: 'customer', id: String(customer!.id) },
      data: { name: 'Renamed at the vendor' },
    })
  })

  it('skips a look while another holds the lease of that resource (a long walk on another replica)', async () => {
    const { eventWatch } = gateway.app.sharedState
    expect(await eventWatch.claim(CONNECTION, 'asset', 'another-replica', 60_000)).toBe(true)
    expect(await sources().look(CONNECTION, 'asset')).toBe('busy')
    await eventWatch.release(CONNECTION, 'asset', 'another-replica')
    expect(await sources().look(CONNECTION, 'asset')).toBe('walk')
  })

  it('counts the events by source, the vendor calls the sources made, and each poller lag', async () => {
    const metrics = (await gateway.app.inject({ method: 'GET', url: '/metrics' })).body
    const value = (prefix: string) =>
      Number(
        metrics
          .split('\n')
          .find((line) => line.startsWith(prefix))
          ?.split(' ')[1] ?? NaN,
      )
    expect(
      value(`psagw_events_detected_total{connection="${CONNECTION}",resource="ticket",source="poll"}`),
    ).toBe(5)
    expect(
      value(`psagw_events_detected_total{connection="${CONNECTION}",resource="comment",source="poll"}`),
    ).toBe(3)
    const eventCalls = value(`psagw_event_vendor_calls_total{connection="${CONNECTION}"}`)
    expect(eventCalls).toBeGreaterThan(10)
    expect(
      value(`psagw_event_poller_lag_seconds{connection="${CONNECTION}",resource="ticket"}`),
    ).toBeGreaterThanOrEqual(0)
    // Only the sources' own calls are counted there: a list through the API adds none.
    await gateway.app.inject({ method: 'GET', url: `/v1/connections/${CONNECTION}/tickets` })
    const after = (await gateway.app.inject({ method: 'GET', url: '/metrics' })).body
    expect(after).toContain(`psagw_event_vendor_calls_total{connection="${CONNECTION}"} ${eventCalls}\n`)
  })

  it("skips a look quietly while the sources' share of the vendor limit is used up", async () => {
    const starved = await startSyncroGateway({
      connection: { rateLimit: { limit: 600, windowMs: 3_600_000, scope: 'connection' } },
      config: { eventVendorShare: 0.001 },
    })
    try {
      expect(await starved.app.events.sources.look('syncro-test', 'ticket')).toBe('throttled')
      expect(starved.logs.filter((line) => line.includes('"level":40'))).toEqual([])
      // The apps' own calls still have the rest of the limit.
      const listed = await starved.app.inject({ method: 'GET', url: '/v1/connections/syncro-test/tickets' })
      expect(listed.statusCode).toBe(200)
    } finally {
      await starved.close()
    }
  })
})

describe('the first walk of a polled resource', () => {
  it('logs a change made since the last poll, which the walk moves the watermark past', async () => {
    const syncro = await startSyncroGateway()
    try {
      const { sources } = syncro.app.events
      expect(await sources.look('syncro-test', 'ticket')).toBe('poll')
      const [ticket] = syncro.emulator.db.tickets.values()
      const changed = await fetch(`${syncro.emulator.baseUrl}/tickets/${ticket!.id}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${syncro.emulator.apiKeys[0]}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ subject: 'Changed before the first walk' }),
      })
      expect(changed.status).toBe(200)
      await syncro.app.sharedState.eventWatch.setMark('syncro-test', 'ticket', {
        startedAt: '2026-01-01T00:00:00.000Z',
      })
      expect(await sources.look('syncro-test', 'ticket')).toBe('walk')
      const feed = await syncro.app.inject('/v1/connections/syncro-test/events')
      expect(json<{ data: ChangeEvent[] }>(feed).data).toMatchObject([
        { type: 'ticket.updated', resource: { id: String(ticket!.id) } },
      ])
    } finally {
      await syncro.close()
    }
  })
})

describe('the cadence of each resource', () => {
  it('polls tickets at every look, and customers and assets (which change far less) at every third', async () => {
    const cw = await startConnectWiseGateway({ config: { eventPollSeconds: 10 } })
    try {
      const { sources } = cw.app.events!
      const { eventWatch } = cw.app.sharedState
      for (const resource of ['ticket', 'customer'] as const)
        expect(await sources.look('connectwise-test', resource)).toBe('poll')
      expect(await sources.look('connectwise-test', 'ticket')).toBe('poll')
      expect(await sources.look('connectwise-test', 'customer')).toBe('none')
      const lookAgo = (looks: number) => new Date(Date.now() - looks * 10_000).toISOString()
      await eventWatch.setMark('connectwise-test', 'customer', { polledAt: lookAgo(2) })
      expect(await sources.look('connectwise-test', 'customer')).toBe('none')
      await eventWatch.setMark('connectwise-test', 'customer', { polledAt: lookAgo(3) })
      expect(await sources.look('connectwise-test', 'customer')).toBe('poll')
    } finally {
      await cw.close()
    }
  })
})
