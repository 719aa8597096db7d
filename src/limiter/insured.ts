import type { FastifyBaseLogger } from 'fastify'
import { vendorUnavailable } from '../errors.js'
import { MemoryRateLimiter } from './memory.js'
import type { Acquisition, BucketSpec, RateLimiter } from './types.js'

export type WhenStoreDown = 'local' | 'deny'

export interface InsuranceOptions {
  /** How many replicas share the vendor limit: each takes 1/replicas of it while the store is down. */
  replicas: number
  /** 'local': keep serving on the insurance bucket; 'deny': refuse vendor calls until the store is back. */
  whenStoreDown: WhenStoreDown
  /** The longest wait a reservation may carry (the queue limit or the retry budget, whichever is longer). */
  horizonMs: number
  log: FastifyBaseLogger
  now?: () => number
}

/**
 * How far apart replicas may notice the same outage or the same return: ioredis reconnects at least every
 * 2 s, and a command times out after 1 s.
 */
export const STORE_SWITCH_SKEW_MS = 3_000

/** This replica's share of a bucket: limit, burst and refill divided by the replica count. */
export const insuranceBucket = (bucket: BucketSpec, replicas: number): BucketSpec => ({
  key: bucket.key,
  limit: bucket.limit / replicas,
  windowMs: bucket.windowMs,
  burst: bucket.burst / replicas,
})

/**
 * The shared limiter while the store answers; a local bucket of limit / replicas while it does not.
 *
 * Reservations are promises of a future send, up to `horizonMs` ahead, so a switch must not let the new
 * bucket send while the old one's promises are still being kept:
 * - losing the store: the insurance bucket starts empty and sends nothing before `horizon + skew` has passed
 *   (the shared bucket's last promises, made by any replica, are due by then);
 * - the store returning: the shared bucket is blocked until `horizon + skew` from now, and meanwhile this
 *   replica keeps serving from its insurance bucket, only with waits that end before that moment.
 * A block leaves a bucket empty when it ends, so neither side starts with a burst at the seam.
 */
export class InsuredRateLimiter implements RateLimiter {
  #insurance: MemoryRateLimiter | null = null
  /** Buckets the insurance bucket has served, so the shared ones can be blocked when the store returns. */
  readonly #insuredBuckets = new Map<string, BucketSpec>()
  /** Insurance buckets already held back since this outage began. */
  readonly #heldBack = new Set<string>()
  #takeoverAt = 0
  /** Set while returning to the store: the moment the shared bucket takes over again. */
  #returnAt: number | null = null
  readonly #now: () => number

  constructor(
    private readonly shared: RateLimiter,
    private readonly store: { readonly available: boolean },
    private readonly options: InsuranceOptions,
  ) {
    this.#now = options.now ?? Date.now
  }

  async acquire(bucket: BucketSpec, maxWaitMs: number): Promise<Acquisition> {
    if (this.store.available && (await this.#settleReturn())) {
      try {
        if (this.#returnAt !== null && this.#insuredBuckets.has(bucket.key)) {
          // Local waits must end before the shared bucket resumes; longer ones queue on the shared bucket.
          const local = await this.#insuranceAcquire(
            bucket,
            Math.min(maxWaitMs, this.#returnAt - this.#now() - 1),
          )
          if (local.granted) return local
        }
        return await this.shared.acquire(bucket, maxWaitMs)
      } catch (error) {
        this.options.log.warn({ err: error }, 'shared rate limiter failed; using the insurance bucket')
      }
    }
    return this.#insuranceAcquire(bucket, maxWaitMs)
  }

  async block(bucket: BucketSpec, untilMs: number): Promise<void> {
    if (this.store.available) {
      try {
        await this.shared.block(bucket, untilMs)
      } catch (error) {
        this.options.log.warn({ err: error }, 'shared rate limiter failed; blocking the insurance bucket')
      }
    }
    if (this.#insurance) await this.#insurance.block(insuranceBucket(bucket, this.options.replicas), untilMs)
  }

  /**
   * On the first contact with the store after an outage, blocks the shared buckets until the insurance
   * buckets' promises are due; ends the return once that moment has passed. False when the store failed.
   */
  async #settleReturn(): Promise<boolean> {
    if (!this.#insurance) return true
    if (this.#returnAt === null) {
      const returnAt = this.#now() + this.options.horizonMs + STORE_SWITCH_SKEW_MS
      try {
        for (const spec of this.#insuredBuckets.values()) await this.shared.block(spec, returnAt)
      } catch (error) {
        this.options.log.warn({ err: error }, 'shared rate limiter failed; staying on the insurance bucket')
        return false
      }
      this.#returnAt = returnAt
      this.options.log.info(
        { resumesInMs: returnAt - this.#now() },
        'store is back: returning to the shared rate limit',
      )
    }
    if (this.#now() >= this.#returnAt) {
      this.options.log.info('rate limiting on the shared bucket again')
      this.#insurance = null
      this.#returnAt = null
      this.#insuredBuckets.clear()
    }
    return true
  }

  async #insuranceAcquire(bucket: BucketSpec, maxWaitMs: number): Promise<Acquisition> {
    if (this.options.whenStoreDown === 'deny') {
      throw vendorUnavailable(
        503,
        'the shared rate limit store is unreachable, and this gateway refuses vendor calls without it',
      )
    }
    if (!this.#insurance || (this.#returnAt !== null && !this.store.available)) this.#takeOver()
    const insurance = this.#insurance!
    const local = insuranceBucket(bucket, this.options.replicas)
    this.#insuredBuckets.set(bucket.key, bucket)
    if (!this.#heldBack.has(bucket.key)) {
      this.#heldBack.add(bucket.key)
      await insurance.block(local, this.#takeoverAt + this.options.horizonMs + STORE_SWITCH_SKEW_MS)
    }
    return insurance.acquire(local, Math.max(0, maxWaitMs))
  }

  /** The store is gone (again): insurance from now on, held back until the shared promises are due. */
  #takeOver(): void {
    this.#takeoverAt = this.#now()
    this.#heldBack.clear()
    this.#returnAt = null
    this.#insurance ??= new MemoryRateLimiter({ startEmpty: true, now: this.#now })
    this.options.log.warn(
      { replicas: this.options.replicas, resumesInMs: this.options.horizonMs + STORE_SWITCH_SKEW_MS },
      'rate limiting on the insurance bucket (limit / replicas)',
    )
  }
}
