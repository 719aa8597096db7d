import { randomUUID } from 'node:crypto'
import type { RedisConnection } from '../store/redis-connection.js'
import {
  IDEMPOTENCY_IN_FLIGHT_MS,
  IDEMPOTENCY_REPLAY_MS,
  type IdempotencyClaim,
  type IdempotencyStore,
  type StoredAnswer,
} from './idempotency.js'

/** Idempotency records every replica sees: claimed, completed and released by Lua scripts, atomically. */
export class RedisIdempotencyStore implements IdempotencyStore {
  constructor(private readonly redis: RedisConnection) {}

  async begin(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const owner = randomUUID()
    const claim = JSON.stringify({ state: 'in-flight', fingerprint, owner })
    const [kind, record] = await this.redis.client.psagwIdempotencyBegin(
      this.redis.keys.idempotency(key),
      fingerprint,
      claim,
      IDEMPOTENCY_IN_FLIGHT_MS,
    )
    switch (kind) {
      case 'started':
        return { kind: 'started', owner }
      case 'done':
        return { kind: 'replay', answer: (JSON.parse(record!) as { answer: StoredAnswer }).answer }
      case 'in-flight':
        return { kind: 'in-flight' }
      default:
        return { kind: 'mismatch' }
    }
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

  async abandon(key: string, owner: string): Promise<void> {
    await this.redis.client.psagwIdempotencyAbandon(this.redis.keys.idempotency(key), owner)
  }
}
