import { createHash } from 'node:crypto'
import type { TokenCache } from '../../src/state/tokens/token-cache.js'
import { bearerTokenAuth, type VendorAuth } from '../../src/vendor-http/auth.js'
import { fetchClientCredentialsToken } from '../../src/vendor-http/client-credentials.js'
import type { PoolRegistry } from '../../src/vendor-http/pools.js'
import { haloOrigin, type HaloConnectionConfig } from './config.js'

/**
 * OAuth 2.0 client credentials at `{host}/auth/token` (for hosted instances the tenant as `?tenant=`, a `tenant`
 * form field, or by the host alone: `tenantIn`), one token per connection in the shared token cache: refreshed
 * ahead of expiry once for all replicas, replaced once on a 401.
 */
export function haloAuth(
  config: HaloConnectionConfig,
  deps: { tokenCache: TokenCache; pools: PoolRegistry; timeoutMs: number },
): VendorAuth {
  const tenantIn = config.tenantIn ?? 'query'
  const tenant = tenantIn === 'host' ? undefined : config.tenant
  const tokenUrl = `${haloOrigin(config)}/auth/token${tenant && tenantIn === 'query' ? `?tenant=${encodeURIComponent(tenant)}` : ''}`
  const extraForm = tenant && tenantIn === 'form' ? { tenant } : undefined
  // A token belongs to these settings: one changed (a new secret, a wider scope) must not reuse the old token.
  const settings = createHash('sha256')
    .update(
      JSON.stringify([tokenUrl, extraForm, config.clientId, config.clientSecret, config.scope ?? 'all']),
    )
    .digest('hex')
    .slice(0, 16)
  return bearerTokenAuth(
    deps.tokenCache,
    `halopsa:${config.id}:${settings}`,
    () =>
      fetchClientCredentialsToken({
        vendor: 'halopsa',
        tokenUrl,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        scope: config.scope ?? 'all',
        extraForm,
        pools: deps.pools,
        timeoutMs: deps.timeoutMs,
      }),
    [config.clientSecret],
  )
}
