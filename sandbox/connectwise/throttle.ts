import { RollingWindowLimiter } from '../shared/rate-limit.js'
import type { ConnectWiseReply } from './http-types.js'
import { rateLimitedBody } from './vendor-errors.js'

export interface Admission {
  /** The `X-RateLimit-*` headers every authenticated answer carries. */
  headers: Record<string, string>
  /** The 429 to send instead, when the member is over the limit. */
  rejected?: ConnectWiseReply
}

/**
 * The rate limit per API member (public key), a rolling window. `X-RateLimit-Remaining` is what is left after
 * this request; `X-RateLimit-Reset` and `Retry-After` are the whole seconds (rounded up) until the oldest
 * request leaves the window, i.e. until one more is allowed.
 */
export class Throttle {
  private readonly limiter: RollingWindowLimiter

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    this.limiter = new RollingWindowLimiter(limit, windowMs)
  }

  admit(publicKey: string): Admission {
    const { accepted, remaining, msUntilNextSlot } = this.limiter.acquire(publicKey)
    const headers = this.headers(remaining, Math.ceil(msUntilNextSlot / 1000))
    if (accepted) return { headers }
    return { headers, rejected: this.tooMany(Math.max(1, Math.ceil(msUntilNextSlot / 1000)), headers) }
  }

  /** An injected 429 as the vendor would send it: the member is assumed to have used its whole window. */
  injected(): ConnectWiseReply {
    const seconds = Math.max(1, Math.ceil(this.windowMs / 1000))
    return this.tooMany(seconds, this.headers(0, seconds))
  }

  private headers(remaining: number, resetSeconds: number): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(resetSeconds),
    }
  }

  private tooMany(retryAfterSeconds: number, headers: Record<string, string>): ConnectWiseReply {
    return {
      status: 429,
      body: rateLimitedBody(retryAfterSeconds),
      headers: { ...headers, 'retry-after': String(retryAfterSeconds) },
    }
  }
}
