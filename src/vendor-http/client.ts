import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import type { IncomingHttpHeaders } from 'node:http'
import { rateLimited, vendorUnavailable } from '../errors.js'
import type { BucketSpec, RateLimiter } from '../limiter/types.js'
import type { VendorAuth } from './auth.js'
import { ConnectionHealth } from './health.js'
import type { PoolRegistry } from './pools.js'
import { parseRetryAfter, retryDecision, type AttemptOutcome } from './retry.js'
import type { VendorHttpSettings } from './settings.js'
import {
  classifyTransportError,
  gatewayErrorFromTransport,
  gatewayErrorFromVendor,
  type TransportFailure,
  type VendorErrorDescriber,
} from './vendor-errors.js'

export type QueryValue = string | number | boolean | undefined

export interface VendorCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Below the connection's base URL, already encoded: `/tickets/123`. */
  path: string
  query?: Record<string, QueryValue>
  body?: unknown
  /** Vendor field name -> canonical field name, to translate the vendor's validation errors. */
  fieldNames?: Record<string, string>
}

export interface VendorResponse<T> {
  status: number
  headers: IncomingHttpHeaders
  body: T
}

export interface VendorClientOptions {
  connectionId: string
  vendor: string
  baseUrl: string
  pools: PoolRegistry
  limiter: RateLimiter
  bucket: BucketSpec
  auth: VendorAuth
  describeError: VendorErrorDescriber
  settings: VendorHttpSettings
  /** Headers every call carries besides auth (API version pins and the like). */
  headers?: Record<string, string>
  /** Reads a vendor's rate-limit headers; returns when the quota is back if it is spent, else undefined. */
  rateLimitHint?: (headers: IncomingHttpHeaders, now: number) => number | undefined
  now?: () => number
  random?: () => number
}

type Attempt =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: unknown }
  | { kind: 'transport'; failure: TransportFailure }

/**
 * Every vendor call goes through here: the shared rate limiter first, then auth headers, then undici, then
 * the retry decision. Adapters see either a parsed 2xx body or a GatewayError.
 */
export class VendorClient {
  readonly health = new ConnectionHealth()
  readonly #origin: string
  readonly #basePath: string
  readonly #now: () => number

  constructor(private readonly options: VendorClientOptions) {
    const url = new URL(options.baseUrl)
    this.#origin = url.origin
    this.#basePath = url.pathname.replace(/\/+$/, '')
    this.#now = options.now ?? Date.now
  }

  async send<T = unknown>(call: VendorCall, log: FastifyBaseLogger): Promise<VendorResponse<T>> {
    const { settings, limiter, bucket, auth, vendor } = this.options
    const deadline = this.#now() + settings.retryBudgetMs
    let renewedAuth = false
    for (let attempt = 1; ; attempt++) {
      const maxWaitMs =
        attempt === 1
          ? settings.rateLimitMaxWaitMs
          : Math.min(settings.rateLimitMaxWaitMs, Math.max(0, deadline - this.#now()))
      const grant = await limiter.acquire(bucket, maxWaitMs)
      if (!grant.granted) {
        throw rateLimited(
          Math.ceil(grant.retryAfterMs / 1000),
          `the ${vendor} rate limit is reached; more calls are queued than can be served in time`,
        )
      }
      if (grant.waitMs > 0) await sleep(grant.waitMs)

      const authHeaders = await auth.headers()
      const started = this.#now()
      const result = await this.#attempt(call, authHeaders)
      log.debug(
        {
          vendor,
          connection: this.options.connectionId,
          method: call.method,
          path: call.path,
          attempt,
          status: result.kind === 'response' ? result.status : undefined,
          transportError: result.kind === 'transport' ? result.failure : undefined,
          ms: this.#now() - started,
        },
        'vendor call',
      )

      if (result.kind === 'transport') {
        const outcome: AttemptOutcome = { kind: 'transport', reachedVendor: result.failure.reachedVendor }
        const decision = this.#decide(call, attempt, outcome, deadline)
        if (decision.retry) {
          await sleep(decision.waitMs)
          continue
        }
        this.health.recordFailure(this.#now())
        throw gatewayErrorFromTransport(vendor, result.failure)
      }

      const until = this.options.rateLimitHint?.(result.headers, this.#now())
      if (until !== undefined) await limiter.block(bucket, until)

      if (result.status < 300) {
        this.health.recordSuccess(this.#now())
        return { status: result.status, headers: result.headers, body: result.body as T }
      }
      if (result.status === 401 && !renewedAuth && (await auth.renewAfterUnauthorized(authHeaders))) {
        renewedAuth = true
        attempt -= 1
        continue
      }
      const retryAfterMs = parseRetryAfter(result.headers['retry-after'], this.#now())
      if (result.status === 429) await limiter.block(bucket, this.#now() + (retryAfterMs ?? 1000))
      const decision = this.#decide(
        call,
        attempt,
        { kind: 'response', status: result.status, retryAfterMs },
        deadline,
      )
      if (decision.retry) {
        // After a 429 the blocked bucket holds every caller back; other statuses back off here.
        if (result.status !== 429) await sleep(decision.waitMs)
        continue
      }
      if (result.status >= 500 || result.status === 401) this.health.recordFailure(this.#now())
      else this.health.recordSuccess(this.#now())
      throw gatewayErrorFromVendor(
        vendor,
        result.status,
        this.options.describeError(result.status, result.body),
        call.fieldNames ?? {},
        retryAfterMs,
      )
    }
  }

  #decide(call: VendorCall, attempt: number, outcome: AttemptOutcome, deadline: number) {
    return retryDecision({
      method: call.method,
      attempt,
      maxAttempts: this.options.settings.maxAttempts,
      outcome,
      remainingBudgetMs: deadline - this.#now(),
      random: this.options.random,
    })
  }

  async #attempt(call: VendorCall, authHeaders: Record<string, string>): Promise<Attempt> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'psa-gateway',
      ...this.options.headers,
      ...authHeaders,
    }
    let payload: string | undefined
    if (call.body !== undefined) {
      payload = JSON.stringify(call.body)
      headers['content-type'] = 'application/json'
    }
    let response
    try {
      response = await this.options.pools.get(this.#origin).request({
        method: call.method,
        path: this.#basePath + call.path + queryString(call.query),
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.options.settings.requestTimeoutMs),
      })
    } catch (error) {
      return { kind: 'transport', failure: classifyTransportError(error) }
    }
    let text: string
    try {
      text = await response.body.text()
    } catch (error) {
      return { kind: 'transport', failure: classifyTransportError(error) }
    }
    return {
      kind: 'response',
      status: response.statusCode,
      headers: response.headers,
      body: this.#parse(response, text),
    }
  }

  #parse(response: { statusCode: number; headers: IncomingHttpHeaders }, text: string): unknown {
    if (text === '') return undefined
    const type = String(response.headers['content-type'] ?? '')
    if (!type.includes('json')) return text
    try {
      return JSON.parse(text)
    } catch {
      if (response.statusCode < 300) {
        throw vendorUnavailable(502, `${this.options.vendor} answered with a body that is not valid JSON`)
      }
      return text
    }
  }
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}
