import { fieldOf, recordIdOf } from '../kit/callback-body.js'
import type { VendorCallbacks } from '../types.js'

/**
 * Syncro webhooks (docs/events-sources.md section 3), set up in Syncro's notification center: `{text,
 * attributes}`, the first line of `text` the event in words ("A Ticket was created", "New Customer Created!"),
 * `attributes` the record as the REST API shows it. A comment's record names its ticket.
 */
export const syncroCallbacks: VendorCallbacks = {
  hintsOf(body) {
    const text = fieldOf(body, 'text')
    const attributes = fieldOf(body, 'attributes')
    if (typeof text !== 'string') return []
    const event = text.split('\n', 1)[0]!
    const ticketOfComment = recordIdOf(fieldOf(attributes, 'ticket_id'))
    const id = recordIdOf(fieldOf(attributes, 'id'))
    if (/comment|replied/i.test(event) && ticketOfComment)
      return [{ resource: 'ticket', id: ticketOfComment }]
    if (!id) return []
    if (/ticket/i.test(event)) return [{ resource: 'ticket', id }]
    if (/customer/i.test(event)) return [{ resource: 'customer', id }]
    if (/asset/i.test(event)) return [{ resource: 'asset', id }]
    return []
  },
}
