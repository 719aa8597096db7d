import type { HaloReply } from '../http-types.js'
import type { ApiClient } from './credentials.js'
import { grantScopes } from './scopes.js'
import type { TokenStore } from './token-store.js'

export interface TokenEndpoint {
  /** Hosted instances serve many tenants and need `?tenant=`; a self-hosted one has none. */
  hosted: boolean
  tenant: string
  findClient(clientId: string, clientSecret: string): ApiClient | undefined
  tokens: TokenStore
}

export interface TokenRequest {
  /** Parameter names lower-cased. */
  query: URLSearchParams
  contentType: string | undefined
  body: string
  /** The Host header: a hosted instance is `{tenant}.halopsa.com`. */
  host: string | undefined
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }

/** `POST /auth/token`: the OAuth 2.0 client credentials grant, with OAuth's error bodies. */
export function answerTokenRequest(endpoint: TokenEndpoint, request: TokenRequest): HaloReply {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase()
  if (mediaType !== 'application/x-www-form-urlencoded')
    return oauthError(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.')
  const form = new URLSearchParams(request.body)
  const grantType = form.get('grant_type')
  if (!grantType)
    return oauthError(400, 'invalid_request', "The mandatory 'grant_type' parameter is missing.")
  if (grantType !== 'client_credentials')
    return oauthError(400, 'unsupported_grant_type', 'The specified grant type is not supported.')
  const clientId = form.get('client_id')
  const clientSecret = form.get('client_secret')
  if (!clientId || !clientSecret)
    return oauthError(400, 'invalid_request', "The mandatory 'client_id' and 'client_secret' are required.")

  if (!tenantMatches(endpoint, tenantOf(request, form)))
    return oauthError(401, 'invalid_client', 'The tenant is missing or unknown on this server.')
  const client = endpoint.findClient(clientId, clientSecret)
  if (!client) return oauthError(401, 'invalid_client', 'The client application is invalid.')
  const scopes = grantScopes(form.get('scope') ?? undefined, client.scopes)
  if (!scopes) return oauthError(400, 'invalid_scope', 'The specified scope is not allowed for this client.')

  const token = endpoint.tokens.issue(scopes)
  return {
    status: 200,
    headers: NO_STORE,
    body: {
      access_token: token.accessToken,
      token_type: 'Bearer',
      expires_in: token.expiresIn,
      scope: token.scopes.join(' '),
    },
  }
}

type TenantGiven = { by: 'parameter'; tenant: string } | { by: 'host'; tenant: string | undefined }

/**
 * Where a token request names its tenant, as real Halo takes it: `?tenant=` (Halo's guide, vendors.md), a
 * `tenant` form field (Py-HaloPSA, neschram/Py-HaloPSA halo_api/core/auth.py, sends it so), or the host alone
 * (`https://{tenant}.halopsa.com/auth/token`: the HaloPSA-API Python client, HaloPSA/Halo.py, posts there with
 * no tenant). A query tenant and a form tenant that disagree name no tenant (`''`).
 */
function tenantOf(request: TokenRequest, form: URLSearchParams): TenantGiven {
  const named = [request.query.get('tenant'), form.get('tenant')].filter(
    (value): value is string => value !== null,
  )
  if (named.length > 0) {
    const agreed = named.every((value) => value.toLowerCase() === named[0]!.toLowerCase())
    return { by: 'parameter', tenant: agreed ? named[0]! : '' }
  }
  const hostname = request.host?.replace(/:\d+$/, '').toLowerCase() ?? ''
  const labels = hostname.split('.')
  const isName = labels.length > 1 && !/^[\d.]+$/.test(hostname) && !hostname.startsWith('[')
  return { by: 'host', tenant: isName ? labels[0] : undefined }
}

/**
 * Hosted: the tenant named (by parameter, else by the host's first label) must be this tenant
 * (case-insensitively, like the host name it stands for). Self-hosted: our choice is to refuse a tenant
 * parameter, so a client configured for the wrong kind of instance fails here; its host names no tenant.
 */
function tenantMatches(endpoint: TokenEndpoint, given: TenantGiven): boolean {
  if (!endpoint.hosted) return given.by === 'host'
  return given.tenant !== undefined && given.tenant.toLowerCase() === endpoint.tenant.toLowerCase()
}

function oauthError(status: number, error: string, description: string): HaloReply {
  return { status, headers: NO_STORE, body: { error, error_description: description } }
}
