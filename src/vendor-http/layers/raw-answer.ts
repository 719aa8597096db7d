import type { IncomingHttpHeaders } from 'node:http'
import type { RawVendorResponse } from '../call.js'
import type { SecretScrubber } from '../secret-scrubber.js'
import { gatewayErrorFromTransport } from '../vendor-errors.js'
import type { Answered, Exchange, FinalAttempt } from './exchange.js'

/**
 * The vendor headers a passthrough caller sees: what says what the body is, and how the vendor pages. Never
 * credentials or cookies, and never `Location`: a client that follows redirects would follow the vendor's out of
 * the gateway.
 */
const FORWARDED_HEADERS = new Set([
  'content-type',
  'content-disposition',
  'link',
  'retry-after',
  'x-total-count',
])
const FORWARDED_PREFIXES = ['pagination-', 'x-pagination-']

export const isForwardedHeader = (name: string) =>
  FORWARDED_HEADERS.has(name) || FORWARDED_PREFIXES.some((prefix) => name.startsWith(prefix))

/** Deep enough for any vendor record; a level below it is dropped rather than passed on unscrubbed. */
const MAX_BODY_DEPTH = 64

/**
 * What a passthrough caller gets from how a call ended: the vendor's status, forwarded headers and body as they
 * are (a 4xx or 5xx included), scrubbed of the connection's secrets and of this attempt's credentials. A call that
 * got no answer throws the GatewayError the normal path throws.
 */
export function rawAnswerOf(
  options: { vendor: string; scrubber: SecretScrubber },
  { call, authHeaders }: Exchange,
  final: FinalAttempt,
): RawVendorResponse {
  const { vendor, scrubber } = options
  if (final.kind === 'no-credentials') throw final.error
  if (final.kind === 'transport')
    throw gatewayErrorFromTransport(vendor, final.failure, call.method !== 'GET')
  return {
    status: final.status,
    headers: forwardedHeaders(final.headers, (text) => scrubber.scrubDeep(text, authHeaders) as string),
    body: scrubbedBody(final, scrubber, authHeaders),
  }
}

function forwardedHeaders(
  headers: IncomingHttpHeaders,
  scrub: (text: string) => string,
): Record<string, string> {
  const forwarded: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !isForwardedHeader(name)) continue
    forwarded[name] = scrub(Array.isArray(value) ? value.join(', ') : value)
  }
  return forwarded
}

/**
 * JSON is scrubbed as values (an encoder may escape a secret's characters, as .NET's does `+`), then written
 * again: the same JSON, its spacing perhaps not. Any other body is scrubbed as bytes, which keeps the rest of them.
 */
function scrubbedBody(
  final: Answered,
  scrubber: SecretScrubber,
  authHeaders: Record<string, string>,
): Buffer {
  if (final.bytes.length === 0) return final.bytes
  const json = String(final.headers['content-type'] ?? '').includes('json') && !final.unreadable
  if (!json) return scrubber.scrubBytes(final.bytes, authHeaders)
  return Buffer.from(JSON.stringify(scrubber.scrubDeep(final.body, authHeaders, MAX_BODY_DEPTH)))
}
