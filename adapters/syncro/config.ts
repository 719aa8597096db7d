import { Type, type Static } from '@sinclair/typebox'
import { commonConnectionFields } from '../../src/connection-config.js'
import { bucketFor, type VendorRateLimitDefaults } from '../../src/state/limiter/bucket.js'
import type { BucketSpec } from '../../src/state/limiter/types.js'

export const SyncroConnectionConfig = Type.Object(
  {
    ...commonConnectionFields,
    vendor: Type.Literal('syncro'),
    apiKey: Type.String({ minLength: 1 }),
    /** `{subdomain}.syncromsp.com`; or give `baseUrl` (an emulator, a proxy). */
    subdomain: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' })),
    baseUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
    /**
     * Optional: the priority texts to use instead of the account's own list (`GET /settings` ->
     * `ticket.priorities`, read by default). Give them exactly as the account writes them ("0 Urgent"…).
     */
    priorities: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
  },
  { additionalProperties: false },
)
export type SyncroConnectionConfig = Static<typeof SyncroConnectionConfig>

/** 180 requests per minute per IP address: every Syncro connection of a deployment shares one egress IP. */
export const SYNCRO_RATE_LIMIT: VendorRateLimitDefaults = {
  limit: 180,
  windowMs: 60_000,
  scope: 'vendor',
  vendorKey: 'syncro:egress-ip',
}

export const syncroBucket = (config: SyncroConnectionConfig): BucketSpec =>
  bucketFor('syncro', config.id, SYNCRO_RATE_LIMIT, config.rateLimit)

export function syncroBaseUrl(config: SyncroConnectionConfig): string {
  if (config.baseUrl) return config.baseUrl.replace(/\/+$/, '')
  return `https://${config.subdomain}.syncromsp.com/api/v1`
}

/** Problems the schema cannot express; each names the field. */
export function syncroConfigProblems(config: SyncroConnectionConfig): string[] {
  return config.subdomain || config.baseUrl ? [] : ['subdomain: required unless baseUrl is given']
}

/**
 * SYNCRO_API_KEY + SYNCRO_SUBDOMAIN, the names Syncro's own guides use, configure connection `syncro`;
 * SYNCRO_BASE_URL may stand for the subdomain (a proxy, the sandbox run alone).
 */
export function syncroConnectionFromEnv(
  env: NodeJS.ProcessEnv,
): Array<{ source: string; connection: unknown }> {
  const { SYNCRO_API_KEY: apiKey, SYNCRO_SUBDOMAIN: subdomain, SYNCRO_BASE_URL: baseUrl } = env
  if (!apiKey && !subdomain && !baseUrl) return []
  const connection = {
    id: 'syncro',
    vendor: 'syncro',
    apiKey,
    subdomain: subdomain || undefined,
    baseUrl: baseUrl || undefined,
  }
  return [
    { source: 'environment variables SYNCRO_API_KEY and SYNCRO_SUBDOMAIN (or SYNCRO_BASE_URL)', connection },
  ]
}
