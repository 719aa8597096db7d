import { retryDecision, type AttemptOutcome } from '../retry.js'
import type { VendorHttpSettings } from '../settings.js'
import type { SendAttempt, SendCall } from './exchange.js'
import type { Pause } from './pause.js'
import type { AnswerStatus } from './breaker.js'

interface RetryOptions {
  settings: Pick<VendorHttpSettings, 'maxAttempts' | 'retryBudgetMs' | 'rateLimitMaxWaitMs'>
  now: () => number
  pause: Pause
  random?: () => number
  /** The status an answer stands for (the vendor's description of it may say another: breaker.ts). */
  statusOf?: AnswerStatus
}

/**
 * Attempts a call until `retryDecision` says stop. The retry budget starts when the first attempt leaves: its
 * wait in the queue has its own limit. A repeat with renewed credentials does not count as an attempt.
 */
export const retryLayer =
  (options: RetryOptions) =>
  (next: SendAttempt): SendCall =>
  async (exchange) => {
    const { settings, now, pause, statusOf = (status) => status } = options
    const decide = (attempt: number, outcome: AttemptOutcome, deadline: number) =>
      retryDecision({
        method: exchange.call.method,
        idempotent: exchange.call.idempotent,
        attempt,
        maxAttempts: settings.maxAttempts,
        outcome,
        remainingBudgetMs: deadline - now(),
        random: options.random,
      })
    let deadline = Infinity
    let vendorSaid429 = false
    let attempt = 1
    for (;;) {
      exchange.attempt = attempt
      // A retry may queue up to rateLimitMaxWaitMs; waiting out a vendor 429 may use the whole retry budget.
      const remainingBudget = Math.max(0, deadline - now())
      exchange.retryWaitMs =
        attempt === 1
          ? undefined
          : vendorSaid429
            ? remainingBudget
            : Math.min(settings.rateLimitMaxWaitMs, remainingBudget)
      const result = await next(exchange)
      if (attempt === 1 && exchange.sentAt !== undefined) deadline = exchange.sentAt + settings.retryBudgetMs
      switch (result.kind) {
        case 'renewed-credentials':
          continue
        case 'no-credentials':
          return result
        case 'transport': {
          const decision = decide(
            attempt,
            { kind: 'transport', reachedVendor: result.failure.reachedVendor },
            deadline,
          )
          if (!decision.retry) return result
          exchange.retryReasons.push(decision.reason)
          await pause(decision.waitMs, exchange.context.signal)
          break
        }
        case 'response': {
          if (result.status < 300) return result
          const status = statusOf(result.status, result.body)
          if (status === 429) vendorSaid429 = true
          const { retryAfterMs } = result
          const decision = decide(attempt, { kind: 'response', status, retryAfterMs }, deadline)
          if (!decision.retry) return result
          exchange.retryReasons.push(decision.reason)
          // After a 429 the blocked bucket holds every caller back; other statuses back off here.
          if (status !== 429) await pause(decision.waitMs, exchange.context.signal)
          break
        }
      }
      attempt += 1
    }
  }
