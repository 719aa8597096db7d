import type { IncomingHttpHeaders } from 'node:http'
import type { BucketSpec, RateLimiter } from '../../state/limiter/types.js'
import type { VendorCallContext } from '../call.js'
import { parseRetryAfter } from '../retry.js'
import type { AnswerStatus } from './breaker.js'
import type { Layer } from './exchange.js'

/**
 * Reads a vendor's rate-limit headers (and how long it took to answer: a vendor may slow down calls as its quota
 * runs low); returns when the quota is back if it is spent, else undefined. `context` is the call's, for a hint that
 * asks the vendor more (its own calls must not take the call's turns or signal).
 */
export type RateLimitHint = (
  headers: IncomingHttpHeaders,
  now: number,
  answer: { answeredInMs: number; context: VendorCallContext },
) => number | undefined

/**
 * What a vendor answer says about its rate limit. A spent quota (the vendor's hint) or a 429 blocks the bucket
 * for every caller, until the quota is back or Retry-After (1 s without one); the answer carries its Retry-After
 * up to the retry decision.
 */
export const limitSignalsLayer =
  (options: {
    limiter: RateLimiter
    bucket: BucketSpec
    rateLimitHint?: RateLimitHint
    now: () => number
    /** The status an answer stands for (a vendor's own limit answered 500: Autotask's thread limit). */
    statusOf?: AnswerStatus
  }): Layer =>
  (next) => {
    const { limiter, bucket, rateLimitHint, now, statusOf = (status) => status } = options
    /** No call leaves before `untilMs`, and this request's turns before then are void. */
    const block = async (context: VendorCallContext, untilMs: number) => {
      await limiter.block(bucket, untilMs)
      context.admission?.dropBefore(bucket.key, untilMs)
    }
    return {
      ready: next.ready,
      async send(exchange) {
        const result = await next.send(exchange)
        if (result.kind !== 'response') return result
        const answeredInMs = exchange.sentAt === undefined ? 0 : now() - exchange.sentAt
        const until = rateLimitHint?.(result.headers, now(), { answeredInMs, context: exchange.context })
        if (until !== undefined) await block(exchange.context, until)
        if (result.status < 300) return result
        const retryAfterMs = parseRetryAfter(result.headers['retry-after'], now())
        if (statusOf(result.status, result.body) === 429)
          await block(exchange.context, now() + (retryAfterMs ?? 1000))
        return { ...result, retryAfterMs }
      },
    }
  }
