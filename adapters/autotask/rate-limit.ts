import { isRecord } from '../../src/vendor-http/answer.js'
import type { CallContext } from '../types.js'
import type { RateLimitHint } from '../../src/vendor-http/layers/limit-signals.js'

/**
 * Autotask's database takes 10,000 requests an hour from all its integrations together, adds 0.5 s to every call
 * from half of it and 1 s from three quarters, and refuses calls beyond it (the facts, §6). The gateway's bucket
 * keeps to its share (config.ts); what the other integrations use, only `GET /ThresholdInformation` tells:
 * `{externalRequestThreshold, requestThresholdTimeframe, currentTimeframeRequestCount}` (the facts, §6).
 */

/** An answer this slow may carry Autotask's added latency (0.5 s from half the threshold). */
export const SLOW_ANSWER_MS = 500
/** ThresholdInformation is read at most this often (it counts against the threshold too). */
export const THRESHOLD_READ_EVERY_MS = 60_000
/**
 * How long no call leaves when the database is past three quarters of its threshold, and when it is past all of
 * it. (Unsourced: chosen because past three quarters every call costs a second more anyway, and the rolling hour
 * frees requests only as old ones age out: a pause leaves the database's other integrations room.)
 */
export const NEAR_LIMIT_HOLD_MS = 10_000
export const OVER_LIMIT_HOLD_MS = 60_000

/** Until when no call should leave, from a ThresholdInformation answer; undefined to go on. */
export function holdUntil(body: unknown, now: number): number | undefined {
  if (!isRecord(body)) return undefined
  const threshold = body.externalRequestThreshold
  const count = body.currentTimeframeRequestCount
  if (typeof threshold !== 'number' || typeof count !== 'number' || threshold <= 0) return undefined
  const used = count / threshold
  if (used >= 1) return now + OVER_LIMIT_HOLD_MS
  if (used >= 0.75) return now + NEAR_LIMIT_HOLD_MS
  return undefined
}

export interface ThresholdWatch {
  /** GET /ThresholdInformation through the connection's client. */
  read: (ctx: CallContext) => Promise<unknown>
  /** Holds the connection's bucket (every replica's) until then. */
  hold: (untilMs: number) => Promise<void>
  now: () => number
}

/**
 * A slow answer is Autotask's signal that the database is past half its hour: the watch then reads
 * ThresholdInformation (once a minute at most, in the background) and holds the bucket when the database is near or
 * past its threshold.
 */
export function thresholdWatch({ read, hold, now }: ThresholdWatch): RateLimitHint {
  let lastReadAt = -Infinity
  let reading = false
  return (_headers, at, { answeredInMs, context }) => {
    if (answeredInMs < SLOW_ANSWER_MS || reading || at - lastReadAt < THRESHOLD_READ_EVERY_MS)
      return undefined
    reading = true
    lastReadAt = at
    // Its own context: the read must not take the call's reserved turns, nor stop when the call's caller leaves.
    void read({ log: context.log })
      .then(async (body) => {
        const until = holdUntil(body, now())
        if (until !== undefined) await hold(until)
      })
      .catch((error: unknown) =>
        context.log.warn({ err: error }, 'autotask ThresholdInformation read failed'),
      )
      .finally(() => {
        reading = false
      })
    return undefined
  }
}
