import type { IncomingHttpHeaders } from 'node:http'
import type { EmulatorReply } from '../shared/reply.js'
import type { ConnectWiseDatabase } from './database.js'

export interface ConnectWiseRequest {
  method: string
  /** The path after `/{codebase}/apis/3.0`, e.g. `/service/tickets/12`. */
  path: string
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** This resource's absolute URL without the query, as the client reached it: the base of `Link` URLs. */
  url: string
  /** The parsed JSON body of POST, PUT and PATCH; undefined for other methods. */
  body: unknown
}

export type ConnectWiseReply = EmulatorReply

export interface PageSizes {
  default: number
  max: number
}

export interface HandlerContext {
  db: ConnectWiseDatabase
  pageSizes: PageSizes
  now(): Date
  /** Every API member's writes show this member (notes' author, `_info.enteredBy`). */
  apiMemberId: number
}

export type RouteHandler = (request: ConnectWiseRequest, context: HandlerContext) => ConnectWiseReply
