import { rateLimited, type GatewayError } from '../../errors.js'
import {
  lateTurnToleranceMs,
  refillPerMs,
  type Acquisition,
  type BucketSpec,
  type RateLimiter,
} from '../../state/limiter/types.js'
import type { Turn } from '../admission.js'
import type { VendorCallContext } from '../call.js'
import type { VendorCallObserver } from './observer.js'

export type Reservation = { granted: true; turns: Turn[] } | { granted: false; refusal: GatewayError }

/** Where a call gets its turns at the rate limit; the caller share layer wraps the vendor bucket's. */
export interface TurnSource {
  /** A turn the call's request reserved ahead and can still use, if it has one. */
  takeReserved(context: VendorCallContext): Turn | undefined
  /**
   * `count` new turns at most, taken together or refused together (a request is admitted as a unit), the last
   * no more than `maxWaitMs` away. Granted: all of them, earliest first; the request keeps all but the first.
   */
  reserve(context: VendorCallContext, maxWaitMs: number, count: number): Promise<Reservation>
}

/** The turns of a grant, on this process's clock and (to give them back) the limiter's. */
export function turnsOf(grant: Extract<Acquisition, { granted: true }>, now: number): Turn[] {
  return [grant.waitMs, ...(grant.laterWaitsMs ?? [])].map((wait) => ({
    dueAt: now + wait,
    ...(grant.issuedAt === undefined ? {} : { limiterAt: grant.issuedAt + wait }),
  }))
}

/** How many turns even an idle bucket can give within `waitMs`: its burst, and what it refills meanwhile. */
export const turnsWithin = (bucket: BucketSpec, waitMs: number) =>
  Math.max(1, Math.floor(bucket.burst + waitMs * refillPerMs(bucket)))

/** Gives back the turns still ahead. */
export async function releaseAhead(limiter: RateLimiter, bucket: BucketSpec, turns: Turn[], now: number) {
  const ahead = turns.flatMap((turn) =>
    turn.dueAt > now && turn.limiterAt !== undefined ? [turn.limiterAt] : [],
  )
  if (ahead.length > 0) await limiter.release(bucket, ahead).catch(() => {})
}

/**
 * The vendor bucket's turns, at the shared limiter. Never more at once than even an idle bucket could give
 * within the wait: the others are then taken as they come.
 */
export function bucketTurns(options: {
  vendor: string
  limiter: RateLimiter
  bucket: BucketSpec
  now: () => number
  observer: VendorCallObserver
}): TurnSource {
  const { vendor, limiter, bucket, now, observer } = options
  return {
    takeReserved: ({ admission }) => admission?.takeReserved(bucket.key, lateTurnToleranceMs(bucket)),
    async reserve({ admission }, maxWaitMs, count) {
      const grant = await limiter.acquire(bucket, maxWaitMs, Math.min(count, turnsWithin(bucket, maxWaitMs)))
      if (!grant.granted) {
        observer.turnRefused()
        const refusal = rateLimited(
          Math.ceil(grant.retryAfterMs / 1000),
          `the ${vendor} rate limit is reached; more calls are queued than can be served in time`,
        )
        return { granted: false, refusal }
      }
      observer.turnGranted(grant.waitMs)
      const turns = turnsOf(grant, now())
      admission?.keep(bucket, limiter, turns.slice(1))
      return { granted: true, turns }
    },
  }
}
