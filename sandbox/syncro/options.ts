import { randomBytes } from 'node:crypto'
import { isHttpUrl } from '../shared/urls.js'
import { checkActivityOptions, type ActivityOptions } from '../shared/activity.js'
import type { PageSizes } from './http-types.js'

export interface SyncroEmulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** Accepted API keys; default one random key (never a fixed secret). */
  apiKeys?: string[]
  /** Default 180 per 60 000 ms (the vendor's documented limit), Retry-After 30. */
  rateLimit?: { limit: number; windowMs: number; retryAfterSeconds?: number }
  /** Defaults 25, 100, 25, 50. Set by the vendor per resource: clients cannot change them. */
  pageSizes?: { tickets?: number; customers?: number; assets?: number; contacts?: number }
  /** Seed data PRNG seed (the activity's too); default 1. */
  seed?: number
  /**
   * Where Syncro's webhooks go: stands for the URL an admin enters in Syncro's UI (there is no API for it).
   * Default none: no webhook is sent.
   */
  webhookUrl?: string
  /** How long one webhook POST may take; default 10 000 ms. */
  webhookTimeoutMs?: number
  /** Records change on their own every `everyMs` (see `activity` on the emulator); default none. */
  activity?: ActivityOptions
}

export interface ResolvedSyncroOptions {
  host: string
  port: number
  apiKeys: string[]
  rateLimit: { limit: number; windowMs: number; retryAfterSeconds: number }
  pageSizes: PageSizes
  seed: number
  webhookUrl: string | undefined
  webhookTimeoutMs: number
  activity: ActivityOptions | undefined
}

export function resolveSyncroOptions(options: SyncroEmulatorOptions = {}): ResolvedSyncroOptions {
  const apiKeys = options.apiKeys ?? [randomBytes(24).toString('hex')]
  if (apiKeys.length === 0 || apiKeys.some((key) => typeof key !== 'string' || key.trim() === '')) {
    throw new TypeError('Syncro emulator apiKeys must be non-empty strings')
  }
  const resolved: ResolvedSyncroOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    apiKeys: [...apiKeys],
    rateLimit: {
      limit: options.rateLimit?.limit ?? 180,
      windowMs: options.rateLimit?.windowMs ?? 60_000,
      retryAfterSeconds: options.rateLimit?.retryAfterSeconds ?? 30,
    },
    pageSizes: {
      tickets: options.pageSizes?.tickets ?? 25,
      customers: options.pageSizes?.customers ?? 100,
      assets: options.pageSizes?.assets ?? 25,
      // The spec's /contacts example answers `per_page: 50` (its parameter text says 25; the example is an answer).
      contacts: options.pageSizes?.contacts ?? 50,
    },
    seed: options.seed ?? 1,
    webhookUrl: options.webhookUrl,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    activity: checkActivityOptions(options.activity),
  }
  requirePositiveInteger('rateLimit.limit', resolved.rateLimit.limit)
  requirePositiveInteger('rateLimit.windowMs', resolved.rateLimit.windowMs)
  requirePositiveInteger('rateLimit.retryAfterSeconds', resolved.rateLimit.retryAfterSeconds, 0)
  for (const [name, size] of Object.entries(resolved.pageSizes))
    requirePositiveInteger(`pageSizes.${name}`, size)
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new RangeError(`Syncro emulator port must be 0-65535, got ${resolved.port}`)
  }
  if (!Number.isInteger(resolved.seed)) throw new RangeError(`Syncro emulator seed must be an integer`)
  if (resolved.webhookUrl !== undefined && !isHttpUrl(resolved.webhookUrl))
    throw new RangeError(`Syncro emulator webhookUrl must be an http(s) URL, got '${resolved.webhookUrl}'`)
  requirePositiveInteger('webhookTimeoutMs', resolved.webhookTimeoutMs)
  return resolved
}

function requirePositiveInteger(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`Syncro emulator ${name} must be an integer >= ${min}, got ${value}`)
  }
}
