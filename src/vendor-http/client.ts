import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyBaseLogger } from 'fastify'
import type { IncomingHttpHeaders } from 'node:http'
import { GatewayError, rateLimited, vendorUnavailable } from '../errors.js'
import {
  lateTurnToleranceMs,
  refillPerMs,
  type Acquisition,
  type BucketSpec,
  type RateLimiter,
} from '../state/limiter/types.js'
import type { RequestAdmission, Turn } from './admission.js'
import type { VendorAuth } from './auth.js'
import { CallCancellation } from './cancellation.js'
import { ConnectionHealth } from './health.js'
import { SecretScrubber } from './secret-scrubber.js'
import type { GatewayMetrics } from '../metrics.js'
import type { PoolRegistry, VendorTls } from './pools.js'
import { parseRetryAfter, retryDecision, type AttemptOutcome } from './retry.js'
import type { VendorHttpSettings } from './settings.js'
import {
  classifyTransportError,
  gatewayErrorFromTransport,
  gatewayErrorFromVendor,
  writeOfUnknownOutcome,
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
  tls?: VendorTls
  /** Where call outcomes, durations and limiter waits are counted. */
  metrics?: GatewayMetrics
  /** Headers every call carries besides auth (API version pins and the like). */
  headers?: Record<string, string>
  /** Reads a vendor's rate-limit headers; returns when the quota is back if it is spent, else undefined. */
  rateLimitHint?: (headers: IncomingHttpHeaders, now: number) => number | undefined
  now?: () => number
  random?: () => number
  /** `timers/promises` setTimeout by default; tests pass a fake. */
  sleep?: (ms: number, value: undefined, options: { signal?: AbortSignal }) => Promise<unknown>
}

export interface VendorCallContext {
  log: FastifyBaseLogger
  /** Aborted when the caller went away: queued and in-flight work for it stops. */
  signal?: AbortSignal
  /** The part of the vendor's rate limit the caller (an API key) may take, when it may not take all of it. */
  share?: { caller: string; fraction: number }
  /** Runs just before each attempt of a write is sent; throws to send nothing (an Idempotency-Key lost). */
  beforeWrite?: () => Promise<void>
  /** Told what the vendor answered a write: `refused` when its status says it did not act on it. */
  afterWrite?: (outcome: { refused: boolean }) => void
  /** The request's place at the rate limits: whether it has begun, and the turns it reserved ahead. */
  admission?: RequestAdmission
}

/** What every adapter's client shares: the pools, the limiter and the HTTP settings of the gateway. */
export interface VendorTransport {
  pools: PoolRegistry
  limiter: RateLimiter
  vendorHttp: VendorHttpSettings
  metrics?: GatewayMetrics
}

/** A connection's client on the gateway's shared transport. */
export const vendorClientOn = (
  transport: VendorTransport,
  options: Omit<VendorClientOptions, 'pools' | 'limiter' | 'settings'>,
) =>
  new VendorClient({
    ...options,
    pools: transport.pools,
    limiter: transport.limiter,
    settings: transport.vendorHttp,
    metrics: transport.metrics,
  })

/**
 * The caller's own bucket inside a vendor bucket: limit and burst scaled by its share, over the same window, so
 * that it refills at exactly that share of the vendor bucket's rate (a burst below one only delays a first call).
 */
function shareOf(bucket: BucketSpec, share: { caller: string; fraction: number }): BucketSpec {
  return {
    // Braces would break the Redis Cluster hash tag the limiter builds from the key.
    key: `${bucket.key}|caller:${share.caller.replace(/[^\w.-]/g, '_')}`,
    limit: bucket.limit * share.fraction,
    windowMs: bucket.windowMs,
    burst: bucket.burst * share.fraction,
  }
}

/** The turns of a grant, on this process's clock and (to give them back) the limiter's. */
function turnsOf(grant: Extract<Acquisition, { granted: true }>, now: number): Turn[] {
  return [grant.waitMs, ...(grant.laterWaitsMs ?? [])].map((wait) => ({
    dueAt: now + wait,
    ...(grant.issuedAt === undefined ? {} : { limiterAt: grant.issuedAt + wait }),
  }))
}

/** How many turns even an idle bucket can give within `waitMs`: its burst, and what it refills meanwhile. */
const turnsWithin = (bucket: BucketSpec, waitMs: number) =>
  Math.max(1, Math.floor(bucket.burst + waitMs * refillPerMs(bucket)))

/** Gives back the turns still ahead. */
async function releaseAhead(limiter: RateLimiter, bucket: BucketSpec, turns: Turn[], now: number) {
  const ahead = turns.flatMap((turn) =>
    turn.dueAt > now && turn.limiterAt !== undefined ? [turn.limiterAt] : [],
  )
  if (ahead.length > 0) await limiter.release(bucket, ahead).catch(() => {})
}

/** A vendor status that says it did not act on a write (a 502 or 504 may come from in front of it, after it did). */
const vendorRefused = (status: number) => status >= 400 && status !== 502 && status !== 504

/** How many times a call gives up a turn it was too late for before it goes anyway (and is counted). */
const MAX_LATE_RETAKES = 3

/** Nobody is waiting for the answer any more; logged, never seen by a caller. */
const callerGone = (vendor: string) =>
  vendorUnavailable(503, `the ${vendor} call was abandoned: the caller went away`)

type Attempt =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: unknown; unreadable?: true }
  | { kind: 'transport'; failure: TransportFailure }

/**
 * Every vendor call goes through here: the connection's circuit breaker first, then the shared rate limiter,
 * auth headers, undici, and the retry decision. Adapters see either a parsed 2xx body or a GatewayError.
 */
export class VendorClient {
  readonly health: ConnectionHealth
  readonly #origin: string
  readonly #basePath: string
  readonly #now: () => number
  readonly #scrubber: SecretScrubber

  constructor(private readonly options: VendorClientOptions) {
    this.#scrubber = new SecretScrubber(() => options.auth.secrets())
    const url = new URL(options.baseUrl)
    this.#origin = url.origin
    this.#basePath = url.pathname.replace(/\/+$/, '')
    this.#now = options.now ?? Date.now
    this.health = new ConnectionHealth({
      failureThreshold: options.settings.breakerFailureThreshold,
      cooldownMs: options.settings.breakerCooldownMs,
    })
  }

  async send<T = unknown>(call: VendorCall, context: VendorCallContext): Promise<VendorResponse<T>> {
    // The breaker admits a call once, for all its attempts: a probe's retries stay the probe, and its
    // failure (recorded by each attempt) opens the breaker again.
    const admission = this.health.admit(this.#now())
    if (!admission.admitted) {
      throw new GatewayError(
        503,
        'vendor_unavailable',
        `${this.options.vendor} is failing: calls to it are paused for a while`,
        { retryAfterSeconds: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)) },
      )
    }
    try {
      return await this.#send<T>(call, context, admission.probe)
    } finally {
      // A probe that ended without an answer either way must not keep the breaker half-open for good.
      if (admission.probe) this.health.releaseProbe()
    }
  }

  async #send<T>(call: VendorCall, context: VendorCallContext, probe: boolean): Promise<VendorResponse<T>> {
    const { settings, auth, vendor } = this.options
    const { log, signal } = context
    // The retry budget starts when the first attempt leaves: its wait in the queue has its own limit.
    let deadline = Infinity
    let renewedAuth = false
    let vendorSaid429 = false
    for (let attempt = 1; ; attempt++) {
      // A caller may queue up to rateLimitMaxWaitMs; waiting out a vendor 429 may use the whole retry budget.
      const remainingBudget = Math.max(0, deadline - this.#now())
      const maxWaitMs =
        attempt === 1
          ? this.#firstTurnMaxWait(context, probe)
          : vendorSaid429
            ? remainingBudget
            : Math.min(settings.rateLimitMaxWaitMs, remainingBudget)
      const authHeaders = await this.#readyOnTurn(call, context, maxWaitMs)
      const started = this.#now()
      if (attempt === 1) deadline = started + settings.retryBudgetMs
      const result = await this.#attempt(call, authHeaders, signal)
      this.#count(call, result, this.#now() - started)
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
        if (signal?.aborted && call.method === 'GET') throw callerGone(vendor)
        const outcome: AttemptOutcome = { kind: 'transport', reachedVendor: result.failure.reachedVendor }
        const decision = this.#decide(call, attempt, outcome, deadline)
        if (decision.retry) {
          await this.#pause(decision.waitMs, signal)
          continue
        }
        this.health.recordFailure(this.#now())
        throw gatewayErrorFromTransport(vendor, result.failure, call.method !== 'GET')
      }

      if (call.method !== 'GET') context.afterWrite?.({ refused: vendorRefused(result.status) })
      const until = this.options.rateLimitHint?.(result.headers, this.#now())
      if (until !== undefined) await this.#block(context, until)

      if (result.status < 300) {
        if (result.unreadable) {
          this.health.recordFailure(this.#now())
          const error = vendorUnavailable(502, `${vendor} answered with a body that is not valid JSON`)
          throw call.method === 'GET' ? error : writeOfUnknownOutcome(error, vendor)
        }
        this.health.recordSuccess(this.#now())
        return { status: result.status, headers: result.headers, body: result.body as T }
      }
      if (result.status === 401 && !renewedAuth && (await auth.renewAfterUnauthorized(authHeaders))) {
        renewedAuth = true
        attempt -= 1
        continue
      }
      const retryAfterMs = parseRetryAfter(result.headers['retry-after'], this.#now())
      if (result.status === 429) {
        vendorSaid429 = true
        await this.#block(context, this.#now() + (retryAfterMs ?? 1000))
      }
      const decision = this.#decide(
        call,
        attempt,
        { kind: 'response', status: result.status, retryAfterMs },
        deadline,
      )
      if (decision.retry) {
        // After a 429 the blocked bucket holds every caller back; other statuses back off here.
        if (result.status !== 429) await this.#pause(decision.waitMs, signal)
        continue
      }
      if (result.status >= 500 || result.status === 401) this.health.recordFailure(this.#now())
      else this.health.recordSuccess(this.#now())
      const error = gatewayErrorFromVendor(
        vendor,
        result.status,
        // Read after scrubbing: a vendor may echo the credentials it was sent (this attempt's too).
        this.options.describeError(result.status, this.#scrubber.scrubDeep(result.body, authHeaders)),
        call.fieldNames ?? {},
        retryAfterMs,
      )
      // A 502 or 504 comes from something between us and the vendor's application, which may have acted.
      const mayHaveActed = call.method !== 'GET' && (result.status === 502 || result.status === 504)
      throw mayHaveActed ? writeOfUnknownOutcome(error, vendor) : error
    }
  }

  /**
   * How long a call may queue for its first turn. Newcomers up to rateLimitMaxWaitMs; twice that for a request
   * already under way (its earlier calls are spent: losing its later ones to newcomers wastes them), for the
   * breaker's probe (the connection's way back), and for a caller held to a share of the limit (it takes no
   * more than its share, and under a flood from others it still gets that).
   */
  #firstTurnMaxWait(context: VendorCallContext, probe: boolean): number {
    const queue = this.options.settings.rateLimitMaxWaitMs
    return probe || context.admission?.started || context.share ? 2 * queue : queue
  }

  /**
   * Waits for the call's turn, then makes it ready: auth headers and, for a write, the check before it. A turn the
   * call could not be ready in time for (a busy event loop, a slow token) is given up and another taken, rather
   * than send late and bunch up with the turns after it.
   */
  async #readyOnTurn(
    call: VendorCall,
    context: VendorCallContext,
    maxWaitMs: number,
  ): Promise<Record<string, string>> {
    const { bucket, auth, connectionId, metrics, settings } = this.options
    const tolerance = lateTurnToleranceMs(bucket)
    for (let retakes = 0; ; retakes++) {
      const turn = await this.#takeTurn(context, maxWaitMs)
      const authHeaders = await auth.headers().catch((error: unknown) => {
        // The vendor's token endpoint failing is the connection failing: it counts toward its health.
        this.health.recordFailure(this.#now())
        throw error
      })
      if (call.method !== 'GET') await context.beforeWrite?.()
      if (this.#now() - turn.dueAt <= tolerance || retakes >= MAX_LATE_RETAKES) return authHeaders
      metrics?.limiterLateTurns.inc({ connection: connectionId })
      maxWaitMs = 2 * settings.rateLimitMaxWaitMs
    }
  }

  /** A turn its request reserved ahead, else a new one (reserving the further turns the request expects); waited for. */
  async #takeTurn(context: VendorCallContext, maxWaitMs: number): Promise<Turn> {
    const { bucket, limiter } = this.options
    const { admission, share } = context
    const reserved = admission?.takeReserved(bucket.key, lateTurnToleranceMs(bucket))
    // A reserved vendor turn came with a turn of the caller's share: that one is used with it.
    if (reserved && share) admission?.takeReserved(shareOf(bucket, share).key, Infinity)
    const turn = reserved ?? (await this.#reserve(context, maxWaitMs))
    admission?.markStarted()
    try {
      await this.#pause(turn.dueAt - this.#now(), context.signal)
    } catch (error) {
      // The caller left while queued: its turn goes to whoever asks next.
      if (turn.dueAt > this.#now() && turn.limiterAt !== undefined)
        await limiter.release(bucket, [turn.limiterAt]).catch(() => {})
      throw error
    }
    return turn
  }

  /**
   * New turns: the caller's share first, waited out (its own queue, up to rateLimitMaxWaitMs), then the vendor's
   * bucket, where `maxWaitMs` applies. As many as the request expects, taken together or refused together (a
   * request is admitted as a unit), but never more than even an idle bucket could give within the wait: the
   * others are then taken as they come. Returns the first; the request keeps the others.
   */
  async #reserve(context: VendorCallContext, maxWaitMs: number): Promise<Turn> {
    const { limiter, bucket, vendor, connectionId, metrics, settings } = this.options
    const { admission, share } = context
    const acquire = (spec: BucketSpec, wait: number, wanted: number) =>
      limiter.acquire(spec, wait, Math.min(wanted, turnsWithin(spec, wait)))
    let count = admission?.takeExpected() ?? 1
    let shareTurns: Turn[] = []
    const shareBucket = share ? shareOf(bucket, share) : undefined
    if (shareBucket) {
      const granted = await acquire(shareBucket, Math.min(maxWaitMs, settings.rateLimitMaxWaitMs), count)
      if (!granted.granted) {
        throw rateLimited(
          Math.ceil(granted.retryAfterMs / 1000),
          `this API key's share of the ${vendor} rate limit is used up for now`,
        )
      }
      const [first, ...later] = turnsOf(granted, this.#now())
      shareTurns = later
      count = 1 + later.length
      await this.#pause(first!.dueAt - this.#now(), context.signal)
    }
    const grant = await acquire(bucket, maxWaitMs, count)
    if (!grant.granted) {
      if (shareBucket) await releaseAhead(limiter, shareBucket, shareTurns, this.#now())
      metrics?.limiterRefusals.inc({ connection: connectionId })
      throw rateLimited(
        Math.ceil(grant.retryAfterMs / 1000),
        `the ${vendor} rate limit is reached; more calls are queued than can be served in time`,
      )
    }
    metrics?.limiterWaitSeconds.observe({ connection: connectionId }, grant.waitMs / 1000)
    const [first, ...later] = turnsOf(grant, this.#now())
    admission?.keep(bucket, limiter, later)
    if (shareBucket) {
      // As many share turns as vendor turns: those beyond (the vendor gave fewer) go back.
      admission?.keep(shareBucket, limiter, shareTurns.slice(0, later.length))
      await releaseAhead(limiter, shareBucket, shareTurns.slice(later.length), this.#now())
    }
    return first!
  }

  /** No call leaves before `untilMs`: the bucket is blocked for every caller, and this request's turns before then are void. */
  async #block(context: VendorCallContext, untilMs: number): Promise<void> {
    await this.options.limiter.block(this.options.bucket, untilMs)
    context.admission?.dropBefore(this.options.bucket.key, untilMs)
  }

  #count(call: VendorCall, result: Attempt, ms: number): void {
    const metrics = this.options.metrics
    if (!metrics) return
    const labels = { connection: this.options.connectionId, vendor: this.options.vendor }
    const outcome =
      result.kind === 'response' ? String(result.status) : result.failure.timedOut ? 'timeout' : 'network'
    metrics.vendorCalls.inc({ ...labels, method: call.method, outcome })
    metrics.vendorCallSeconds.observe(labels, ms / 1000)
  }

  async #pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) throw callerGone(this.options.vendor)
    if (ms <= 0) return
    try {
      await (this.options.sleep ?? sleep)(ms, undefined, { signal })
    } catch (error) {
      if (signal?.aborted) throw callerGone(this.options.vendor)
      throw error
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

  async #attempt(
    call: VendorCall,
    authHeaders: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<Attempt> {
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
    // A caller hanging up cancels a read, never a write already on its way: the vendor may act on it, and
    // its answer decides what an Idempotency-Key repeat gets.
    const cancel = new CallCancellation(
      this.options.settings.requestTimeoutMs,
      call.method === 'GET' ? signal : undefined,
    )
    let response
    let text: string
    try {
      response = await this.options.pools.get(this.#origin, this.options.tls).request({
        method: call.method,
        path: this.#basePath + call.path + queryString(call.query),
        headers,
        body: payload,
        signal: cancel,
      })
      text = await response.body.text()
    } catch (error) {
      return { kind: 'transport', failure: classifyTransportError(error) }
    } finally {
      cancel.dispose()
    }
    return {
      kind: 'response',
      status: response.statusCode,
      headers: response.headers,
      ...parseBody(response.headers, text),
    }
  }
}

/** JSON when the vendor says JSON, else the text; `unreadable` when JSON was promised but not delivered. */
function parseBody(headers: IncomingHttpHeaders, text: string): { body: unknown; unreadable?: true } {
  if (text === '') return { body: undefined }
  if (!String(headers['content-type'] ?? '').includes('json')) return { body: text }
  try {
    return { body: JSON.parse(text) }
  } catch {
    return { body: text, unreadable: true }
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
