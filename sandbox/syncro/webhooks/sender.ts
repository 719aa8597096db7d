import type { CallbackSender } from '../../shared/callback-sender.js'
import type { SyncroChange, SyncroDatabase } from '../database.js'
import { contactView, customerView } from '../views/customers.js'
import { ticketDetailView } from '../views/tickets.js'

/**
 * Syncro's webhooks are set up only in its UI (notification sets; syncro-openapi.json has no webhook path), so
 * the emulator's `webhookUrl` option stands for that setting. The body is `{text, attributes}`: `text` the event's
 * sentence, `attributes` the record as the REST API shows it (a community n8n trigger, SyncroMspTrigger,
 * docs/events-sources.md 3; inferred from one client). The events sent are the ones that trigger and Syncro's
 * notification reference name: a ticket created, a ticket's status changed, a customer created, a contact created.
 * No source shows a webhook for a comment, an asset, another update or a delete, so those send nothing; no signature
 * or authentication is documented, so none is sent. Returns the function that stops listening.
 */
export function startSyncroWebhooks(db: SyncroDatabase, sender: CallbackSender, url: string): () => void {
  return db.changes.listen((change) => {
    const event = eventOf(db, change)
    if (event) sender.schedule(() => ({ url, headers: {}, body: JSON.stringify(event()) }))
  })
}

/**
 * The body of the change's event, built when it is sent, if Syncro has such an event. The sentences are those the
 * n8n trigger matches: "A Ticket was created", "A Ticket status was changed to Resolved", "New Customer Created!",
 * "New Contact Created!".
 */
function eventOf(
  db: SyncroDatabase,
  change: SyncroChange,
): (() => { text: string; attributes: unknown }) | undefined {
  if (change.resource === 'ticket' && change.action === 'created')
    return () => ({ text: 'A Ticket was created', attributes: ticketDetailView(db, change.record) })
  if (change.resource === 'ticket' && change.action === 'updated' && change.changed?.includes('status'))
    return () => ({
      text: `A Ticket status was changed to ${change.record.status}`,
      attributes: ticketDetailView(db, change.record),
    })
  if (change.resource === 'customer' && change.action === 'created')
    return () => ({ text: 'New Customer Created!', attributes: customerView(db, change.record) })
  if (change.resource === 'contact' && change.action === 'created')
    return () => ({ text: 'New Contact Created!', attributes: contactView(change.record) })
  return undefined
}
