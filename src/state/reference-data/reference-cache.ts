import { RefreshThrottle } from '../concurrency/refresh-throttle.js'
import { SingleFlight } from '../concurrency/single-flight.js'

/**
 * Reference data (statuses, priorities, types, boards) per connection. Fresh for `freshMs`; after that the
 * stale value is still served, up to `staleMs`, while one refresh runs in the background.
 */
export interface ReferenceCache {
  /** `name` is what the data is (`ticket-settings`, `statuses`...) for that connection. */
  get<T>(connection: string, name: string, load: () => Promise<T>): Promise<T>
}

export interface ReferenceCacheOptions {
  freshMs?: number
  staleMs?: number
  now?: () => number
  onRefreshError?: (error: unknown) => void
}

export const DEFAULT_REFERENCE_FRESH_MS = 10 * 60_000
export const DEFAULT_REFERENCE_STALE_MS = 24 * 60 * 60_000

interface Entry {
  value: unknown
  storedAt: number
}

export class MemoryReferenceCache implements ReferenceCache {
  readonly #entries = new Map<string, Entry>()
  readonly #flight = new SingleFlight<unknown>()
  readonly #freshMs: number
  readonly #staleMs: number
  readonly #now: () => number
  readonly #onRefreshError: (error: unknown) => void
  readonly #throttle: RefreshThrottle

  constructor(options: ReferenceCacheOptions = {}) {
    this.#freshMs = options.freshMs ?? DEFAULT_REFERENCE_FRESH_MS
    this.#staleMs = options.staleMs ?? DEFAULT_REFERENCE_STALE_MS
    this.#now = options.now ?? Date.now
    this.#onRefreshError = options.onRefreshError ?? (() => {})
    this.#throttle = new RefreshThrottle(this.#now)
  }

  async get<T>(connection: string, name: string, load: () => Promise<T>): Promise<T> {
    const key = `${connection}\0${name}`
    const entry = this.#entries.get(key)
    const age = entry ? this.#now() - entry.storedAt : Infinity
    if (entry && age < this.#freshMs) return entry.value as T
    if (entry && age < this.#staleMs) {
      if (this.#throttle.allows(key)) this.#load(key, load).catch(this.#onRefreshError)
      return entry.value as T
    }
    return (await this.#load(key, load)) as T
  }

  #load(key: string, load: () => Promise<unknown>): Promise<unknown> {
    return this.#flight.run(key, async () => {
      const value = await load()
      this.#entries.set(key, { value, storedAt: this.#now() })
      return value
    })
  }
}
