import { lateTurnToleranceMs, type BucketSpec, type RateLimiter } from '../../state/limiter/types.js'
import type { Turn } from '../admission.js'
import type { VendorHttpSettings } from '../settings.js'
import type { Dispatch, Exchange, SendAttempt } from './exchange.js'
import type { VendorCallObserver } from './observer.js'
import type { Pause } from './pause.js'
import type { TurnSource } from './turns.js'

/** How many times a call gives up a turn it was too late for before it goes anyway (and is counted). */
export const MAX_LATE_RETAKES = 3

interface LimiterOptions {
  limiter: RateLimiter
  bucket: BucketSpec
  /** The vendor bucket's turns, through the caller's share when it has one. */
  turns: TurnSource
  settings: Pick<VendorHttpSettings, 'rateLimitMaxWaitMs'>
  now: () => number
  pause: Pause
  observer: VendorCallObserver
}

/**
 * Each attempt waits for its turn at the shared rate limit, then the layers below make it ready (credentials, a
 * write's check). A turn it could not be ready in time for (a busy event loop, a slow token) is given up and
 * another taken, rather than send late and bunch up with the turns after it.
 */
export const limiterLayer =
  (options: LimiterOptions) =>
  (next: Dispatch): SendAttempt =>
  async (exchange) => {
    const { bucket, settings, now, observer } = options
    const tolerance = lateTurnToleranceMs(bucket)
    let maxWaitMs = queueMaxWaitMs(exchange, settings)
    for (let retakes = 0; ; retakes++) {
      const queuedAt = now()
      const turn = await takeTurn(options, exchange, maxWaitMs)
      exchange.limiterWaitMs += now() - queuedAt
      const notReady = await next.ready(exchange)
      if (notReady) return notReady
      if (now() - turn.dueAt <= tolerance || retakes >= MAX_LATE_RETAKES) return next.send(exchange)
      observer.lateTurn()
      maxWaitMs = 2 * settings.rateLimitMaxWaitMs
    }
  }

/**
 * How long an attempt may queue (for its turn, and for a slot where the vendor limits calls at once): a retry as
 * long as the retry layer says. A first attempt: newcomers up to rateLimitMaxWaitMs; twice that for a request
 * already under way (its earlier calls are spent: losing its later ones to newcomers wastes them), for the
 * breaker's probe (the connection's way back), and for a caller held to a share of the limit (it takes no
 * more than its share, and under a flood from others it still gets that).
 */
export function queueMaxWaitMs(
  { retryWaitMs, probe, context }: Exchange,
  { rateLimitMaxWaitMs }: Pick<VendorHttpSettings, 'rateLimitMaxWaitMs'>,
): number {
  if (retryWaitMs !== undefined) return retryWaitMs
  return probe || context.admission?.started || context.share ? 2 * rateLimitMaxWaitMs : rateLimitMaxWaitMs
}

/** A turn its request reserved ahead, else a new one (reserving the further turns the request expects); waited for. */
async function takeTurn(options: LimiterOptions, { context }: Exchange, maxWaitMs: number): Promise<Turn> {
  const { limiter, bucket, turns, now, pause } = options
  const { admission } = context
  let turn = turns.takeReserved(context)
  if (!turn) {
    const reservation = await turns.reserve(context, maxWaitMs, admission?.takeExpected() ?? 1)
    if (!reservation.granted) throw reservation.refusal
    turn = reservation.turns[0]!
  }
  admission?.markStarted()
  try {
    await pause(turn.dueAt - now(), context.signal)
  } catch (error) {
    // The caller left while queued: its turn goes to whoever asks next.
    if (turn.dueAt > now() && turn.limiterAt !== undefined)
      await limiter.release(bucket, [turn.limiterAt]).catch(() => {})
    throw error
  }
  return turn
}
