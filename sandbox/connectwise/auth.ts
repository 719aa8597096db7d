import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { ConnectWiseReply } from './http-types.js'
import { invalidCredentials, missingClientId, unknownClientId } from './vendor-errors.js'

export interface ApiMemberKeys {
  publicKey: string
  privateKey: string
}

export type AuthOutcome = { ok: true; publicKey: string } | { ok: false; reply: ConnectWiseReply }

interface Credentials {
  companyId: string
  publicKey: string
  privateKey: string
}

/**
 * `Authorization: Basic base64("{companyId}+{publicKey}:{privateKey}")` and a registered `clientId` header.
 * The credentials are checked first: a request failing both answers InvalidCredentials. The company id
 * matches case-insensitively, as the vendor matches it; private keys are compared by digest in constant time.
 */
export function createAuthenticator(
  companyId: string,
  members: readonly ApiMemberKeys[],
  clientIds: readonly string[],
): (headers: IncomingHttpHeaders) => AuthOutcome {
  const company = companyId.toLowerCase()
  const keys = new Map(members.map((member) => [member.publicKey, digest(member.privateKey)]))
  const registered = new Set(clientIds.map((clientId) => clientId.trim().toLowerCase()))
  const matches = (credentials: Credentials) => {
    const expected = keys.get(credentials.publicKey)
    return (
      expected !== undefined &&
      credentials.companyId.toLowerCase() === company &&
      timingSafeEqual(expected, digest(credentials.privateKey))
    )
  }
  return (headers) => {
    const credentials = basicCredentials(headers.authorization)
    if (!credentials || !matches(credentials)) return { ok: false, reply: invalidCredentials() }
    const clientId = headers.clientid?.toString().trim().toLowerCase()
    if (!clientId) return { ok: false, reply: missingClientId() }
    if (!registered.has(clientId)) return { ok: false, reply: unknownClientId() }
    return { ok: true, publicKey: credentials.publicKey }
  }
}

function basicCredentials(authorization: string | undefined): Credentials | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(authorization ?? '')?.[1]
  if (!encoded) return undefined
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const user = /^([^+:]+)\+([^:]+):(.+)$/s.exec(decoded)
  if (!user) return undefined
  const [, companyId = '', publicKey = '', privateKey = ''] = user
  return { companyId, publicKey, privateKey }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest()
}
