import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { ApiKeyScope, GatewayApiKey } from '../gateway-config.js'

/**
 * A key that lists no scopes reads and writes; subscribing to events (issue 17) and the passthrough to a vendor's
 * own API (issue 19) are granted only by name.
 */
const DEFAULT_SCOPES: readonly ApiKeyScope[] = ['read', 'write']
import { GatewayError } from '../errors.js'

/**
 * Gateway API keys: `Authorization: Bearer <key>` or `X-API-Key: <key>`. Keys are configured as SHA-256 hashes
 * (or, in development, as keys) and compared as digests in constant time. No keys configured (development,
 * sandbox) means no check at all.
 */

interface KnownKey extends Caller {
  digest: Buffer
}

export interface Caller {
  name: string
  scopes: readonly ApiKeyScope[]
  connections?: readonly string[]
  /** The share of each vendor's rate limit this caller may take. */
  vendorShare: number
}

const digest = (key: string) => createHash('sha256').update(key).digest()

/** What a configured key is compared by: its SHA-256 digest, given as `sha256:<hex>` or computed from the key. */
const configuredDigest = (key: GatewayApiKey) =>
  key.keyHash ? Buffer.from(key.keyHash.slice('sha256:'.length).toLowerCase(), 'hex') : digest(key.key ?? '')

/** A new gateway API key and the hash to configure for it (`npm run key`). */
export function newApiKey(): { key: string; keyHash: string } {
  const key = `psagw_${randomBytes(32).toString('base64url')}`
  return { key, keyHash: `sha256:${digest(key).toString('hex')}` }
}

function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization
  const bearer = authorization === undefined ? undefined : /^bearer\s+(.+)$/i.exec(authorization)
  if (bearer) return bearer[1]!.trim()
  const header = request.headers['x-api-key']
  return Array.isArray(header) ? header[0] : header
}

export class ApiKeyGuard {
  readonly #keys: KnownKey[]

  constructor(keys: GatewayApiKey[]) {
    this.#keys = keys.map((key) => ({
      digest: configuredDigest(key),
      name: key.name,
      scopes: key.scopes ?? DEFAULT_SCOPES,
      connections: key.connections,
      vendorShare: key.vendorShare ?? 1,
    }))
  }

  get enabled(): boolean {
    return this.#keys.length > 0
  }

  /**
   * Who may see, on a public route, what needs `read` (the details of /readyz): undefined for anyone when no keys
   * are configured, the caller of a valid key with that scope, or null for nobody. Never throws: a public route
   * answers what it can.
   */
  reader(request: FastifyRequest): Caller | undefined | null {
    if (!this.enabled) return undefined
    try {
      const caller = this.authenticate(request)
      return caller?.scopes.includes('read') ? caller : null
    } catch {
      return null
    }
  }

  /** The caller behind the request, or a 401. Undefined when no keys are configured. */
  authenticate(request: FastifyRequest): Caller | undefined {
    if (!this.enabled) return undefined
    const key = presentedKey(request)
    if (!key)
      throw new GatewayError(401, 'unauthorized', 'send a gateway API key as Authorization: Bearer <key>')
    const presented = digest(key)
    let match: KnownKey | undefined
    for (const known of this.#keys) if (timingSafeEqual(known.digest, presented)) match = known
    if (!match) throw new GatewayError(401, 'unauthorized', 'the API key is not valid')
    return {
      name: match.name,
      scopes: match.scopes,
      connections: match.connections,
      vendorShare: match.vendorShare,
    }
  }
}

export const mayUseConnection = (caller: Caller | undefined, connectionId: string) =>
  !caller?.connections || caller.connections.includes(connectionId)

export function authorize(
  caller: Caller | undefined,
  scope: ApiKeyScope,
  connectionId: string | undefined,
): void {
  if (!caller) return
  if (!caller.scopes.includes(scope)) {
    throw new GatewayError(403, 'forbidden', `this API key lacks the '${scope}' scope`)
  }
  if (connectionId !== undefined && !mayUseConnection(caller, connectionId)) {
    throw new GatewayError(403, 'forbidden', `this API key may not use connection '${connectionId}'`)
  }
}
