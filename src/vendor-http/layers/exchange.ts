import type { IncomingHttpHeaders } from 'node:http'
import type { VendorCall, VendorCallContext } from '../call.js'
import type { TransportFailure } from '../vendor-errors.js'

/**
 * One vendor call on its way through the layers. Every attempt goes down with the same exchange; each field is
 * set by the one layer named on it and read by the others.
 */
export interface Exchange {
  readonly call: VendorCall
  readonly context: VendorCallContext
  /** The API base the call goes below, found when the call starts (client: it may be looked up on first use). */
  readonly baseUrl: string
  /** Whether the breaker let this call through as its probe (breaker layer). */
  probe: boolean
  /** The attempt on its way, from 1; a repeat with renewed credentials keeps its number (retry layer). */
  attempt: number
  /**
   * How long this attempt may queue for its turn, from what is left of the retry budget; undefined for a first
   * attempt, whose wait the limiter layer decides (retry layer).
   */
  retryWaitMs: number | undefined
  /** The credentials this attempt carries (auth layer, once the attempt holds its turn). */
  authHeaders: Record<string, string>
  /** When this attempt left for the vendor (transport). */
  sentAt: number | undefined
  /** How long the call has waited for its turns at the rate limits, every attempt so far (limiter layer). */
  limiterWaitMs: number
  /** How long the call has waited for a slot where the vendor limits calls at once, every attempt so far (concurrency layer). */
  slotWaitMs: number
  /** Why each attempt before this one was repeated, in order (retry layer). */
  retryReasons: string[]
}

export const exchangeFor = (call: VendorCall, context: VendorCallContext, baseUrl = ''): Exchange => ({
  call,
  context,
  baseUrl,
  probe: false,
  attempt: 1,
  retryWaitMs: undefined,
  authHeaders: {},
  sentAt: undefined,
  limiterWaitMs: 0,
  slotWaitMs: 0,
  retryReasons: [],
})

export interface Answered {
  kind: 'response'
  status: number
  headers: IncomingHttpHeaders
  body: unknown
  /** The body as it came (a passthrough answers with it). */
  bytes: Buffer
  /** JSON was promised and not delivered. */
  unreadable?: true
  /** The vendor's Retry-After, read once (limit signals layer). */
  retryAfterMs?: number
}

/** What an attempt that went to the vendor came back with. */
export type Sent = Answered | { kind: 'transport'; failure: TransportFailure }

/** An attempt that could not leave: the connection's credentials could not be had. */
export interface NoCredentials {
  kind: 'no-credentials'
  error: unknown
}

/** The vendor refused the credentials and they were renewed: the same attempt goes again, not counted. */
export interface RenewedCredentials {
  kind: 'renewed-credentials'
}

export type Attempt = Sent | NoCredentials | RenewedCredentials

/** How a call ended, all its attempts done. */
export type FinalAttempt = Exclude<Attempt, RenewedCredentials>

/** The layers below the turn: what an attempt does once it holds its turn at the rate limit. */
export interface Dispatch {
  /** Makes the attempt ready to leave (credentials, a write's check); `NoCredentials` when it cannot. */
  ready(exchange: Exchange): Promise<NoCredentials | undefined>
  send(exchange: Exchange): Promise<Attempt>
}

export type Layer = (next: Dispatch) => Dispatch

/** One attempt, from queueing for its turn to its answer. */
export type SendAttempt = (exchange: Exchange) => Promise<Attempt>

/** A whole call, every attempt of it. */
export type SendCall = (exchange: Exchange) => Promise<FinalAttempt>

/** `layers` outermost first, over `bottom`. */
export const stack = (layers: Layer[], bottom: Dispatch): Dispatch =>
  layers.reduceRight((next, layer) => layer(next), bottom)
