import { randomUUID } from 'node:crypto'
import type { CallbackSender } from '../../shared/callback-sender.js'
import type { HaloChange, HaloDatabase } from '../database.js'
import type { WebhookRecord } from '../records.js'
import { ticketView } from '../views/tickets.js'
import { TICKET_EVENT_NAMES } from './events.js'

/**
 * Posts each ticket change to every active webhook with a rule of that change's name (./events.ts). Halo's guide:
 * the content type "can only be application/json", authentication "No Authentication" or "Basic Authentication
 * ... username and password" (usehalo.com/guide/webhook-integration/). Returns the function that stops listening.
 */
export function startHaloWebhooks(db: HaloDatabase, sender: CallbackSender, now: () => number): () => void {
  return db.changes.listen((change) => {
    const eventName = TICKET_EVENT_NAMES[change.action].toLowerCase()
    for (const webhook of db.webhooks.values()) {
      const event = webhook.active && webhook.events.find((rule) => rule.name.toLowerCase() === eventName)
      if (event) sender.schedule(() => request(db, webhook, event, change, now()))
    }
  })
}

/**
 * The body as a live tenant sent it for a ticket rule (an unnamed repo's
 * test/DotMarc.Tests/Notifications/HaloWebhookEndpointTests.cs, docs/events-sources.md 2.2): `id` a delivery
 * uuid, `webhook_id`, `notification_id` (the rule), `escmsg_id`, `event` (the rule's name), `message`,
 * `object_id` (the ticket), `agent_id`, `timestamp` with seven fraction digits and `Z`, and `ticket` (the full
 * object, Halo's "Full object with linked objects" payload type). Our choices: `message` (the capture shows only
 * the status-change text), `agent_id` the ticket's agent, and no `ticket` on a delete (the record is gone).
 */
function request(
  db: HaloDatabase,
  webhook: WebhookRecord,
  event: { id: number; name: string },
  change: HaloChange,
  now: number,
) {
  const ticket = change.record
  const body = JSON.stringify({
    id: randomUUID(),
    webhook_id: webhook.id,
    notification_id: event.id,
    escmsg_id: randomUUID(),
    event: event.name,
    message: `${event.name}: Ticket ID: ${String(ticket.id).padStart(7, '0')}.`,
    object_id: ticket.id,
    agent_id: ticket.agent_id,
    timestamp: new Date(now).toISOString().replace(/Z$/, '0000Z'),
    ...(change.action === 'deleted' ? {} : { ticket: ticketView(db, ticket) }),
  })
  const headers: Record<string, string> =
    webhook.authentication_type === 1
      ? {
          authorization: `Basic ${Buffer.from(`${webhook.basic_username}:${webhook.basic_password ?? ''}`).toString('base64')}`,
        }
      : {}
  return { url: webhook.url, headers, body }
}
