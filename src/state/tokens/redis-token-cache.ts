import type { RedisConnection } from '../redis/connection.js'
import { RefreshThrottle } from '../concurrency/refresh-throttle.js'
import { underSharedLock } from '../concurrency/shared-lock.js'
import { SingleFlight } from '../concurrency/single-flight.js'
import { refreshAt, type AccessToken, type TokenCache } from './token-cache.js'

interface StoredToken extends AccessToken {
  refreshAt: number
}

/**
 * One token per connection for every replica. A replica that needs a token takes the refresh lock
 * (`SET NX PX`), fetches, stores and releases it; the others wait for the token to appear. In a process,
 * concurrent callers share one such attempt.
 */
export class RedisTokenCache implements TokenCache {
  readonly #flight = new SingleFlight<AccessToken>()

  readonly #now: () => number
  readonly #throttle: RefreshThrottle
  readonly #onRefreshError: (error: unknown) => void

  constructor(
    private readonly redis: RedisConnection,
    options: { onRefreshError?: (error: unknown) => void; now?: () => number } = {},
  ) {
    this.#onRefreshError = options.onRefreshError ?? (() => {})
    this.#now = options.now ?? Date.now
    this.#throttle = new RefreshThrottle(this.#now)
  }

  async get(connection: string, fetchToken: () => Promise<AccessToken>): Promise<AccessToken> {
    const cached = await this.#read(connection)
    const now = this.#now()
    if (cached && now < cached.refreshAt) return cached
    if (cached && now < cached.expiresAt) {
      if (this.#throttle.allows(connection))
        this.#refresh(connection, fetchToken, false).catch(this.#onRefreshError)
      return cached
    }
    return this.#flight.run(connection, async () => {
      const token = await this.#refresh(connection, fetchToken, true)
      if (!token) throw new Error(`no token for connection '${connection}' arrived in time`)
      return token
    })
  }

  async invalidate(connection: string, rejectedValue: string): Promise<void> {
    await this.redis.client.psagwDeleteTokenIf(this.redis.keys.token(connection), rejectedValue)
  }

  /** Refreshes under the shared lock; without it, waits for the holder's token (when `wait`). */
  #refresh(
    connection: string,
    fetchToken: () => Promise<AccessToken>,
    wait: boolean,
  ): Promise<AccessToken | undefined> {
    return underSharedLock(this.redis, this.redis.keys.tokenLock(connection), {
      wait,
      work: async () => {
        const obtainedAt = this.#now()
        const token = await fetchToken()
        const stored: StoredToken = { ...token, refreshAt: refreshAt(token, obtainedAt) }
        const ttl = Math.max(1, Math.floor(token.expiresAt - this.#now()))
        await this.redis.client.set(this.redis.keys.token(connection), JSON.stringify(stored), 'PX', ttl)
        return token
      },
      arrived: async () => {
        const token = await this.#read(connection)
        // Fresh, not just unexpired: a refresh ahead of expiry must not settle for the token it replaces.
        return token && this.#now() < token.refreshAt ? token : undefined
      },
    })
  }

  async #read(connection: string): Promise<StoredToken | undefined> {
    const raw = await this.redis.client.get(this.redis.keys.token(connection))
    return raw ? (JSON.parse(raw) as StoredToken) : undefined
  }
}
