import type { DeliveryAttempt } from '../../canonical/subscription.js'
import { GatewayError } from '../../errors.js'
import type { RedisConnection } from '../redis/connection.js'
import { MAX_KEPT_ATTEMPTS, type StoredSubscription, type SubscriptionStore } from './subscription-store.js'

const STORE_RETRY_AFTER_SECONDS = 5

/** Subscriptions live in Redis only: one replica's memory would deliver to a receiver the others do not know. */
async function shared<T>(command: Promise<T>): Promise<T> {
  try {
    return await command
  } catch {
    throw new GatewayError(503, 'store_unavailable', "the gateway's shared subscriptions are unreachable", {
      retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
    })
  }
}

/** Every replica's subscriptions: a hash of records, and per subscription a hash of positions and a capped list. */
export class RedisSubscriptionStore implements SubscriptionStore {
  constructor(private readonly redis: RedisConnection) {}

  get #client() {
    return this.redis.client
  }

  get #keys() {
    return this.redis.keys
  }

  async create(subscription: StoredSubscription): Promise<void> {
    await shared(this.#client.hset(this.#keys.subscriptions(), subscription.id, JSON.stringify(subscription)))
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    const record = await shared(this.#client.hget(this.#keys.subscriptions(), id))
    return record === null ? undefined : (JSON.parse(record) as StoredSubscription)
  }

  async list(): Promise<StoredSubscription[]> {
    const records = await shared(this.#client.hvals(this.#keys.subscriptions()))
    return records
      .map((record) => JSON.parse(record) as StoredSubscription)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  }

  async delete(id: string): Promise<boolean> {
    const [[, removed] = []] =
      (await shared(
        this.#client
          .multi()
          .hdel(this.#keys.subscriptions(), id)
          .del(this.#keys.subscriptionPositions(id), this.#keys.subscriptionAttempts(id))
          .exec(),
      )) ?? []
    return removed === 1
  }

  async setEnabled(
    id: string,
    enabled: boolean,
    reason: string | null,
  ): Promise<StoredSubscription | undefined> {
    const subscription = await this.get(id)
    if (!subscription) return undefined
    const updated = { ...subscription, enabled, disabledReason: enabled ? null : reason }
    await this.create(updated)
    return updated
  }

  async position(id: string, connection: string): Promise<string | undefined> {
    return (await shared(this.#client.hget(this.#keys.subscriptionPositions(id), connection))) ?? undefined
  }

  async advance(id: string, connection: string, position: string): Promise<void> {
    await shared(this.#client.hset(this.#keys.subscriptionPositions(id), connection, position))
  }

  async recordAttempt(id: string, attempt: DeliveryAttempt): Promise<void> {
    const key = this.#keys.subscriptionAttempts(id)
    await shared(
      this.#client
        .multi()
        .lpush(key, JSON.stringify(attempt))
        .ltrim(key, 0, MAX_KEPT_ATTEMPTS - 1)
        .exec(),
    )
  }

  async attempts(id: string): Promise<DeliveryAttempt[]> {
    const records = await shared(this.#client.lrange(this.#keys.subscriptionAttempts(id), 0, -1))
    return records.map((record) => JSON.parse(record) as DeliveryAttempt)
  }
}
