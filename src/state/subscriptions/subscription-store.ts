import type { DeliveryAttempt, Subscription } from '../../canonical/subscription.js'

/** A subscription as kept: what the API shows, its signing secret, and where its delivery is in each log. */
export interface StoredSubscription extends Subscription {
  secret: string
}

/** The most recent delivery attempts kept per subscription (GET /v1/subscriptions/{id}/deliveries). */
export const MAX_KEPT_ATTEMPTS = 50

/**
 * Event subscriptions and their delivery state, shared by every replica (docs/events.md). A position is the event
 * log's own (an opaque LogPosition): the last event of that connection delivered, or absent before the first.
 */
export interface SubscriptionStore {
  create(subscription: StoredSubscription): Promise<void>
  get(id: string): Promise<StoredSubscription | undefined>
  list(): Promise<StoredSubscription[]>
  /** False when there was none. */
  delete(id: string): Promise<boolean>
  /** Enables (reason null) or disables it; the subscription as it is now, or undefined when there is none. */
  setEnabled(id: string, enabled: boolean, reason: string | null): Promise<StoredSubscription | undefined>
  position(id: string, connection: string): Promise<string | undefined>
  advance(id: string, connection: string, position: string): Promise<void>
  /** Keeps the attempt among the MAX_KEPT_ATTEMPTS most recent. */
  recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void>
  /** The most recent attempts, newest first. */
  attempts(id: string): Promise<DeliveryAttempt[]>
}

export class MemorySubscriptionStore implements SubscriptionStore {
  readonly #subscriptions = new Map<string, StoredSubscription>()
  readonly #positions = new Map<string, Map<string, string>>()
  readonly #attempts = new Map<string, DeliveryAttempt[]>()

  async create(subscription: StoredSubscription): Promise<void> {
    this.#subscriptions.set(subscription.id, structuredClone(subscription))
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    const subscription = this.#subscriptions.get(id)
    return subscription && structuredClone(subscription)
  }

  async list(): Promise<StoredSubscription[]> {
    return [...this.#subscriptions.values()].map((subscription) => structuredClone(subscription))
  }

  async delete(id: string): Promise<boolean> {
    this.#positions.delete(id)
    this.#attempts.delete(id)
    return this.#subscriptions.delete(id)
  }

  async setEnabled(
    id: string,
    enabled: boolean,
    reason: string | null,
  ): Promise<StoredSubscription | undefined> {
    const subscription = this.#subscriptions.get(id)
    if (!subscription) return undefined
    Object.assign(subscription, { enabled, disabledReason: enabled ? null : reason })
    return structuredClone(subscription)
  }

  async position(id: string, connection: string): Promise<string | undefined> {
    return this.#positions.get(id)?.get(connection)
  }

  async advance(id: string, connection: string, position: string): Promise<void> {
    if (!this.#subscriptions.has(id)) return
    const positions = this.#positions.get(id) ?? new Map<string, string>()
    this.#positions.set(id, positions.set(connection, position))
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    if (!this.#subscriptions.has(id)) return
    const attempts = [attempt, ...(this.#attempts.get(id) ?? [])]
    this.#attempts.set(id, attempts.slice(0, MAX_KEPT_ATTEMPTS))
  }

  async attempts(id: string): Promise<DeliveryAttempt[]> {
    return [...(this.#attempts.get(id) ?? [])]
  }
}
