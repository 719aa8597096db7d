import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'

/**
 * The key ConnectWise signs callbacks with, served at the payload's `Metadata.key_url` as `{"signing_key": ...}`,
 * and the `x-content-signature` header: base64( HMAC-SHA256( key = SHA-256(signing_key) as raw bytes, message =
 * the request body as sent ) ). Three receivers agree on this (NangoHQ/nango
 * packages/server/lib/webhook/connectwise-psa-webhook-routing.ts and its unit test, amp-labs/connectors
 * providers/connectwise/internal/webhook/verifier.go, an unnamed Go client's ValidateWebhook), citing
 * developer.connectwise.com "Verifying the Callback Source"; ConnectWise's own page was not read. Uncertain: the
 * sources hash the key's text as UTF-8 (the emulator's keys are ASCII, so any reading of that agrees); how often
 * the vendor rotates keys and whether one key serves a site or a callback (the emulator: one per site, fixed).
 */
export interface CallbackSigningKey {
  /** The `id` in the key URL. */
  readonly id: string
  readonly signingKey: string
}

export function newSigningKey(): CallbackSigningKey {
  return { id: randomUUID(), signingKey: randomBytes(32).toString('base64') }
}

export function contentSignature(signingKey: string, body: string): string {
  const key = createHash('sha256').update(signingKey, 'utf8').digest()
  return createHmac('sha256', key).update(body, 'utf8').digest('base64')
}

/**
 * The key URL's path and query, after the site's origin, as captured
 * (amp-labs/connectors .../internal/webhook/test/event.json:
 * `/v2025_1//system/callbackkey/index.rails?companyName=Cobalt&id=e17e...`), outside the REST API.
 */
export function keyPath(codebase: string, companyId: string, key: CallbackSigningKey): string {
  const query = new URLSearchParams({ companyName: companyId, id: key.id })
  return `/${codebase}//system/callbackkey/index.rails?${query.toString()}`
}

/** Matches the key URL's path (any codebase, slashes doubled or not, case-insensitively). */
export const KEY_PATH = /^\/[^/]+\/+system\/callbackkey\/index\.rails$/i
