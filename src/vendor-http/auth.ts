import type { AccessToken, TokenCache } from '../cache/token-cache.js'

/** How a connection authenticates its vendor calls. */
export interface VendorAuth {
  headers(): Promise<Record<string, string>>
  /**
   * Called when the vendor answered 401 to `rejected`. Returns true when fresh credentials are worth one
   * more attempt (a refreshed token); static credentials return false.
   */
  renewAfterUnauthorized(rejected: Record<string, string>): Promise<boolean>
}

/** Credentials that never change during the process: API keys, basic auth. */
export function staticAuth(headers: Record<string, string>): VendorAuth {
  return {
    headers: async () => headers,
    renewAfterUnauthorized: async () => false,
  }
}

/** Bearer tokens from a token endpoint, shared through the token cache (one token per connection). */
export function bearerTokenAuth(
  cache: TokenCache,
  key: string,
  fetchToken: () => Promise<AccessToken>,
): VendorAuth {
  return {
    async headers() {
      const token = await cache.get(key, fetchToken)
      return { authorization: `Bearer ${token.value}` }
    },
    async renewAfterUnauthorized(rejected) {
      const value = rejected.authorization?.replace(/^Bearer /, '')
      if (value) await cache.invalidate(key, value)
      return true
    },
  }
}
