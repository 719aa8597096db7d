import { randomUUID } from 'node:crypto'
import { isHttpUrl } from '../../shared/urls.js'
import type { RouteHandler } from '../http-types.js'
import { isObject } from '../inputs/item-reader.js'
import type { WebhookRecord } from '../records.js'
import { bindingError, recordNotFound, validationError, type FieldError } from '../vendor-errors.js'

// `/api/Webhook` (vendor-specs/halopsa-openapi.json): POST an array (create, or update by `id`, as Halo's other
// entities), GET the list, GET and DELETE one by its uuid. Halo's guide sets webhooks up in its UI; this API
// stands for it. What a webhook sends is in ../webhooks/sender.ts.

/** `basic_password` is never answered back (our choice: no source shows whether Halo echoes it). */
function webhookView({ basic_password: password, ...webhook }: WebhookRecord) {
  return { ...webhook, basic_password: password === null ? null : '' }
}

export const listWebhooks: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: [...db.webhooks.values()].map(webhookView),
})

export const getWebhook: RouteHandler = ({ params }, { db }) => {
  const webhook = db.webhooks.get(params.id ?? '')
  return webhook ? { status: 200, body: webhookView(webhook) } : recordNotFound('Webhook', params.id ?? '')
}

export const deleteWebhook: RouteHandler = ({ params }, { db }) =>
  db.webhooks.delete(params.id ?? '') ? { status: 200 } : recordNotFound('Webhook', params.id ?? '')

/**
 * Each item: `url` (absolute http or https; required on create), `name`, `authentication_type` (0 none, 1 basic)
 * with `basic_username`/`basic_password`, `active` (default true) and `events` (`[{id?, name}]`). The whole
 * array is checked before any item is kept. Halo's own messages for these errors are not known; ours follow its
 * `validation_error` shape.
 */
export const writeWebhooks: RouteHandler = ({ body }, { db }) => {
  if (!Array.isArray(body))
    return bindingError('', "Cannot deserialize the current JSON value into type 'List<Webhook>'.")
  const errors: FieldError[] = []
  const planned = body.map((item: unknown, index) => {
    const field = (name: string) => (body.length > 1 ? `[${index}].${name}` : name)
    if (!isObject(item)) {
      errors.push({ field: field(''), message: 'A webhook must be an object' })
      return undefined
    }
    const existing = typeof item.id === 'string' ? db.webhooks.get(item.id) : undefined
    if (item.id !== undefined && item.id !== null && item.id !== '' && !existing)
      errors.push({ field: field('id'), message: `Webhook ID ${String(item.id)} does not exist` })
    const webhook = readWebhook(item, existing, (name, message) =>
      errors.push({ field: field(name), message }),
    )
    return webhook
  })
  if (errors.length > 0) return validationError(errors)
  const saved = planned.map((webhook) => {
    db.webhooks.set(webhook!.id, webhook!)
    return webhookView(webhook!)
  })
  return { status: 200, body: saved.length === 1 ? saved[0] : saved }
}

function readWebhook(
  item: Record<string, unknown>,
  existing: WebhookRecord | undefined,
  fail: (field: string, message: string) => void,
): WebhookRecord {
  const text = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : null)
  const webhook: WebhookRecord = existing
    ? { ...existing }
    : {
        id: randomUUID(),
        name: null,
        url: '',
        authentication_type: 0,
        basic_username: null,
        basic_password: null,
        active: true,
        events: [],
      }
  if ('name' in item) webhook.name = text('name')
  if ('url' in item || !existing) webhook.url = text('url') ?? ''
  if (!isHttpUrl(webhook.url)) fail('url', 'A valid URL is required')
  if ('authentication_type' in item) {
    const type = item.authentication_type
    if (type !== 0 && type !== 1) fail('authentication_type', 'Only 0 (none) and 1 (basic) are emulated')
    else webhook.authentication_type = type
  }
  if ('basic_username' in item) webhook.basic_username = text('basic_username')
  if ('basic_password' in item) webhook.basic_password = text('basic_password')
  if (webhook.authentication_type === 1 && (!webhook.basic_username || webhook.basic_password === null))
    fail('basic_username', 'Basic authentication needs a username and a password')
  if ('active' in item) webhook.active = item.active !== false
  if ('events' in item) {
    const events = Array.isArray(item.events) ? item.events : []
    webhook.events = events.flatMap((event: unknown, index) =>
      isObject(event) && typeof event.name === 'string'
        ? [{ id: typeof event.id === 'number' ? event.id : index + 1, name: event.name }]
        : [],
    )
  }
  return webhook
}
