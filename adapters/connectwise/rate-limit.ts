import type { IncomingHttpHeaders } from 'node:http'

/**
 * ConnectWise may send `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds). When the member's quota is
 * spent (other apps may use the same API member), the shared bucket is held until the vendor's reset, so no
 * replica sends a call that can only earn a 429.
 */
export function connectWiseRateLimitHint(headers: IncomingHttpHeaders, now: number): number | undefined {
  const remaining = numberIn(headers['x-ratelimit-remaining'])
  const resetSeconds = numberIn(headers['x-ratelimit-reset'])
  if (remaining === undefined || remaining > 0 || resetSeconds === undefined || resetSeconds <= 0)
    return undefined
  return now + Math.min(resetSeconds, 3600) * 1000
}

function numberIn(header: string | string[] | undefined): number | undefined {
  const text = (Array.isArray(header) ? header[0] : header)?.trim()
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return undefined
  return Number(text)
}
