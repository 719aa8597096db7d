import { rateLimited } from '../../errors.js'
import type { BucketSpec, RateLimiter } from '../../state/limiter/types.js'
import type { VendorHttpSettings } from '../settings.js'
import type { Pause } from './pause.js'
import { releaseAhead, turnsOf, turnsWithin, type TurnSource } from './turns.js'

/**
 * The caller's own bucket inside a vendor bucket: limit and burst scaled by its share, over the same window, so
 * that it refills at exactly that share of the vendor bucket's rate (a burst below one only delays a first call).
 */
export function shareOf(bucket: BucketSpec, share: { caller: string; fraction: number }): BucketSpec {
  return {
    // Braces would break the Redis Cluster hash tag the limiter builds from the key.
    key: `${bucket.key}|caller:${share.caller.replace(/[^\w.-]/g, '_')}`,
    limit: bucket.limit * share.fraction,
    windowMs: bucket.windowMs,
    burst: bucket.burst * share.fraction,
  }
}

/**
 * A caller held to a share of the vendor's rate limit takes its turns from its own bucket first, waited out (its
 * own queue, up to rateLimitMaxWaitMs), then from the vendor's: as many vendor turns as share turns.
 */
export const callerShareLayer =
  (options: {
    vendor: string
    limiter: RateLimiter
    bucket: BucketSpec
    settings: Pick<VendorHttpSettings, 'rateLimitMaxWaitMs'>
    now: () => number
    pause: Pause
  }) =>
  (next: TurnSource): TurnSource => {
    const { vendor, limiter, bucket, settings, now, pause } = options
    return {
      takeReserved(context) {
        const turn = next.takeReserved(context)
        // A reserved vendor turn came with a turn of the caller's share: that one is used with it.
        if (turn && context.share)
          context.admission?.takeReserved(shareOf(bucket, context.share).key, Infinity)
        return turn
      },
      async reserve(context, maxWaitMs, count) {
        const { share, admission } = context
        if (!share) return next.reserve(context, maxWaitMs, count)
        const shareBucket = shareOf(bucket, share)
        const shareWaitMs = context.shareWaitMs ?? Math.min(maxWaitMs, settings.rateLimitMaxWaitMs)
        const acquire = () =>
          limiter.acquire(shareBucket, shareWaitMs, Math.min(count, turnsWithin(shareBucket, shareWaitMs)))
        const giveUpAt = now() + (context.sharePatienceMs ?? 0)
        let granted = await acquire()
        // A patient caller asks again rather than fail, once its turn is within half the wait it may reserve: a share
        // with a turn every shareWaitMs or longer (a small one) would otherwise refuse each call of a sequence but the
        // first. The turn then comes when the refusal said (its wait is not served twice).
        while (!granted.granted && now() + granted.retryAfterMs <= giveUpAt) {
          await pause(granted.retryAfterMs - shareWaitMs / 2, context.signal)
          granted = await acquire()
        }
        if (!granted.granted) {
          // The event sources are the one caller with a share that is not an API key.
          const whose = context.purpose === 'events' ? "the change events'" : "this API key's"
          throw rateLimited(
            Math.ceil(granted.retryAfterMs / 1000),
            `${whose} share of the ${vendor} rate limit is used up for now`,
          )
        }
        const [first, ...later] = turnsOf(granted, now())
        await pause(first!.dueAt - now(), context.signal)
        const reservation = await next.reserve(context, maxWaitMs, 1 + later.length)
        if (!reservation.granted) {
          await releaseAhead(limiter, shareBucket, later, now())
          return reservation
        }
        // As many share turns as vendor turns: those beyond (the vendor gave fewer) go back.
        const vendorLater = reservation.turns.length - 1
        admission?.keep(shareBucket, limiter, later.slice(0, vendorLater))
        await releaseAhead(limiter, shareBucket, later.slice(vendorLater), now())
        return reservation
      },
    }
  }
