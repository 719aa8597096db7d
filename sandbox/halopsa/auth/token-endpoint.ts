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

  if (!tenantMatches(endpoint, request.query.get('tenant')))
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

/**
 * Hosted: `?tenant=` must name this tenant (case-insensitively, like the host name it stands for). Self-hosted:
 * our choice is to refuse a tenant parameter, so a client configured for the wrong kind of instance fails here.
 */
function tenantMatches(endpoint: TokenEndpoint, tenant: string | null): boolean {
  if (!endpoint.hosted) return tenant === null
  return tenant !== null && tenant.toLowerCase() === endpoint.tenant.toLowerCase()
}

function oauthError(status: number, error: string, description: string): HaloReply {
  return { status, headers: NO_STORE, body: { error, error_description: description } }
}
