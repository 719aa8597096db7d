import type { RedisConnection } from '../redis/connection.js'
import { PAGE_REMAINDER_TTL_MS, type PageRemainders } from './page-remainders.js'

/** Remainders every replica can serve: the next page of a walk may reach another replica. */
export class RedisPageRemainders implements PageRemainders {
  constructor(private readonly redis: RedisConnection) {}

  async put(connection: string, token: string, remainder: string): Promise<void> {
    if (!this.redis.available) return
    await this.redis.client
      .set(this.redis.keys.pageRemainder(connection, token), remainder, 'PX', PAGE_REMAINDER_TTL_MS)
      .catch(() => {})
  }

  async get(connection: string, token: string): Promise<string | undefined> {
    if (!this.redis.available) return undefined
    const remainder = await this.redis.client
      .get(this.redis.keys.pageRemainder(connection, token))
      .catch(() => null)
    return remainder ?? undefined
  }
}
