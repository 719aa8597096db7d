import { RefreshThrottle } from '../concurrency/refresh-throttle.js'
import { SingleFlight } from '../concurrency/single-flight.js'

export interface AccessToken {
  value: string
  /** Epoch ms. */
  expiresAt: number
}

/**
 * One vendor access token per connection. Tokens are refreshed ahead of expiry, by one caller at a time;
 * a token the vendor rejected is dropped only if it is still the cached one (another caller may already
 * have replaced it).
 */
export interface TokenCache {
  get(key: string, fetchToken: () => Promise<AccessToken>): Promise<AccessToken>
  invalidate(key: string, rejectedValue: string): Promise<void>
}

/** When to refresh: `expiresAt - min(5 min, lifetime / 2)`. */
export function refreshAt(token: AccessToken, obtainedAt: number): number {
  const lifetime = Math.max(0, token.expiresAt - obtainedAt)
  return token.expiresAt - Math.min(5 * 60_000, lifetime / 2)
}

interface CachedToken {
  token: AccessToken
  refreshAt: number
}

export class MemoryTokenCache implements TokenCache {
  readonly #tokens = new Map<string, CachedToken>()
  readonly #flight = new SingleFlight<AccessToken>()
  readonly #now: () => number
  readonly #onRefreshError: (error: unknown) => void
  readonly #throttle: RefreshThrottle

  constructor(options: { now?: () => number; onRefreshError?: (error: unknown) => void } = {}) {
    this.#now = options.now ?? Date.now
    this.#onRefreshError = options.onRefreshError ?? (() => {})
    this.#throttle = new RefreshThrottle(this.#now)
  }

  async get(key: string, fetchToken: () => Promise<AccessToken>): Promise<AccessToken> {
    const cached = this.#tokens.get(key)
    const now = this.#now()
    if (cached && now < cached.refreshAt) return cached.token
    if (cached && now < cached.token.expiresAt) {
      if (this.#throttle.allows(key)) this.#refresh(key, fetchToken).catch(this.#onRefreshError)
      return cached.token
    }
    return this.#refresh(key, fetchToken)
  }

  async invalidate(key: string, rejectedValue: string): Promise<void> {
    if (this.#tokens.get(key)?.token.value === rejectedValue) this.#tokens.delete(key)
  }

  #refresh(key: string, fetchToken: () => Promise<AccessToken>): Promise<AccessToken> {
    return this.#flight.run(key, async () => {
      const obtainedAt = this.#now()
      const token = await fetchToken()
      this.#tokens.set(key, { token, refreshAt: refreshAt(token, obtainedAt) })
      return token
    })
  }
}
