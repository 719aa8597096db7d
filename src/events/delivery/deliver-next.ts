import type { Dispatcher } from 'undici'
import type { ChangeEvent, EventType } from '../../canonical/event.js'
import type { DeliveryOutcome, Subscription } from '../../canonical/subscription.js'
import type { SubscriptionStore } from '../../state/subscriptions/subscription-store.js'
import { EventCursorExpired } from '../cursor-expired.js'
import type { EventLog, LogPosition } from '../types.js'
import { sendEvent } from './send.js'
import type { TargetPolicy } from './target-url.js'

/** What delivery needs, whichever runner (BullMQ or this process) drives it. */
export interface DeliveryDeps {
  log: EventLog
  store: SubscriptionStore
  dispatcher: Dispatcher
  policy: TargetPolicy
  /** Metrics: each attempt's outcome and duration. */
  onAttempt?: (outcome: DeliveryOutcome, seconds: number) => void
}

/** idle: nothing (more) to send, or the subscription is gone or disabled; the others: what the one attempt gave. */
export type StepResult = 'idle' | DeliveryOutcome

export const wants = (subscription: Subscription, event: Pick<ChangeEvent, 'connection' | 'type'>) =>
  subscription.enabled &&
  (subscription.connections?.includes(event.connection) ?? true) &&
  (subscription.types?.includes(event.type) ?? true)

/**
 * The next event after `after`; when the retention has dropped the events after it (a subscription disabled for
 * longer than the retention), the oldest kept: those dropped are lost to the receiver, the ones kept are not.
 */
async function readNext(
  deps: DeliveryDeps,
  connection: string,
  after: LogPosition | null,
  types?: EventType[],
) {
  try {
    return await deps.log.read(connection, after, { limit: 1, types })
  } catch (error) {
    if (!(error instanceof EventCursorExpired) || after === null) throw error
    return deps.log.read(connection, null, { limit: 1, types })
  }
}

/**
 * Sends the next event of `connection` after the subscription's position, and advances the position when the
 * receiver took it. Events logged before the subscription was made are passed over, not sent.
 */
export async function deliverNext(
  deps: DeliveryDeps,
  subscriptionId: string,
  connection: string,
): Promise<StepResult> {
  const subscription = await deps.store.get(subscriptionId)
  if (!subscription?.enabled || !(subscription.connections?.includes(connection) ?? true)) return 'idle'
  const types = subscription.types ?? undefined
  let position = (await deps.store.position(subscriptionId, connection)) ?? null
  for (;;) {
    const { events, next } = await readNext(deps, connection, position, types)
    const [logged] = events
    if (!logged) {
      // The types filter passed over events (a read scans a bounded number): the next read starts after them.
      if (next === null || next === position) return 'idle'
      position = next
      await deps.store.advance(subscriptionId, connection, position)
      continue
    }
    if (logged.event.detectedAt < subscription.createdAt) {
      position = logged.position
      await deps.store.advance(subscriptionId, connection, position)
      continue
    }
    const result = await sendEvent(subscription.url, subscription.secret, logged.event, deps)
    deps.onAttempt?.(result.outcome, result.durationMs / 1000)
    await deps.store.recordAttempt(subscriptionId, {
      eventId: logged.event.id,
      connection,
      attemptedAt: new Date().toISOString(),
      ...result,
    })
    if (result.outcome === 'delivered') await deps.store.advance(subscriptionId, connection, logged.position)
    if (result.outcome === 'gone')
      await deps.store.setEnabled(subscriptionId, false, 'the receiver answered 410 Gone')
    return result.outcome
  }
}

/** When the retry schedule is spent: the subscription stops until enabled again. */
export const disableAfterRetries = (store: SubscriptionStore, subscriptionId: string) =>
  store.setEnabled(subscriptionId, false, 'every retry of the schedule failed')
