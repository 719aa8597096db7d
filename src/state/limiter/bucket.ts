import { createHash } from 'node:crypto'
import type { RateLimitOverride } from '../../connection-config.js'
import { defaultBurst, type BucketSpec } from './types.js'

export interface VendorRateLimitDefaults {
  limit: number
  windowMs: number
  scope: 'vendor' | 'connection'
  /** Bucket key when the scope is 'vendor'. */
  vendorKey: string
}

/**
 * The key of a vendor account's shared bucket (an API member, a tenant). It holds a hash of what names the
 * account, never the name itself: a key appears in Redis and could appear in a log line.
 */
export const accountBucketKey = (vendor: string, kind: string, account: string) =>
  `${vendor}:${kind}:${createHash('sha256').update(account).digest('hex').slice(0, 16)}`

export function bucketFor(
  vendor: string,
  connectionId: string,
  defaults: VendorRateLimitDefaults,
  override: RateLimitOverride | undefined,
): BucketSpec {
  const limit = override?.limit ?? defaults.limit
  const scope = override?.scope ?? defaults.scope
  return {
    key: scope === 'vendor' ? defaults.vendorKey : `${vendor}:connection:${connectionId}`,
    limit,
    windowMs: override?.windowMs ?? defaults.windowMs,
    // The burst must stay below the limit, or burst + refill could exceed the limit within one window.
    burst: Math.min(limit - 1, override?.burst ?? defaultBurst(limit)),
  }
}
