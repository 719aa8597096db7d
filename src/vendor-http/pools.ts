import { createHash } from 'node:crypto'
import { Pool } from 'undici'
import type { VendorHttpSettings } from './settings.js'

const MAX_RESPONSE_BYTES = 32 * 1024 * 1024

/** TLS trust for a vendor origin: an on-premise host signed by a private CA brings its own bundle (PEM). */
export interface VendorTls {
  ca?: string
}

/** One keep-alive undici Pool per vendor origin (and trust), shared by every connection to it. */
export class PoolRegistry {
  readonly #pools = new Map<string, Pool>()

  constructor(private readonly settings: Pick<VendorHttpSettings, 'connectTimeoutMs' | 'requestTimeoutMs'>) {}

  get(origin: string, tls: VendorTls = {}): Pool {
    const key = tls.ca ? `${origin} ${createHash('sha256').update(tls.ca).digest('hex')}` : origin
    let pool = this.#pools.get(key)
    if (!pool) {
      pool = new Pool(origin, {
        ...(tls.ca ? { connect: { ca: tls.ca } } : {}),
        connections: 32,
        connectTimeout: this.settings.connectTimeoutMs,
        headersTimeout: this.settings.requestTimeoutMs,
        bodyTimeout: this.settings.requestTimeoutMs,
        keepAliveTimeout: 10_000,
        maxResponseSize: MAX_RESPONSE_BYTES,
      })
      this.#pools.set(key, pool)
    }
    return pool
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()]
    this.#pools.clear()
    await Promise.all(pools.map((pool) => pool.close()))
  }
}
