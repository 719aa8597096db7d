import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startReceiver, type Receiver } from '../../helpers/event-receiver.js'
import { api, halo, useHaloEmulator } from './helpers.js'

useHaloEmulator()

let receiver: Receiver
beforeAll(async () => {
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver.close()
})
afterEach(() => {
  halo.db.webhooks.clear()
  receiver.received.length = 0
})

const EVENTS = [
  { id: 11, name: 'New Ticket Logged' },
  { id: 12, name: 'Ticket Updated' },
  { id: 13, name: 'Ticket Deleted' },
]

const registerWebhook = (item: Record<string, unknown>) =>
  api('/Webhook', { method: 'POST', body: [{ name: 'gateway', url: receiver.url, events: EVENTS, ...item }] })

async function nextWebhook(count: number) {
  await receiver.waitFor(count)
  const received = receiver.received[count - 1]!
  return { ...received, payload: JSON.parse(received.body) as Record<string, unknown> }
}

describe('HaloPSA /api/Webhook', () => {
  it('creates, lists and deletes a webhook by its uuid, never answering the password back', async () => {
    const created = await registerWebhook({
      authentication_type: 1,
      basic_username: 'halo',
      basic_password: 'secret-1',
    })
    expect(created.status).toBe(200)
    expect(created.json).toMatchObject({ url: receiver.url, authentication_type: 1, basic_password: '' })
    const id = created.json.id as string
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(JSON.stringify((await api('/Webhook')).json)).not.toContain('secret-1')
    expect((await api(`/Webhook/${id}`, { method: 'DELETE' })).status).toBe(200)
    expect((await api(`/Webhook/${id}`)).status).toBe(404)
  })

  it('refuses a webhook without a valid URL', async () => {
    const refused = await registerWebhook({ url: 'nowhere' })
    expect(refused).toMatchObject({ status: 400, json: { error: 'validation_error' } })
    expect(halo.db.webhooks.size).toBe(0)
  })
})

describe('HaloPSA webhooks', () => {
  it('posts ticket logged, updated and deleted through the API with the configured Basic auth', async () => {
    const webhook = (
      await registerWebhook({ authentication_type: 1, basic_username: 'halo', basic_password: 'secret-2' })
    ).json
    const ticket = (await api('/Tickets', { method: 'POST', body: [{ summary: 'Hook me', client_id: 1 }] }))
      .json as { id: number }
    const logged = await nextWebhook(1)
    expect(logged.headers.authorization).toBe(`Basic ${Buffer.from('halo:secret-2').toString('base64')}`)
    expect(logged.headers['content-type']).toBe('application/json')
    expect(logged.payload).toMatchObject({
      webhook_id: webhook.id,
      notification_id: 11,
      event: 'New Ticket Logged',
      object_id: ticket.id,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/),
      ticket: { id: ticket.id, summary: 'Hook me' },
    })

    await api('/Tickets', { method: 'POST', body: [{ id: ticket.id, summary: 'Hooked' }] })
    expect((await nextWebhook(2)).payload).toMatchObject({
      event: 'Ticket Updated',
      ticket: { summary: 'Hooked' },
    })
    await api(`/Tickets/${ticket.id}`, { method: 'DELETE' })
    const deleted = await nextWebhook(3)
    expect(deleted.payload).toMatchObject({ event: 'Ticket Deleted', object_id: ticket.id })
    expect(deleted.payload).not.toHaveProperty('ticket')
  })

  it('posts a change made directly on the database, to active webhooks with that rule only', async () => {
    await registerWebhook({})
    await registerWebhook({ url: `${receiver.url}?inactive`, active: false })
    await registerWebhook({ url: `${receiver.url}?other`, events: [{ id: 1, name: 'Ticket Reassigned' }] })
    const ticket = [...halo.db.tickets.values()][0]!
    halo.db.updateTicket(ticket, { summary: 'Changed directly' })
    const updated = await nextWebhook(1)
    expect(updated.headers.authorization).toBeUndefined()
    expect(updated.payload).toMatchObject({ event: 'Ticket Updated', object_id: ticket.id })
    await halo.webhooks.settled()
    expect(receiver.received).toHaveLength(1)
  })
})
