import type { EmulatorReply } from '../shared/reply.js'
import type { ScopeArea } from './auth/scopes.js'
import type { HaloDatabase } from './database.js'

export interface HaloRequest {
  params: Record<string, string>
  /** Parameter names lower-cased: ASP.NET binds query parameters case-insensitively. */
  query: URLSearchParams
  /** The parsed JSON body of a POST; undefined otherwise. */
  body: unknown
}

export type HaloReply = EmulatorReply

export interface HandlerContext {
  db: HaloDatabase
  /** Epoch milliseconds. */
  now(): number
  /** The agent the API application logs in as: actions posted through the API are theirs. */
  apiAgentId: number
  authUrl: string
  /** Undefined for a self-hosted instance. */
  tenant: string | undefined
}

export type RouteHandler = (request: HaloRequest, context: HandlerContext) => HaloReply

export interface HaloEndpoint {
  /** The scope family a token needs (`read:` to GET, `edit:` otherwise); `public` needs no token. */
  area: ScopeArea | 'public'
  handle: RouteHandler
}
