import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { EmulatorReply } from '../shared/reply.js'
import { refused, unauthorized } from './vendor-errors.js'

export interface ApiUser {
  userName: string
  secret: string
  integrationCode: string
}

const SOMETHING_WENT_WRONG = 'Something went wrong'

export type AuthOutcome = { ok: true; user: ApiUser } | { ok: false; reply: EmulatorReply }

/**
 * The three headers every call carries (SWAGGER: `ApiIntegrationCode`, `UserName`, `Secret` on every operation;
 * header names are case-insensitive, as HTTP's are). What a refusal answers follows what the apigrate client's
 * maintainer observed (apigrate/autotask-restapi#19): an unknown user name is a 500, a known user with a wrong
 * secret a 401, right credentials with a wrong integration code a 500. A missing header is read as an empty
 * (so wrong) value (unsourced: chosen because no source describes a missing header apart from a wrong one).
 * The 500 texts are ours (unsourced: no source quotes them).
 */
export function createCredentialCheck(
  users: readonly ApiUser[],
): (headers: IncomingHttpHeaders) => AuthOutcome {
  // User names are e-mail addresses, compared without case (unsourced: chosen as e-mail addresses are).
  const byName = new Map(users.map((user) => [user.userName.toLowerCase(), user]))
  return (headers) => {
    const user = byName.get(headerText(headers, 'username').toLowerCase())
    if (!user) return { ok: false, reply: refused(SOMETHING_WENT_WRONG) }
    if (!sameText(headerText(headers, 'secret'), user.secret)) return { ok: false, reply: unauthorized() }
    if (!sameText(headerText(headers, 'apiintegrationcode'), user.integrationCode))
      return { ok: false, reply: refused(SOMETHING_WENT_WRONG) }
    return { ok: true, user }
  }
}

function headerText(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name]
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}

/** Compares digests in constant time, so response timing says nothing about how much of a secret matched. */
function sameText(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected))
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
