import { Pool } from 'undici'
import type { VendorHttpSettings } from './settings.js'

const MAX_RESPONSE_BYTES = 32 * 1024 * 1024

/** One keep-alive undici Pool per vendor origin, shared by every connection to that origin. */
export class PoolRegistry {
  readonly #pools = new Map<string, Pool>()

  constructor(private readonly settings: Pick<VendorHttpSettings, 'connectTimeoutMs' | 'requestTimeoutMs'>) {}

  get(origin: string): Pool {
    let pool = this.#pools.get(origin)
    if (!pool) {
      pool = new Pool(origin, {
        connections: 32,
        connectTimeout: this.settings.connectTimeoutMs,
        headersTimeout: this.settings.requestTimeoutMs,
        bodyTimeout: this.settings.requestTimeoutMs,
        keepAliveTimeout: 10_000,
        maxResponseSize: MAX_RESPONSE_BYTES,
      })
      this.#pools.set(origin, pool)
    }
    return pool
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()]
    this.#pools.clear()
    await Promise.all(pools.map((pool) => pool.close()))
  }
}
