import type { Tracer } from '@opentelemetry/api'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BucketSpec, RateLimiter } from '../state/limiter/types.js'
import type { GatewayMetrics } from '../metrics.js'
import type { VendorAuth } from './auth.js'
import { vendorUrlOf } from '../passthrough/vendor-path.js'
import type { RawVendorResponse, VendorCall, VendorCallContext, VendorResponse } from './call.js'
import { ConnectionHealth } from './health.js'
import { answerOf, type AnswerOptions } from './layers/answer.js'
import { authLayer } from './layers/auth.js'
import { breakerLayer } from './layers/breaker.js'
import { callerShareLayer } from './layers/caller-share.js'
import { concurrencyLayer, type ConcurrencyLimit } from './layers/concurrency.js'
import { exchangeFor, stack, type SendCall } from './layers/exchange.js'
import { limitSignalsLayer, type RateLimitHint } from './layers/limit-signals.js'
import { limiterLayer } from './layers/limiter.js'
import { metricsAndLogs } from './layers/observer.js'
import { pauseWith, type Sleep } from './layers/pause.js'
import { rawAnswerOf } from './layers/raw-answer.js'
import { retryLayer } from './layers/retry.js'
import { tracingLayer } from './layers/tracing.js'
import { transport } from './layers/transport.js'
import { bucketTurns } from './layers/turns.js'
import { writeHooksLayer } from './layers/write-hooks.js'
import type { PoolRegistry, VendorTls } from './pools.js'
import { SecretScrubber } from './secret-scrubber.js'
import type { VendorHttpSettings } from './settings.js'
import type { VendorErrorDescriber } from './vendor-errors.js'

export type { QueryValue, RawVendorResponse, VendorCall, VendorCallContext, VendorResponse } from './call.js'

/**
 * Where a connection's API is: a URL, or a lookup made when each call starts (Autotask's zone), which keeps its
 * answer itself (a cache); a failed lookup fails the call with the lookup's error.
 */
export type BaseUrlSource = string | ((context: VendorCallContext) => Promise<string>)

export interface VendorClientOptions {
  connectionId: string
  vendor: string
  baseUrl: BaseUrlSource
  pools: PoolRegistry
  limiter: RateLimiter
  bucket: BucketSpec
  auth: VendorAuth
  describeError: VendorErrorDescriber
  settings: VendorHttpSettings
  tls?: VendorTls
  /** Where call outcomes, durations and limiter waits are counted. */
  metrics?: GatewayMetrics
  /** Where each call's span starts, when tracing is on. */
  tracer?: Tracer
  /** Headers every call carries besides auth (API version pins and the like). */
  headers?: Record<string, string>
  /** Reads a vendor's rate-limit headers; returns when the quota is back if it is spent, else undefined. */
  rateLimitHint?: RateLimitHint
  /** The vendor's limit on calls at once, where it has one: each attempt holds a slot of its key. */
  concurrency?: ConcurrencyLimit
  now?: () => number
  random?: () => number
  /** `timers/promises` setTimeout by default; tests pass a fake. */
  sleep?: Sleep
  /** The gateway's own secrets of the connection (callback token, signing key), scrubbed from vendor answers too. */
  gatewaySecrets?: readonly string[]
}

/** What every adapter's client shares: the pools, the limiter and the HTTP settings of the gateway. */
export interface VendorTransport {
  pools: PoolRegistry
  limiter: RateLimiter
  vendorHttp: VendorHttpSettings
  metrics?: GatewayMetrics
  tracer?: Tracer
  gatewaySecrets?: readonly string[]
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
    tracer: transport.tracer,
    gatewaySecrets: transport.gatewaySecrets,
  })

/**
 * Every vendor call goes through here, down the layers in `src/vendor-http/layers/`: the connection's circuit
 * breaker, the retries, a slot where the vendor limits calls at once, a turn at the shared rate limit (through the
 * caller's share), then for each attempt its credentials, the vendor's rate-limit signals, the write hooks and
 * undici. Metrics and logs watch through an observer; with tracing on, a span covers the whole call. Adapters see
 * either a parsed 2xx body or a GatewayError; the passthrough sees the vendor's answer as it is (`sendRaw`).
 */
export class VendorClient {
  readonly health: ConnectionHealth
  readonly #call: SendCall
  readonly #answer: AnswerOptions
  readonly #baseUrl: BaseUrlSource

  constructor(options: VendorClientOptions) {
    const { vendor, limiter, bucket, settings } = options
    const now = options.now ?? Date.now
    const sleepFor = options.sleep ?? sleep
    const pause = pauseWith(sleepFor, vendor)
    const observer = metricsAndLogs(options.metrics, options.connectionId, vendor)
    this.health = new ConnectionHealth({
      failureThreshold: settings.breakerFailureThreshold,
      cooldownMs: settings.breakerCooldownMs,
    })
    // An error answer's description may say it stands for another status (a vendor's business rule answered 500).
    const statusOf = (status: number, body: unknown) => options.describeError(status, body).status ?? status
    const attempt = stack(
      [
        authLayer(options.auth),
        limitSignalsLayer({ limiter, bucket, rateLimitHint: options.rateLimitHint, now, statusOf }),
        writeHooksLayer,
      ],
      transport({ ...options, now, observer }),
    )
    const turns = callerShareLayer({ vendor, limiter, bucket, settings, now, pause })(
      bucketTurns({ vendor, limiter, bucket, now, observer }),
    )
    const onTurn = limiterLayer({ limiter, bucket, turns, settings, now, pause, observer })(attempt)
    const { concurrency } = options
    const inSlot = concurrency
      ? concurrencyLayer({ concurrency, vendor, settings, now, sleep: sleepFor })(onTurn)
      : onTurn
    const call = breakerLayer({ health: this.health, vendor, now, statusOf })(
      retryLayer({ settings, now, pause, random: options.random, statusOf })(inSlot),
    )
    const { tracer } = options
    this.#call = tracer ? tracingLayer({ ...options, tracer })(call) : call
    const gatewaySecrets = options.gatewaySecrets ?? []
    const scrubber = new SecretScrubber(() => [...options.auth.secrets(), ...gatewaySecrets])
    this.#answer = { vendor, describeError: options.describeError, scrubber }
    this.#baseUrl = options.baseUrl
  }

  async send<T = unknown>(call: VendorCall, context: VendorCallContext): Promise<VendorResponse<T>> {
    const exchange = exchangeFor(call, context, await this.#baseUrlFor(context))
    return answerOf<T>(this.#answer, exchange, await this.#call(exchange))
  }

  /**
   * A call whose answer comes back as the vendor gave it, a 4xx or 5xx included, scrubbed of the connection's
   * secrets (the passthrough). It goes through the same layers: an open breaker refuses it, but only a call that got
   * no answer counts against the breaker, never the vendor's answer to a path the caller picked; a vendor 401 is
   * answered as it is, renewing no credentials; a write is repeated only when it provably never reached the vendor.
   */
  async sendRaw(call: VendorCall, context: VendorCallContext): Promise<RawVendorResponse> {
    const baseUrl = await this.#baseUrlFor(context)
    vendorUrlOf(baseUrl, call.path)
    const exchange = exchangeFor(
      {
        ...call,
        idempotent: call.method === 'GET',
        answerTellsHealth: false,
        renewOnUnauthorized: false,
      },
      context,
      baseUrl,
    )
    return rawAnswerOf(this.#answer, exchange, await this.#call(exchange))
  }

  #baseUrlFor(context: VendorCallContext): Promise<string> | string {
    const source = this.#baseUrl
    return typeof source === 'string' ? source : source(context)
  }
}
