import { randomUUID } from 'node:crypto'
import type { RedisConnection } from '../redis/connection.js'
import { pollFor } from './poll.js'

/** A refresh may take this long before another replica may try. */
export const SHARED_LOCK_MS = 15_000

export interface SharedLockWork<T> {
  /** Runs under the lock (`SET NX PX`); released by compare-and-delete, so an expired holder frees nobody's lock. */
  work: () => Promise<T>
  /** What the lock holder produced, once it is there. */
  arrived: () => Promise<T | undefined>
  /** Without the lock: wait for the holder (true) or give up at once (false, a background refresh). */
  wait: boolean
}

/**
 * One replica does the work, the others wait for its result. When the holder gives up without a result
 * (its fetch failed), a waiter takes the lock itself.
 */
export async function underSharedLock<T>(
  redis: RedisConnection,
  lockKey: string,
  { work, arrived, wait }: SharedLockWork<T>,
): Promise<T | undefined> {
  const owner = randomUUID()
  for (let round = 0; round < 3; round++) {
    if (await redis.client.set(lockKey, owner, 'PX', SHARED_LOCK_MS, 'NX')) {
      try {
        // The previous holder may have finished between our read and our lock: use its result if it is there.
        return (await arrived()) ?? (await work())
      } finally {
        await redis.client.psagwDeleteIfEquals(lockKey, owner)
      }
    }
    if (!wait) return undefined
    const result = await pollFor<{ value: T } | { lockFreed: true }>(
      async () => {
        const value = await arrived()
        if (value !== undefined) return { value }
        // The holder gave up without a result (its fetch failed): stop waiting and try for the lock.
        return (await redis.client.exists(lockKey)) ? undefined : { lockFreed: true }
      },
      { timeoutMs: SHARED_LOCK_MS },
    )
    if (result && 'value' in result) return result.value
  }
  return undefined
}
