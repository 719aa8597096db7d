import type { FastifyBaseLogger } from 'fastify'
import type { IncomingHttpHeaders } from 'node:http'
import type { RequestAdmission } from './admission.js'

export type QueryValue = string | number | boolean | undefined

export interface VendorCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Below the connection's base URL, already encoded: `/tickets/123`. */
  path: string
  /** Name -> value, or the parameters as a caller sent them (a passthrough, where a name may repeat). */
  query?: Record<string, QueryValue> | URLSearchParams
  body?: unknown
  /** Vendor field name -> canonical field name, to translate the vendor's validation errors. */
  fieldNames?: Record<string, string>
  /** The Accept header, where the connection pins none (ConnectWise pins its API version there). */
  accept?: string
  /**
   * Whether the call may be repeated once it may have reached the vendor; by its method when absent (GET, PUT,
   * PATCH, DELETE are). A passthrough write says false: the gateway cannot know what a vendor path does.
   */
  idempotent?: boolean
  /** A call that changes nothing at the vendor whatever its method (Autotask's `POST /{Entity}/query`). */
  read?: boolean
  /**
   * Whether the vendor's answer, whatever its status, says how the connection is (the breaker); true when absent.
   * A passthrough call says false: its caller picks the path, and must not be able to open the breaker for every
   * caller of the connection. A call that gets no answer counts either way.
   */
  answerTellsHealth?: boolean
  /**
   * Whether a 401 renews the connection's credentials (shared by every call and replica) and sends again; true when
   * absent. A passthrough call says false: a vendor path its caller picked may answer 401 whatever the token, and
   * must not make every such call cost three requests and a new token. Tokens are renewed before they expire, and a
   * connection's own calls still renew one the vendor revoked.
   */
  renewOnUnauthorized?: boolean
}

export interface VendorResponse<T> {
  status: number
  headers: IncomingHttpHeaders
  body: T
}

/**
 * A vendor's answer as it is (passthrough): its status, the headers a caller may see, and its body's bytes, all
 * scrubbed of the connection's secrets.
 */
export interface RawVendorResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export interface VendorCallContext {
  log: FastifyBaseLogger
  /** Aborted when the caller went away: queued and in-flight work for it stops. */
  signal?: AbortSignal
  /** The part of the vendor's rate limit the caller (an API key) may take, when it may not take all of it. */
  share?: { caller: string; fraction: number }
  /** How long the call may wait for a turn of its share (rateLimitMaxWaitMs when absent). */
  shareWaitMs?: number
  /**
   * How long the call may go on asking for a turn of its share once refused, each time when the refusal says:
   * background work that had rather be late than fail. Absent: the first refusal is the answer (429).
   */
  sharePatienceMs?: number
  /** Runs just before each attempt of a write is sent; throws to send nothing (an Idempotency-Key lost). */
  beforeWrite?: () => Promise<void>
  /** Told what the vendor answered a write: `refused` when its status says it did not act on it. */
  afterWrite?: (outcome: { refused: boolean }) => void
  /** The request's place at the rate limits: whether it has begun, and the turns it reserved ahead. */
  admission?: RequestAdmission
  /** Set by the event sources (pollers, walks, callback re-reads), whose calls are counted apart. */
  purpose?: 'events'
}
