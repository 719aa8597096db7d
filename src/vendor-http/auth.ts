import type { AccessToken, TokenCache } from '../state/tokens/token-cache.js'

/** How a connection authenticates its vendor calls. */
export interface VendorAuth {
  headers(): Promise<Record<string, string>>
  /**
   * Called when the vendor answered 401 to `rejected`. Returns true when fresh credentials are worth one
   * more attempt (a refreshed token); static credentials return false.
   */
  renewAfterUnauthorized(rejected: Record<string, string>): Promise<boolean>
  /** Every secret the connection's calls carry (keys, encoded credentials, the current and previous token). */
  secrets(): readonly string[]
}

/** Credentials that never change during the process: API keys, basic auth. `secrets`: the raw secrets in them. */
export function staticAuth(headers: Record<string, string>, secrets: readonly string[]): VendorAuth {
  const all = [...secrets, ...Object.values(headers).map((value) => value.replace(/^(Basic|Bearer) /, ''))]
  return {
    headers: async () => headers,
    renewAfterUnauthorized: async () => false,
    secrets: () => all,
  }
}

/**
 * Bearer tokens from a token endpoint, shared through the token cache (one token per connection). `secrets`:
 * those of the token request (the client secret); the tokens this process has used are added to them.
 */
export function bearerTokenAuth(
  cache: TokenCache,
  key: string,
  fetchToken: () => Promise<AccessToken>,
  secrets: readonly string[],
): VendorAuth {
  let current: string | undefined
  let previous: string | undefined
  return {
    async headers() {
      const token = await cache.get(key, fetchToken)
      if (token.value !== current) [previous, current] = [current, token.value]
      return { authorization: `Bearer ${token.value}` }
    },
    async renewAfterUnauthorized(rejected) {
      const value = rejected.authorization?.replace(/^Bearer /, '')
      if (value) await cache.invalidate(key, value)
      return true
    },
    secrets: () => [...secrets, ...(current ? [current] : []), ...(previous ? [previous] : [])],
  }
}
