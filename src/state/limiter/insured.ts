import type { FastifyBaseLogger } from 'fastify'
import { rateLimited, vendorUnavailable } from '../../errors.js'
import { MemoryRateLimiter } from './memory.js'
import type { Acquisition, BucketSpec, RateLimiter } from './types.js'

export type WhenStoreDown = 'local' | 'deny'

/** What the limiter needs to know of the store: is it up, and has it come back since last asked. */
export interface StoreView {
  readonly available: boolean
  /** Grows each time the connection becomes ready: a change means Redis was gone (maybe emptied) and is back. */
  readonly generation: number
}

export interface InsuranceOptions {
  /** How many replicas share the vendor limit: each takes 1/replicas of it while the store is down. */
  replicas: number
  /** 'local': keep serving on the insurance bucket; 'deny': refuse vendor calls until the store is back. */
  whenStoreDown: WhenStoreDown
  /** The longest wait a reservation may carry (the queue limit or the retry budget, whichever is longer). */
  horizonMs: number
  /** How far apart replicas may notice the same outage or the same return. */
  skewMs: number
  /** Every bucket the configured connections use, so all of them are held back when the store returns. */
  buckets: BucketSpec[]
  log: FastifyBaseLogger
  now?: () => number
}

/** This replica's share of a bucket: limit, burst and refill divided by the replica count. */
export const insuranceBucket = (bucket: BucketSpec, replicas: number): BucketSpec => ({
  key: bucket.key,
  limit: bucket.limit / replicas,
  windowMs: bucket.windowMs,
  burst: bucket.burst / replicas,
})

/** What this replica last learnt of a shared bucket's queue: when, and how far ahead its turns then reached. */
interface SharedQueueSeen {
  at: number
  reachesTo: number
}

/**
 * The shared limiter while the store answers; a local bucket of limit / replicas while it does not.
 *
 * Reservations are promises of a future send, up to `horizonMs` ahead, so a switch must not let one side send
 * while the other's promises are still being kept (`hold` = horizon + skew):
 * - the store goes: the insurance bucket starts empty and sends nothing before `hold` has passed, by when the
 *   shared bucket's last promises, made by any replica, are due. Except for a bucket this replica saw idle just
 *   before (its last turn, granted within `skew` of the outage, had no wait): no promise reached into the future
 *   then, so it serves its share at once. That is a judgement on what was seen, and it holds for a light load;
 *   a bucket near its limit (any wait) is always held back;
 * - the store comes back (every replica notices, whether it used insurance or not): each replica blocks every
 *   configured shared bucket until `hold` from then, and meanwhile serves its share from its insurance bucket,
 *   with waits that end before that moment; longer waits queue on the (blocked) shared bucket.
 * A block leaves a bucket empty when it ends, so neither side starts with a burst at the seam. A single failed
 * command while the connection is up switches nothing: that caller gets 429 and may retry.
 */
export class InsuredRateLimiter implements RateLimiter {
  #insurance: MemoryRateLimiter | null = null
  readonly #seen = new Map<string, SharedQueueSeen>()
  /** Insurance buckets already held back since the store went. */
  readonly #heldBack = new Set<string>()
  readonly #buckets = new Map<string, BucketSpec>()
  #takeoverAt = 0
  /** While returning to the store: when the shared buckets take over again. */
  #returnAt: number | null = null
  #generation: number
  readonly #now: () => number

  constructor(
    private readonly shared: RateLimiter,
    private readonly store: StoreView,
    private readonly options: InsuranceOptions,
  ) {
    this.#now = options.now ?? Date.now
    this.#generation = store.available ? store.generation : -1
    for (const bucket of options.buckets) this.#buckets.set(bucket.key, bucket)
  }

  get #holdMs(): number {
    return this.options.horizonMs + this.options.skewMs
  }

  async acquire(bucket: BucketSpec, maxWaitMs: number, count = 1): Promise<Acquisition> {
    this.#buckets.set(bucket.key, bucket)
    if (!this.store.available) return this.#insuranceAcquire(bucket, maxWaitMs, count)
    try {
      await this.#noticeReturn()
      if (this.#returnAt !== null) {
        const local = await this.#insuranceAcquire(
          bucket,
          Math.min(maxWaitMs, this.#returnAt - this.#now() - 1),
          count,
        )
        if (local.granted) return local
      }
      const asked = this.#now()
      const grant = await this.#sharedAcquire(bucket, maxWaitMs, count)
      const furthest = grant.granted ? (grant.laterWaitsMs?.at(-1) ?? grant.waitMs) : grant.retryAfterMs
      this.#seen.set(bucket.key, { at: asked, reachesTo: asked + furthest })
      return grant
    } catch (error) {
      if (!this.store.available) return this.#insuranceAcquire(bucket, maxWaitMs, count)
      this.options.log.warn({ err: error }, 'shared rate limiter did not answer')
      throw rateLimited(1, 'the shared rate limit did not answer in time; retry')
    }
  }

  /**
   * One more try when a command fails while the connection stays up: an event loop blocked past the command
   * timeout fails a command whose answer is already there. (A timed-out reservation Redis did make is a turn
   * lost, never one used twice.)
   */
  async #sharedAcquire(bucket: BucketSpec, maxWaitMs: number, count: number): Promise<Acquisition> {
    try {
      return await this.shared.acquire(bucket, maxWaitMs, count)
    } catch (error) {
      if (!this.store.available) throw error
      return this.shared.acquire(bucket, maxWaitMs, count)
    }
  }

  /**
   * Turns of the shared bucket only: the insurance's grants carry no `issuedAt`, so they are never given back (a
   * turn given back to the other bucket than its own would be sent twice).
   */
  async release(bucket: BucketSpec, turnsAt: number[]): Promise<void> {
    if (!this.store.available) return
    try {
      await this.shared.release(bucket, turnsAt)
    } catch (error) {
      this.options.log.warn({ err: error }, 'shared rate limiter did not take back unused turns')
    }
  }

  async block(bucket: BucketSpec, untilMs: number): Promise<void> {
    this.#buckets.set(bucket.key, bucket)
    if (this.store.available) {
      try {
        await this.shared.block(bucket, untilMs)
      } catch (error) {
        this.options.log.warn({ err: error }, 'shared rate limiter did not answer; blocking locally only')
      }
    }
    if (!this.store.available && !this.#insurance) this.#takeOver()
    if (this.#insurance) await this.#insurance.block(insuranceBucket(bucket, this.options.replicas), untilMs)
  }

  /** On the first call after the store came back: hold the shared buckets back; end the return when due. */
  async #noticeReturn(): Promise<void> {
    if (this.store.generation !== this.#generation) {
      const returnAt = this.#now() + this.#holdMs
      for (const spec of this.#buckets.values()) await this.shared.block(spec, returnAt)
      this.#generation = this.store.generation
      this.#returnAt = returnAt
      this.#insurance ??= new MemoryRateLimiter({ startEmpty: true, now: this.#now })
      this.options.log.info(
        { resumesInMs: this.#holdMs },
        'store is back: returning to the shared rate limit',
      )
    }
    if (this.#returnAt !== null && this.#now() >= this.#returnAt) {
      this.options.log.info('rate limiting on the shared bucket again')
      this.#insurance = null
      this.#returnAt = null
    }
  }

  async #insuranceAcquire(bucket: BucketSpec, maxWaitMs: number, count: number): Promise<Acquisition> {
    if (this.options.whenStoreDown === 'deny') {
      throw vendorUnavailable(
        503,
        'the shared rate limit store is unreachable, and this gateway refuses vendor calls without it',
      )
    }
    if (!this.#insurance || (this.#returnAt !== null && !this.store.available)) this.#takeOver()
    const insurance = this.#insurance!
    const local = insuranceBucket(bucket, this.options.replicas)
    if (!this.#heldBack.has(bucket.key)) {
      this.#heldBack.add(bucket.key)
      if (!this.#wasIdle(bucket.key)) await insurance.block(local, this.#takeoverAt + this.#holdMs)
    }
    const grant = await insurance.acquire(local, Math.max(0, maxWaitMs), count)
    if (!grant.granted) return grant
    const { issuedAt: _local, ...unnamed } = grant
    return unnamed
  }

  /** The shared bucket had no queue when this replica last used it, just before the store went. */
  #wasIdle(key: string): boolean {
    const seen = this.#seen.get(key)
    return (
      this.#returnAt === null &&
      seen !== undefined &&
      seen.reachesTo <= seen.at &&
      seen.at >= this.#takeoverAt - this.options.skewMs
    )
  }

  /** The store is gone (again): insurance from now on, held back until the shared promises are due. */
  #takeOver(): void {
    this.#takeoverAt = this.#now()
    this.#heldBack.clear()
    this.#returnAt = null
    this.#insurance ??= new MemoryRateLimiter({ startEmpty: true, now: this.#now })
    this.options.log.warn(
      { replicas: this.options.replicas, resumesInMs: this.#holdMs },
      'rate limiting on the insurance bucket (limit / replicas)',
    )
  }
}
