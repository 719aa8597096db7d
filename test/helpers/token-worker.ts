import { pino } from 'pino'
import { request } from 'undici'
import { RedisTokenCache } from '../../src/cache/redis-token-cache.js'
import { MemoryRateLimiter } from '../../src/limiter/memory.js'
import { RedisConnection } from '../../src/store/redis-connection.js'
import { bearerTokenAuth } from '../../src/vendor-http/auth.js'
import { VendorClient } from '../../src/vendor-http/client.js'
import { PoolRegistry } from '../../src/vendor-http/pools.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../src/vendor-http/settings.js'

/**
 * One replica's token handling, in its own process: a VendorClient with OAuth bearer tokens from the shared
 * Redis token cache, calling the test's vendor. The parent sends `{ calls: n }`; the worker answers with the
 * statuses of n concurrent calls.
 */
const { REDIS_URL, VENDOR_URL } = process.env as Record<string, string>
const log = pino({ level: 'silent' })
const redis = new RedisConnection({ redisUrl: REDIS_URL, keyPrefix: 'tokens:' }, log)
await redis.waitUntilReady(5_000)
const pools = new PoolRegistry(DEFAULT_VENDOR_HTTP_SETTINGS)

const fetchToken = async () => {
  const response = await request(`${VENDOR_URL}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=test&client_secret=test&scope=all',
  })
  const body = (await response.body.json()) as { access_token: string; expires_in: number }
  return { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 }
}

const client = new VendorClient({
  connectionId: 'token-test',
  vendor: 'tokenvendor',
  baseUrl: `${VENDOR_URL}/api`,
  pools,
  limiter: new MemoryRateLimiter(),
  bucket: { key: 'token-test', limit: 100_000, windowMs: 60_000, burst: 10_000 },
  auth: bearerTokenAuth(new RedisTokenCache(redis), 'token-test', fetchToken),
  describeError: () => ({ errors: [] }),
  settings: DEFAULT_VENDOR_HTTP_SETTINGS,
})

process.on('message', async (message: { calls?: number; stop?: boolean }) => {
  if (message.stop) {
    await pools.close()
    await redis.close()
    process.disconnect()
    return
  }
  const statuses = await Promise.all(
    Array.from({ length: message.calls ?? 0 }, () =>
      client.send({ method: 'GET', path: '/things' }, { log }).then(
        (answer) => answer.status,
        (error: { status?: number }) => error.status ?? 0,
      ),
    ),
  )
  process.send!({ statuses })
})
process.send!({ ready: true })
