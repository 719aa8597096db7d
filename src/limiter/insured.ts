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
  log: FastifyBaseLogger
}

/** This replica's share of a bucket: limit, burst and refill divided by the replica count. */
export const insuranceBucket = (bucket: BucketSpec, replicas: number): BucketSpec => ({
  key: bucket.key,
  limit: bucket.limit / replicas,
  windowMs: bucket.windowMs,
  burst: bucket.burst / replicas,
})

/**
 * The shared limiter while the store answers; a local bucket of limit / replicas while it does not. The local
 * bucket starts empty when it takes over (the shared one may have spent this window already) and is dropped
 * when the store returns, so replicas together stay under the vendor limit across both switches.
 */
export class InsuredRateLimiter implements RateLimiter {
  #insurance: MemoryRateLimiter | null = null

  constructor(
    private readonly shared: RateLimiter,
    private readonly store: { readonly available: boolean },
    private readonly options: InsuranceOptions,
  ) {}

  async acquire(bucket: BucketSpec, maxWaitMs: number): Promise<Acquisition> {
    if (this.store.available) {
      try {
        const acquisition = await this.shared.acquire(bucket, maxWaitMs)
        this.#leaveInsurance()
        return acquisition
      } catch (error) {
        this.options.log.warn({ err: error }, 'shared rate limiter failed; using the insurance bucket')
      }
    }
    return this.#insuranceLimiter().acquire(insuranceBucket(bucket, this.options.replicas), maxWaitMs)
  }

  async block(bucket: BucketSpec, untilMs: number): Promise<void> {
    if (this.store.available) {
      try {
        await this.shared.block(bucket, untilMs)
        return
      } catch (error) {
        this.options.log.warn({ err: error }, 'shared rate limiter failed; blocking the insurance bucket')
      }
    }
    await this.#insuranceLimiter().block(insuranceBucket(bucket, this.options.replicas), untilMs)
  }

  #insuranceLimiter(): MemoryRateLimiter {
    if (this.options.whenStoreDown === 'deny') {
      throw vendorUnavailable(503, 'the shared rate limit store is unreachable, and this gateway refuses vendor calls without it')
    }
    if (!this.#insurance) {
      this.options.log.warn({ replicas: this.options.replicas }, 'rate limiting on the insurance bucket (limit / replicas)')
      this.#insurance = new MemoryRateLimiter({ startEmpty: true })
    }
    return this.#insurance
  }

  #leaveInsurance(): void {
    if (!this.#insurance) return
    this.options.log.info('rate limiting on the shared bucket again')
    this.#insurance = null
  }
}
