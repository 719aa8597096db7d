import { randomUUID } from 'node:crypto'
import type { RedisConnection } from '../redis/connection.js'
import {
  IDEMPOTENCY_REPLAY_MS,
  type IdempotencyClaim,
  type IdempotencyStore,
  type LeaseSettings,
  type StoredAnswer,
} from './idempotency.js'

/**
 * Idempotency records every replica sees: claimed, renewed, marked, completed and released by Lua scripts,
 * atomically, on Redis's clock. No fallback: a replica that cannot reach them must not decide a keyed write
 * alone (another replica may hold the same key), so their errors reach the caller as 503.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly lease: LeaseSettings,
  ) {}

  async begin(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const owner = randomUUID()
    const redisKey = this.redis.keys.idempotency(key)
    let answer: string[]
    try {
      answer = await this.redis.client.psagwIdempotencyBegin(
        redisKey,
        fingerprint,
        owner,
        this.lease.leaseMs,
        this.lease.settleMs,
        IDEMPOTENCY_REPLAY_MS,
      )
    } catch (error) {
      // The claim may still be made when a stalled Redis wakes up: released right behind it, on the same
      // connection, if it can be sent; otherwise its lease runs out unrenewed and the next repeat takes over.
      this.redis.client.psagwIdempotencyAbandon(redisKey, owner, '0').catch(() => {})
      throw error
    }
    const [kind, detail] = answer
    switch (kind) {
      case 'started':
        return detail === undefined
          ? { kind: 'started', owner }
          : { kind: 'started', owner, earlierWriteSentAt: Number(detail) }
      case 'done':
        return { kind: 'replay', answer: (JSON.parse(detail!) as { answer: StoredAnswer }).answer }
      case 'in-flight':
        return { kind: 'in-flight', retryAfterMs: Number(detail) }
      default:
        return { kind: 'mismatch' }
    }
  }

  async renew(key: string, owner: string): Promise<boolean> {
    const renewed = await this.redis.client.psagwIdempotencyRenew(
      this.redis.keys.idempotency(key),
      owner,
      this.lease.leaseMs,
    )
    return renewed === 1
  }

  async markSending(key: string, owner: string): Promise<boolean> {
    const marked = await this.redis.client.psagwIdempotencyMarkSending(
      this.redis.keys.idempotency(key),
      owner,
      this.lease.leaseMs,
    )
    return marked === 1
  }

  async complete(key: string, owner: string, fingerprint: string, answer: StoredAnswer): Promise<void> {
    const record = JSON.stringify({ state: 'done', fingerprint, answer })
    await this.redis.client.psagwIdempotencyComplete(
      this.redis.keys.idempotency(key),
      owner,
      record,
      IDEMPOTENCY_REPLAY_MS,
    )
  }

  async abandon(key: string, owner: string, mayHaveWritten: boolean): Promise<void> {
    await this.redis.client.psagwIdempotencyAbandon(
      this.redis.keys.idempotency(key),
      owner,
      mayHaveWritten ? '1' : '0',
    )
  }
}
