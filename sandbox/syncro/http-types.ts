import type { EmulatorReply } from '../shared/reply.js'
import type { SyncroDatabase } from './database.js'

export interface SyncroRequest {
  method: string
  /** The path after `/api/v1`, e.g. `/tickets/12`. */
  path: string
  params: Record<string, string>
  query: URLSearchParams
  /** The JSON body's top-level object; `{}` when there is none (as Rails params would be). */
  body: Record<string, unknown>
}

export type SyncroReply = EmulatorReply

export interface PageSizes {
  tickets: number
  customers: number
  assets: number
  contacts: number
}

export interface HandlerContext {
  db: SyncroDatabase
  pageSizes: PageSizes
  now(): Date
  /** The user the API key belongs to: comments posted through the API are theirs, `mine` means theirs. */
  apiUserId: number
}

export type RouteHandler = (request: SyncroRequest, context: HandlerContext) => SyncroReply
