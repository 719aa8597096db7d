import { recordsIn } from '../../src/vendor-http/answer.js'
import type { VendorClient } from '../../src/vendor-http/client.js'
import { GATEWAY_CALLBACK_NAME, isAnotherTokenOf } from '../kit/callback-registration.js'
import type { CallbackEndpoint, CallContext } from '../types.js'
import { itemIdIn, type AutotaskApi, type AutotaskFieldInfo } from './api.js'
import type { AutotaskWebhook, AutotaskWebhookField } from './types.js'
import { WEBHOOK_KINDS, type WebhookKind } from './webhook-kinds.js'

interface RegistrationDeps {
  client: VendorClient
  api: Pick<AutotaskApi, 'all' | 'fields'>
}

/**
 * One callout per kind of record at the gateway's URL, made or brought back to the gateway's settings, subscribed to
 * the fields its record is read from; the gateway's callouts at the same connection's URL under another token (a
 * rotated secret) are deleted, anyone else's left alone. Idempotent: a second run changes nothing, and a run cut
 * short is finished by the next. The calls (the facts, §8, and SWAGGER as ATREST-CSharp-Client's generated
 * CompanyWebhooksApi and CompanyWebhookFieldsChildApi list it; N8N's AutotaskTrigger makes the same ones):
 * `POST /{Kind}Webhooks/query`, `POST` and `PATCH /{Kind}Webhooks`, `DELETE /{Kind}Webhooks/{id}`,
 * `GET /{Kind}WebhookFields/entityInformation/fields` (the `fieldID` picklist: the fields a callout may watch), and
 * `GET`, `POST`, `PATCH /{Kind}Webhooks/{id}/Fields`.
 */
export async function registerAutotaskWebhooks(
  deps: RegistrationDeps,
  endpoint: CallbackEndpoint,
  ctx: CallContext,
): Promise<void> {
  for (const kind of WEBHOOK_KINDS) await registerKind(deps, kind, endpoint, ctx)
}

async function registerKind(
  { client, api }: RegistrationDeps,
  kind: WebhookKind,
  endpoint: CallbackEndpoint,
  ctx: CallContext,
) {
  const path = `/${kind.name}Webhooks`
  const send = async (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', at: string, body?: unknown) =>
    (await client.send({ method, path: at, body }, ctx)).body
  const callouts = await api.all<AutotaskWebhook>(path, { filter: [] }, ctx)
  const fieldIds = watchedFieldIds(await api.fields(`${kind.name}WebhookFields`, ctx), kind.watched)
  // A callout calls out only once it has a field (HELP REST_WebhookFieldsEntity.htm: at least one is required).
  if (fieldIds.length === 0)
    ctx.log.warn(
      { entity: `${kind.name}Webhooks` },
      'autotask offers none of the fields the gateway reads for a callout: these records are found by polling alone',
    )
  else {
    const settings = calloutSettings(endpoint)
    const ours = callouts.find((callout) => callout.webhookUrl === endpoint.url)
    const id = ours ? ours.id : itemIdIn(await send('POST', path, settings), path)
    if (ours && !holds(ours, settings)) await send('PATCH', path, { ...settings, id })
    const fieldsPath = `${path}/${id}/Fields`
    const fields = ours
      ? recordsIn<AutotaskWebhookField>(await send('GET', fieldsPath), 'items', 'autotask')
      : []
    for (const fieldID of fieldIds) {
      const field = fields.find((candidate) => candidate.fieldID === fieldID)
      if (!field)
        await send('POST', fieldsPath, {
          webhookID: id,
          fieldID,
          isSubscribedField: true,
          isDisplayAlwaysField: false,
        })
      else if (!field.isSubscribedField)
        await send('PATCH', fieldsPath, { id: field.id, isSubscribedField: true })
    }
  }
  const stale = callouts.filter(
    (callout) =>
      callout.name === GATEWAY_CALLBACK_NAME &&
      typeof callout.webhookUrl === 'string' &&
      isAnotherTokenOf(endpoint.url, callout.webhookUrl),
  )
  for (const callout of stale) await send('DELETE', `${path}/${callout.id}`)
}

/** What the gateway's callouts hold: active, on every kind of change, signed with the endpoint's key. */
function calloutSettings({ url, signingKey }: CallbackEndpoint) {
  return {
    name: GATEWAY_CALLBACK_NAME,
    webhookUrl: url,
    // Required (HELP Webhooks_Creating.htm); the "Deactivated" notice it receives names no record, so the
    // callback URL takes it, and the next registration switches the callout on again.
    deactivationUrl: url,
    secretKey: signingKey,
    isActive: true,
    isSubscribedToCreateEvents: true,
    isSubscribedToUpdateEvents: true,
    isSubscribedToDeleteEvents: true,
  }
}

/** Whether a callout already holds the settings; one whose secretKey Autotask does not show is updated anyway. */
const holds = (callout: AutotaskWebhook, settings: ReturnType<typeof calloutSettings>) =>
  Object.entries(settings).every(([name, value]) => callout[name as keyof AutotaskWebhook] === value)

/**
 * The ids of `fieldID`'s picklist values that name a watched field. Labels are compared without case, spaces or
 * punctuation: HELP says webhook fields go by REST field names (`companyName`), Datto's Postman collection names
 * them in words ("Company Name = 7"); either matches.
 */
export function watchedFieldIds(fields: readonly AutotaskFieldInfo[], watched: readonly string[]): number[] {
  const comparable = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')
  const wanted = new Set(watched.map(comparable))
  const fieldId = fields.find((field) => field.name.toLowerCase() === 'fieldid')
  return (fieldId?.picklistValues ?? [])
    .filter((value) => wanted.has(comparable(value.label)))
    .map((value) => Number(value.value))
    .filter(Number.isSafeInteger)
}
