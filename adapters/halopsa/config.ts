import { Type, type Static } from '@sinclair/typebox'
import { commonConnectionFields } from '../../src/connection-config.js'
import { accountBucketKey, bucketFor, type VendorRateLimitDefaults } from '../../src/state/limiter/bucket.js'
import type { BucketSpec } from '../../src/state/limiter/types.js'

export const HaloConnectionConfig = Type.Object(
  {
    ...commonConnectionFields,
    vendor: Type.Literal('halopsa'),
    /** The instance, e.g. `https://acme.halopsa.com`: the authorisation server is `/auth`, the API `/api`. */
    baseUrl: Type.String({ pattern: '^https?://[^\\s/]+(/[^\\s]*)?$' }),
    /** Hosted instances only: the tenant, sent to the token endpoint as `tenantIn` says. */
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /**
     * How the token request names the tenant, as Halo takes it: `query` (`?tenant=`, Halo's guide; the default),
     * `form` (a `tenant` form field) or `host` (none sent: the host `{tenant}.halopsa.com` names it).
     */
    tenantIn: Type.Optional(
      Type.Union([Type.Literal('query'), Type.Literal('form'), Type.Literal('host')], { default: 'query' }),
    ),
    clientId: Type.String({ minLength: 1 }),
    clientSecret: Type.String({ minLength: 1 }),
    /** OAuth scopes, space separated; default `all`. */
    scope: Type.Optional(Type.String({ pattern: '^[a-z:_ ]+$' })),
  },
  { additionalProperties: false },
)
export type HaloConnectionConfig = Static<typeof HaloConnectionConfig>

export const haloOrigin = (config: HaloConnectionConfig) => config.baseUrl.replace(/\/+$/, '')

/** Hosted tenants report different limits: 300 per rolling 5 minutes per tenant by default, configurable. */
export function haloBucket(config: HaloConnectionConfig): BucketSpec {
  const tenant = `${haloOrigin(config).toLowerCase()} ${config.tenant?.toLowerCase() ?? ''}`
  const defaults: VendorRateLimitDefaults = {
    limit: 300,
    windowMs: 300_000,
    scope: 'vendor',
    vendorKey: accountBucketKey('halopsa', 'tenant', tenant),
  }
  return bucketFor('halopsa', config.id, defaults, config.rateLimit)
}

export const haloConfigProblems = (): string[] => []

/**
 * HALOPSA_CLIENT_ID/CLIENT_SECRET/BASE_URL/TENANT, the names HaloPSA's guides use, configure connection
 * `halopsa`; HALOPSA_SCOPE and HALOPSA_TENANT_IN (`query`, `form` or `host`) are optional.
 */
export function haloConnectionFromEnv(
  env: NodeJS.ProcessEnv,
): Array<{ source: string; connection: unknown }> {
  const value = (name: string) => env[`HALOPSA_${name}`] || undefined
  if (!['CLIENT_ID', 'CLIENT_SECRET', 'BASE_URL', 'TENANT'].some((name) => value(name))) return []
  const connection = {
    id: 'halopsa',
    vendor: 'halopsa',
    baseUrl: value('BASE_URL'),
    tenant: value('TENANT'),
    tenantIn: value('TENANT_IN'),
    clientId: value('CLIENT_ID'),
    clientSecret: value('CLIENT_SECRET'),
    scope: value('SCOPE'),
  }
  return [
    {
      source:
        'environment variables HALOPSA_CLIENT_ID, HALOPSA_CLIENT_SECRET, HALOPSA_BASE_URL and HALOPSA_TENANT',
      connection,
    },
  ]
}
