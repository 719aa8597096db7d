import type { AccessToken } from '../state/tokens/token-cache.js'
import { vendorUnavailable, type GatewayError } from '../errors.js'
import { isRecord } from './answer.js'
import type { PoolRegistry, VendorTls } from './pools.js'
import { SecretScrubber } from './secret-scrubber.js'
import { classifyTransportError, gatewayErrorFromTransport } from './vendor-errors.js'

export interface ClientCredentialsGrant {
  vendor: string
  /** The token endpoint, with any query it needs (`?tenant=`). */
  tokenUrl: string
  clientId: string
  clientSecret: string
  scope?: string
  /** More form fields some vendors take (HaloPSA's `tenant`). */
  extraForm?: Record<string, string>
  pools: PoolRegistry
  tls?: VendorTls
  timeoutMs: number
  now?: () => number
}

/** Used when a token answer says nothing of its lifetime: short, so a wrong guess costs one early refresh. */
const DEFAULT_LIFETIME_SECONDS = 300

/**
 * At most this long per attempt, whatever the call timeout: a fetch must end before the shared token lock (15 s)
 * lets another replica start one.
 */
const MAX_FETCH_MS = 10_000

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): one form POST, one bearer token. A refusal (400/401) is the
 * connection's configuration failing, a 502 for the caller naming the OAuth error code; what the vendor said is
 * kept in `vendor`, the secret never appears anywhere. A 5xx or a refused connection is tried once more.
 */
export async function fetchClientCredentialsToken(grant: ClientCredentialsGrant): Promise<AccessToken> {
  const unwrapped = (error: unknown) => (error instanceof TokenEndpointFailure ? error.gatewayError : error)
  try {
    return await requestToken(grant)
  } catch (error) {
    if (!(error instanceof TokenEndpointFailure && error.worthRetrying)) throw unwrapped(error)
    return requestToken(grant).catch((again: unknown) => {
      throw unwrapped(again)
    })
  }
}

class TokenEndpointFailure extends Error {
  constructor(
    readonly gatewayError: GatewayError,
    readonly worthRetrying: boolean,
  ) {
    super(gatewayError.detail)
  }
}

async function requestToken(grant: ClientCredentialsGrant): Promise<AccessToken> {
  const url = new URL(grant.tokenUrl)
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: grant.clientId,
    client_secret: grant.clientSecret,
  })
  if (grant.scope) form.set('scope', grant.scope)
  for (const [name, value] of Object.entries(grant.extraForm ?? {})) form.set(name, value)
  const started = (grant.now ?? Date.now)()
  let status: number
  let body: unknown
  try {
    const response = await grant.pools.get(url.origin, grant.tls).request({
      method: 'POST',
      path: url.pathname + url.search,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: AbortSignal.timeout(Math.min(grant.timeoutMs, MAX_FETCH_MS)),
    })
    status = response.statusCode
    body = parseJson(await response.body.text())
  } catch (error) {
    const failure = classifyTransportError(error)
    throw new TokenEndpointFailure(gatewayErrorFromTransport(grant.vendor, failure), !failure.reachedVendor)
  }
  if (status !== 200) {
    // The error code is repeated to the caller: scrubbed first, since an endpoint may echo the form it got.
    const scrubber = new SecretScrubber(() => [grant.clientSecret, grant.clientId])
    const code =
      isRecord(body) && typeof body.error === 'string' ? scrubber.scrub(body.error).slice(0, 100) : undefined
    const refused = status === 400 || status === 401
    const detail = !refused
      ? `${grant.vendor}'s token endpoint answered ${status}`
      : code && code !== 'invalid_client'
        ? `${grant.vendor} refused the connection's token request (${code})`
        : `${grant.vendor} refused the connection's client credentials`
    const error = vendorUnavailable(502, detail, { status, ...(code ? { code } : {}) })
    throw new TokenEndpointFailure(error, status >= 500)
  }
  if (!isRecord(body) || typeof body.access_token !== 'string' || body.access_token === '') {
    throw vendorUnavailable(502, `${grant.vendor}'s token endpoint answered without an access token`)
  }
  const lifetime =
    typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_SECONDS
  return { value: body.access_token, expiresAt: started + lifetime * 1000 }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
