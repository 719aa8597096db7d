import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { VendorClient } from '../../src/vendor-http/client.js'
import { fieldOf, recordIdOf } from '../kit/callback-body.js'
import type { CallbackDelivery, CallbackHint, VendorCallbacks } from '../types.js'
import type { AutotaskApi } from './api.js'
import { WEBHOOK_KINDS } from './webhook-kinds.js'
import { registerAutotaskWebhooks } from './webhook-registration.js'

/**
 * Autotask webhooks (the facts, §8): registered by the gateway through the API (webhook-registration.ts), called out
 * as `{Action, Guid, EntityType, Id, Fields, EventTime, SequenceNumber, PersonID}` (N8N types/webhook.ts
 * IAutotaskRawWebhookPayload; nango.dev's Autotask webhooks guide), and signed with the callout's secretKey.
 */

/** The actions that name a changed record; a "Deactivated" notice names none. */
const RECORD_ACTIONS = new Set(['create', 'update', 'delete'])

export function hintsOfAutotaskCallout(body: unknown): CallbackHint[] {
  const action = fieldOf(body, 'Action')
  const entityType = fieldOf(body, 'EntityType')
  if (typeof action !== 'string' || !RECORD_ACTIONS.has(action.toLowerCase())) return []
  const kind =
    typeof entityType === 'string'
      ? WEBHOOK_KINDS.find((candidate) => candidate.entityTypes.includes(entityType.toLowerCase()))
      : undefined
  // Autotask's ids start at 0 (company 0 is the account's own: the facts, §9).
  const id = recordIdOf(fieldOf(body, 'Id'), 0)
  return kind && id ? [{ resource: kind.resource, id }] : []
}

/**
 * `X-Hook-Signature: sha1=<base64 HMAC-SHA1(secretKey, the raw body)>` (HELP APIs/Webhooks/
 * SecretKeyPayloadVerification.htm), compared as digests in constant time.
 */
export function isSignedByAutotask({ rawBody, headers }: CallbackDelivery, signingKey: string): boolean {
  const presented = headers['x-hook-signature']
  if (typeof presented !== 'string') return false
  const expected = `sha1=${createHmac('sha1', signingKey).update(rawBody).digest('base64')}`
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}

export function autotaskCallbacks(
  client: VendorClient,
  api: Pick<AutotaskApi, 'all' | 'fields'>,
): VendorCallbacks {
  return {
    hintsOf: hintsOfAutotaskCallout,
    isSigned: isSignedByAutotask,
    register: (endpoint, ctx) => registerAutotaskWebhooks({ client, api }, endpoint, ctx),
  }
}
