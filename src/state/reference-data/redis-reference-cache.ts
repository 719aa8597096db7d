import type { RedisConnection } from '../redis/connection.js'
import {
  DEFAULT_REFERENCE_FRESH_MS,
  DEFAULT_REFERENCE_STALE_MS,
  type ReferenceCache,
} from './reference-cache.js'
import { RefreshThrottle } from '../concurrency/refresh-throttle.js'
import { underSharedLock } from '../concurrency/shared-lock.js'
import { SingleFlight } from '../concurrency/single-flight.js'

interface Entry {
  value: unknown
  storedAt: number
}

export interface RedisReferenceCacheOptions {
  freshMs?: number
  staleMs?: number
  /** How long a replica answers from its own memory before reading Redis again. */
  localMs?: number
  onRefreshError?: (error: unknown) => void
  now?: () => number
}

const DEFAULT_LOCAL_MS = 2_000

/**
 * Reference data shared by every replica: fresh for `freshMs`, then served stale (up to `staleMs`) while one
 * replica refreshes it under a lock. A short in-process copy (`localMs`) spares Redis a read per request.
 */
export class RedisReferenceCache implements ReferenceCache {
  readonly #local = new Map<string, { value: unknown; until: number }>()
  readonly #flight = new SingleFlight<unknown>()
  readonly #freshMs: number
  readonly #staleMs: number
  readonly #localMs: number
  readonly #onRefreshError: (error: unknown) => void
  readonly #now: () => number
  readonly #throttle: RefreshThrottle

  constructor(
    private readonly redis: RedisConnection,
    options: RedisReferenceCacheOptions = {},
  ) {
    this.#freshMs = options.freshMs ?? DEFAULT_REFERENCE_FRESH_MS
    this.#staleMs = options.staleMs ?? DEFAULT_REFERENCE_STALE_MS
    this.#localMs = Math.min(options.localMs ?? DEFAULT_LOCAL_MS, this.#freshMs)
    this.#onRefreshError = options.onRefreshError ?? (() => {})
    this.#now = options.now ?? Date.now
    this.#throttle = new RefreshThrottle(this.#now)
  }

  async get<T>(connection: string, name: string, load: () => Promise<T>): Promise<T> {
    const key = this.redis.keys.reference(connection, name)
    const local = this.#local.get(key)
    if (local && this.#now() < local.until) return local.value as T
    const value = await this.#flight.run(key, async () => {
      const entry = await this.#read(key)
      const age = entry ? this.#now() - entry.storedAt : Infinity
      if (entry && age < this.#freshMs) return this.#remember(key, entry)
      if (entry && age < this.#staleMs) {
        if (this.#throttle.allows(key))
          this.#refresh(connection, name, load, false).catch(this.#onRefreshError)
        return entry.value
      }
      const loaded = await this.#refresh(connection, name, load, true)
      if (!loaded) throw new Error(`reference data '${name}' of '${connection}' did not arrive in time`)
      return this.#remember(key, loaded)
    })
    return value as T
  }

  #remember(key: string, entry: Entry): unknown {
    const freshUntil = entry.storedAt + this.#freshMs
    this.#local.set(key, { value: entry.value, until: Math.min(this.#now() + this.#localMs, freshUntil) })
    return entry.value
  }

  /** Loads under the shared lock; without it, waits for the holder's entry (when `wait`). */
  #refresh(
    connection: string,
    name: string,
    load: () => Promise<unknown>,
    wait: boolean,
  ): Promise<Entry | undefined> {
    const key = this.redis.keys.reference(connection, name)
    return underSharedLock(this.redis, this.redis.keys.referenceLock(connection, name), {
      wait,
      work: async () => {
        const entry: Entry = { value: await load(), storedAt: this.#now() }
        await this.redis.client.set(key, JSON.stringify(entry), 'PX', this.#staleMs)
        return entry
      },
      arrived: async () => {
        const entry = await this.#read(key)
        return entry && this.#now() - entry.storedAt < this.#freshMs ? entry : undefined
      },
    })
  }

  async #read(key: string): Promise<Entry | undefined> {
    const raw = await this.redis.client.get(key)
    return raw ? (JSON.parse(raw) as Entry) : undefined
  }
}
