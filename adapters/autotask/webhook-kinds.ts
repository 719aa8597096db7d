import type { CallbackHint } from '../types.js'

/**
 * The records whose changes Autotask calls out to the gateway, one `{name}Webhooks` callout each (the facts, §8:
 * HELP REST_WebhooksEntity.htm "Supported entities"; the registration entities as N8N's autotask node names them).
 */
export interface WebhookKind {
  /** `Ticket` for `/TicketWebhooks` and `/TicketWebhookFields`. */
  name: string
  resource: CallbackHint['resource']
  /**
   * How a callout's `EntityType` may name the kind, lower-cased: singular, plural, and the legacy names (`Account`,
   * `InstalledProduct`) of N8N's AutotaskTrigger alias map.
   */
  entityTypes: readonly string[]
  /** The fields the canonical record is read from (map.ts): an update of one of them calls out. */
  watched: readonly string[]
}

export const WEBHOOK_KINDS: readonly WebhookKind[] = [
  {
    name: 'Ticket',
    resource: 'ticket',
    entityTypes: ['ticket', 'tickets'],
    watched: [
      'title',
      'description',
      'status',
      'priority',
      'ticketType',
      'queueID',
      'companyID',
      'contactID',
      'assignedResourceID',
      'dueDateTime',
      'completedDate',
    ],
  },
  {
    name: 'Company',
    resource: 'customer',
    entityTypes: ['company', 'companies', 'account'],
    watched: [
      'companyName',
      'phone',
      'webAddress',
      'address1',
      'address2',
      'city',
      'state',
      'postalCode',
      'isActive',
    ],
  },
  {
    name: 'ConfigurationItem',
    resource: 'asset',
    entityTypes: ['configurationitem', 'configurationitems', 'installedproduct', 'installedproducts'],
    watched: [
      'referenceTitle',
      'serialNumber',
      'configurationItemType',
      'productID',
      'companyID',
      'isActive',
    ],
  },
]
