import type { AutotaskTableName } from '../database.js'

/** The entities whose changes Autotask calls out (HELP APIs/Webhooks/REST_WebhooksEntity.htm "Supported entities"). */
export const WEBHOOK_KINDS = [
  { kind: 'Ticket', entity: 'Tickets', table: 'tickets' },
  { kind: 'TicketNote', entity: 'TicketNotes', table: 'ticketNotes' },
  { kind: 'Company', entity: 'Companies', table: 'companies' },
  { kind: 'Contact', entity: 'Contacts', table: 'contacts' },
  { kind: 'ConfigurationItem', entity: 'ConfigurationItems', table: 'configurationItems' },
] as const satisfies readonly { kind: string; entity: string; table: AutotaskTableName }[]

export type WebhookKind = (typeof WEBHOOK_KINDS)[number]

/** One `{Kind}Webhooks` record (HELP REST_WebhooksEntity.htm; SWAGGER CompanyWebhookModel), camelCase. */
export interface WebhookRecord {
  id: number
  name: string | null
  webhookUrl: string
  deactivationUrl: string
  secretKey: string | null
  isActive: boolean
  isReady: boolean
  isSubscribedToCreateEvents: boolean
  isSubscribedToUpdateEvents: boolean
  isSubscribedToDeleteEvents: boolean
  notificationEmailAddress: string | null
  ownerResourceID: number | null
  sendThresholdExceededNotification: boolean
  webhookGUID: string
  [field: string]: unknown
}

/** One `{Kind}WebhookFields` record: a field of the entity the callout watches or always shows (POSTMAN step 2). */
export interface WebhookFieldRecord {
  id: number
  webhookID: number
  fieldID: number
  isSubscribedField: boolean
  isDisplayAlwaysField: boolean
  [field: string]: unknown
}

/** The callouts registered through the API for one kind of entity, and their fields. */
export class WebhookRegistry {
  readonly hooks = new Map<number, WebhookRecord>()
  readonly fields = new Map<number, WebhookFieldRecord>()
  /** Each callout's last sequence number. */
  readonly sequence = new Map<number, number>()

  constructor(readonly kind: WebhookKind) {}

  fieldsOf(webhookId: number): WebhookFieldRecord[] {
    return [...this.fields.values()].filter((field) => field.webhookID === webhookId)
  }

  /** A callout deleted, and its fields with it (unsourced: chosen; fields are children of their callout). */
  remove(webhookId: number): void {
    this.hooks.delete(webhookId)
    this.sequence.delete(webhookId)
    for (const field of this.fieldsOf(webhookId)) this.fields.delete(field.id)
  }

  nextSequence(webhookId: number): number {
    const next = (this.sequence.get(webhookId) ?? 0) + 1
    this.sequence.set(webhookId, next)
    return next
  }
}
