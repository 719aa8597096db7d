import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/**
 * The key a request presents: the Authorization header (`Bearer {key}`, or the bare key) when there is one,
 * otherwise the `api_key` query parameter.
 */
export function presentedApiKey(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const authorization = headers.authorization?.trim()
  if (authorization) return authorization.replace(/^bearer\s+/i, '').trim()
  return query.get('api_key') ?? undefined
}

/** Compares digests in constant time, so response timing says nothing about how much of a key matched. */
export function createApiKeyCheck(
  acceptedKeys: readonly string[],
): (presented: string | undefined) => boolean {
  const accepted = acceptedKeys.map(digest)
  return (presented) => {
    if (presented === undefined || presented === '') return false
    const candidate = digest(presented)
    return accepted.some((key) => timingSafeEqual(key, candidate))
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest()
}
