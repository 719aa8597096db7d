import type { EmulatorReply } from '../shared/reply.js'
import type { AutotaskDatabase } from './database.js'
import type { EntityDefinition } from './entities/entity.js'
import type { ThresholdState } from './threshold.js'

export interface AutotaskRequest {
  method: string
  /** The path after the zone's API base, e.g. `/Tickets/12`. */
  path: string
  params: Record<string, string>
  query: URLSearchParams
  /** The parsed JSON body; undefined when none was sent. */
  body: unknown
}

export interface HandlerContext {
  db: AutotaskDatabase
  /** Every emulated entity by its URL name ('Tickets', 'TicketNotes'…). */
  entities: ReadonlyMap<string, EntityDefinition>
  /** The zone's API base on the host the caller reached, `…/ATServicesRest/V1.0`, which paging URLs start with. */
  baseUrl: string
  now(): Date
  /** The database's use of its hourly request threshold, this request counted. */
  threshold: ThresholdState
}

export type RouteHandler = (request: AutotaskRequest, context: HandlerContext) => EmulatorReply
