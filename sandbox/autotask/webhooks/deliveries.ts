import { createHmac } from 'node:crypto'
import type { CallbackSender } from '../../shared/callback-sender.js'
import type { AutotaskChange, AutotaskDatabase } from '../database.js'
import type { EntityDefinition, Row } from '../entities/entity.js'
import { webhookFieldIds } from './entities.js'
import type { WebhookRecord, WebhookRegistry } from './registry.js'

const ACTIONS = { created: 'Create', updated: 'Update', deleted: 'Delete' } as const

/**
 * Calls out each change of a watched entity to the active, ready callouts subscribed to its kind of event: a
 * create always, an update when a subscribed field changed (HELP REST_WebhooksEntity.htm: callouts fire on the
 * subscribed fields). The body is Autotask's PascalCase payload `{Action, Guid, EntityType, Id, Fields, EventTime,
 * SequenceNumber, PersonID}` (N8N types/webhook.ts IAutotaskRawWebhookPayload; nango.dev guide), `Fields` holding
 * the changed subscribed fields and the display-always ones, by their REST names (HELP: webhook fields "use REST
 * API field names"). Signed `X-Hook-Signature: sha1=<base64 HMAC-SHA1(secretKey, body)>` (HELP
 * SecretKeyPayloadVerification.htm). Autotask's retries (30 s apart, 5 within 2 minutes, HELP
 * Webhooks_Error_Handling.htm) are not emulated: a failed callout is counted and dropped. Returns the function
 * that stops listening.
 */
export function startAutotaskWebhooks(
  db: AutotaskDatabase,
  registries: readonly WebhookRegistry[],
  entities: ReadonlyMap<string, EntityDefinition>,
  sender: CallbackSender,
  now: () => Date,
): () => void {
  return db.changes.listen((change) => {
    const registry = registries.find((candidate) => candidate.kind.table === change.table)
    const watched = registry && entities.get(registry.kind.entity)
    if (!registry || !watched) return
    for (const hook of registry.hooks.values()) {
      const fields = calloutFields(db, registry, hook, watched, change)
      if (!fields) continue
      const payload = {
        Action: ACTIONS[change.action],
        Guid: hook.webhookGUID,
        EntityType: registry.kind.kind,
        Id: change.record.id,
        Fields: fields,
        EventTime: now().toISOString(),
        SequenceNumber: registry.nextSequence(hook.id),
        PersonID: db.apiResourceID,
      }
      sender.schedule(() => signedCallout(hook, payload))
    }
  })
}

/** The `Fields` of the callout `hook` makes for `change`, or undefined when it makes none. */
function calloutFields(
  db: AutotaskDatabase,
  registry: WebhookRegistry,
  hook: WebhookRecord,
  watched: EntityDefinition,
  change: AutotaskChange,
): Record<string, unknown> | undefined {
  if (!hook.isActive || !hook.isReady) return undefined
  const subscribedTo = {
    created: hook.isSubscribedToCreateEvents,
    updated: hook.isSubscribedToUpdateEvents,
    deleted: hook.isSubscribedToDeleteEvents,
  }
  if (!subscribedTo[change.action]) return undefined
  const byId = webhookFieldIds(watched, db)
  const named = registry.fieldsOf(hook.id).flatMap((field) => {
    const definition = byId.get(field.fieldID)
    return definition ? [{ name: definition.name, ...field }] : []
  })
  const changed = new Set(change.changed ?? [])
  const subscribedChanged = named.filter(
    (field) => field.isSubscribedField && (change.action !== 'updated' || changed.has(field.name)),
  )
  if (change.action === 'updated' && subscribedChanged.length === 0) return undefined
  const shown = [...subscribedChanged, ...named.filter((field) => field.isDisplayAlwaysField)]
  return Object.fromEntries(shown.map((field) => [field.name, (change.record as Row)[field.name] ?? null]))
}

function signedCallout(hook: WebhookRecord, payload: unknown) {
  const body = autotaskJson(payload)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (hook.secretKey)
    headers['x-hook-signature'] = `sha1=${createHmac('sha1', hook.secretKey).update(body).digest('base64')}`
  return { url: hook.webhookUrl, headers, body }
}

/**
 * JSON as Autotask's serializer writes it, after the table msoukhomlinov/n8n-nodes-autotask
 * helpers/webhook/signature.ts re-creates to match Autotask's signatures: inside JSON strings, `& < > ' \` +` and an
 * escaped `"` become `\u0026 \u003C \u003E \u0027 \u0060 \u002B \u0022`, and every character above 127 `\uXXXX`,
 * hex digits in upper case; other escapes (`\\`, `\n`) and everything outside strings stay as they are.
 *
 * Disputed: n8n computes the HMAC over the body it received escaped this way, falling back to the raw body, so
 * whether Autotask sends these bytes or sends plain JSON and signs the escaped form is unknown (facts §8). The
 * emulator sends the escaped bytes and signs exactly what it sends (unsourced: chosen, so a receiver hashing the raw
 * body, as HELP SecretKeyPayloadVerification.htm says to, and one escaping first, as n8n does, both verify).
 */
export function autotaskJson(value: unknown): string {
  return JSON.stringify(value).replace(/"(?:[^"\\]|\\.)*"/g, (text) =>
    text.replace(/\\.|[&<>'`+]|[\u0080-\uffff]/g, escapedCharacter),
  )
}

function escapedCharacter(match: string): string {
  if (match === '\\"') return '\\u0022'
  if (match.startsWith('\\')) return match
  return `\\u${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}
