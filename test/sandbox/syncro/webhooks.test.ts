import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sandboxOptionsFromEnv } from '../../../sandbox/options-from-env.js'
import { startSyncroEmulator, type SyncroEmulator } from '../../../sandbox/syncro/index.js'
import { startReceiver, type Receiver } from '../../helpers/event-receiver.js'
import { callJson } from '../http.js'

let receiver: Receiver
let syncro: SyncroEmulator
beforeAll(async () => {
  receiver = await startReceiver()
  syncro = await startSyncroEmulator({
    webhookUrl: receiver.url,
    rateLimit: { limit: 10_000, windowMs: 60_000 },
  })
})
afterAll(async () => {
  await syncro.close()
  await receiver.close()
})

const api = (path: string, method: string, body?: unknown) =>
  callJson(`${syncro.baseUrl}${path}`, {
    method,
    body,
    headers: { authorization: `Bearer ${syncro.apiKeys[0]!}` },
  })

async function nextWebhook(count: number) {
  await receiver.waitFor(count)
  return JSON.parse(receiver.received[count - 1]!.body) as {
    text: string
    attributes: Record<string, unknown>
  }
}

describe('Syncro webhooks', () => {
  it('posts {text, attributes} for a ticket created and its status changed, through the API and directly', async () => {
    const customer = [...syncro.db.customers.values()][0]!
    const created = await api('/tickets', 'POST', { customer_id: customer.id, subject: 'Hook me' })
    const ticketId = (created.json.ticket as { id: number }).id
    expect(await nextWebhook(1)).toMatchObject({
      text: 'A Ticket was created',
      attributes: { id: ticketId, subject: 'Hook me' },
    })

    await api(`/tickets/${ticketId}`, 'PUT', { status: 'Resolved' })
    expect(await nextWebhook(2)).toMatchObject({
      text: 'A Ticket status was changed to Resolved',
      attributes: { id: ticketId, status: 'Resolved' },
    })

    // A subject change has no Syncro event; a status changed directly on the database does.
    syncro.db.updateTicket(syncro.db.tickets.get(ticketId)!, { subject: 'Renamed' })
    syncro.db.updateTicket(syncro.db.tickets.get(ticketId)!, { status: 'In Progress' })
    expect(await nextWebhook(3)).toMatchObject({ text: 'A Ticket status was changed to In Progress' })
    await syncro.webhooks.settled()
    expect(receiver.received).toHaveLength(3)
    expect(syncro.webhooks.sent.map((attempt) => attempt.status)).toEqual([204, 204, 204])
    expect(syncro.stats.callbacks).toEqual({ sent: 3, failed: 0 })
  })

  it('posts a contact created, and nothing for its update or delete', async () => {
    const before = receiver.received.length
    const customer = [...syncro.db.customers.values()][0]!
    const created = await api('/contacts', 'POST', { customer_id: customer.id, name: 'Hook Contact' })
    const contactId = (created.json as { id: number }).id
    expect(await nextWebhook(before + 1)).toEqual({
      text: 'New Contact Created!',
      attributes: created.json,
    })
    await api(`/contacts/${contactId}`, 'PUT', { phone: '555-0100' })
    await api(`/contacts/${contactId}`, 'DELETE')
    await syncro.webhooks.settled()
    expect(receiver.received).toHaveLength(before + 1)
  })

  it('reads the webhook URL that stands for Syncro’s UI from SANDBOX_SYNCRO_WEBHOOK_URL', () => {
    const problems: string[] = []
    const url = 'https://hooks.example/syncro'
    expect(sandboxOptionsFromEnv({ SANDBOX_SYNCRO_WEBHOOK_URL: url }, problems).syncro?.webhookUrl).toBe(url)
    expect(
      sandboxOptionsFromEnv({ SANDBOX_SYNCRO_WEBHOOK_URL: 'nowhere' }, problems).syncro?.webhookUrl,
    ).toBe(undefined)
    expect(problems).toEqual(["SANDBOX_SYNCRO_WEBHOOK_URL must be an http(s) URL, got 'nowhere'"])
  })
})
