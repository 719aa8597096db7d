import type { EventType } from '../../src/canonical/event.js'
import type { DetectedChange } from '../../src/events/types.js'

/** A change as a source reports it: a customer record (the smallest canonical record) or, deleted, none. */
export function detectedChange(
  connection: string,
  id: string,
  occurredAt: string,
  type: EventType = 'customer.updated',
  source: DetectedChange['source'] = 'poll',
): DetectedChange {
  const [resource] = type.split('.') as [DetectedChange['resource']['type']]
  const deleted = type.endsWith('.deleted')
  return {
    connection,
    type,
    resource: { type: resource, id },
    occurredAt,
    data: deleted
      ? null
      : resource === 'customer'
        ? {
            id,
            name: `Customer ${id}`,
            email: null,
            phone: null,
            website: null,
            address: null,
            active: true,
            createdAt: occurredAt,
            updatedAt: occurredAt,
            customFields: [],
          }
        : null,
    source,
  }
}
