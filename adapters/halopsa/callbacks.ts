import { fieldOf, recordIdOf } from '../kit/callback-body.js'
import type { CallbackHint, VendorCallbacks } from '../types.js'

/**
 * HaloPSA webhooks (docs/events-sources.md section 2), set up in Halo's UI: each delivery names its record by
 * `object_id`, with the `ticket` (or `client`, `asset`) object when the payload carries objects; batching sends an
 * array of them. The top-level `id` is the delivery's, not the record's.
 */
const RESOURCE_OF_OBJECT: Array<[string, CallbackHint['resource']]> = [
  ['ticket', 'ticket'],
  ['action', 'ticket'],
  ['client', 'customer'],
  ['asset', 'asset'],
]

function hintOfDelivery(delivery: unknown): CallbackHint | undefined {
  for (const [key, resource] of RESOURCE_OF_OBJECT) {
    const object = fieldOf(delivery, key)
    // An action belongs to a ticket: the ticket it names is what changed.
    const id = recordIdOf(key === 'action' ? fieldOf(object, 'ticket_id') : fieldOf(object, 'id'))
    if (id) return { resource, id }
  }
  // "Event information only": the event's name is the notification rule's, free text; a ticket's is the default.
  const event = fieldOf(delivery, 'event')
  const id = recordIdOf(fieldOf(delivery, 'object_id'))
  if (!id || typeof event !== 'string') return undefined
  const resource = /client|customer/i.test(event)
    ? 'customer'
    : /asset|device/i.test(event)
      ? 'asset'
      : 'ticket'
  return { resource, id }
}

export const haloCallbacks: VendorCallbacks = {
  hintsOf: (body) =>
    (Array.isArray(body) ? body : [body]).flatMap((delivery) => hintOfDelivery(delivery) ?? []),
}
