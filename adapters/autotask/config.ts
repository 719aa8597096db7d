import { Type, type Static } from '@sinclair/typebox'
import { commonConnectionFields } from '../../src/connection-config.js'
import { accountBucketKey, bucketFor } from '../../src/state/limiter/bucket.js'
import type { BucketSpec } from '../../src/state/limiter/types.js'

const HttpUrl = Type.String({ pattern: '^https?://[^\\s]+$' })

export const AutotaskConnectionConfig = Type.Object(
  {
    ...commonConnectionFields,
    vendor: Type.Literal('autotask'),
    /** The API-only user's username, sent as `UserName`. */
    userName: Type.String({ minLength: 1, maxLength: 320 }),
    /** The API tracking identifier, sent as `ApiIntegrationCode`. */
    integrationCode: Type.String({ minLength: 1 }),
    /** The API user's secret, sent as `Secret`. */
    secret: Type.String({ minLength: 1 }),
    /** The zone's API base (`https://webservices5.autotask.net/ATServicesRest/V1.0`); found from the zone when absent. */
    baseUrl: Type.Optional(HttpUrl),
    /** Where the zone is looked up when no baseUrl is given (an emulator's); default Autotask's global one. */
    zoneInformationUrl: Type.Optional(HttpUrl),
    /**
     * Names the Autotask database (any text; its `ci` for one): connections to one database share its rate limit.
     * Default: the API user's, so connections of one user share a bucket.
     */
    database: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /**
     * The part of the database's 10,000 requests an hour this gateway takes (default 0.5): other integrations of
     * the database draw from the same hour, and Autotask slows every call down past half of it.
     */
    rateLimitShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    /**
     * The resource (a person, not the API user) that owns the companies the gateway creates and holds the time
     * entries that name no agent: Autotask's API-only user "cannot be a ResourceID or OwnerResourceID".
     */
    defaultResourceId: Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })),
  },
  { additionalProperties: false },
)
export type AutotaskConnectionConfig = Static<typeof AutotaskConnectionConfig>

export const DEFAULT_ZONE_INFORMATION_URL =
  'https://webservices.autotask.net/ATServicesRest/V1.0/zoneInformation'

/** 10,000 requests an hour per database, shared by all its integrations (vendors.md, Autotask "rate limit"). */
export const AUTOTASK_HOURLY_LIMIT = 10_000
export const DEFAULT_RATE_LIMIT_SHARE = 0.5

/**
 * One bucket per database: `database` where the connection names it, else the API user (who belongs to one
 * database). The key holds a hash of it, never the name.
 */
export function autotaskBucket(config: AutotaskConnectionConfig): BucketSpec {
  const share = config.rateLimitShare ?? DEFAULT_RATE_LIMIT_SHARE
  const database = config.database ?? `user:${config.userName.toLowerCase()}`
  return bucketFor(
    'autotask',
    config.id,
    {
      limit: Math.max(2, Math.floor(AUTOTASK_HOURLY_LIMIT * share)),
      windowMs: 3_600_000,
      scope: 'vendor',
      vendorKey: accountBucketKey('autotask', 'database', database),
    },
    config.rateLimit,
  )
}

/**
 * AUTOTASK_USERNAME, AUTOTASK_INTEGRATION_CODE and AUTOTASK_SECRET configure connection `autotask`;
 * AUTOTASK_BASE_URL may name the zone's API base (else the zone is looked up), AUTOTASK_DEFAULT_RESOURCE_ID the
 * default resource.
 */
export function autotaskConnectionFromEnv(
  env: NodeJS.ProcessEnv,
): Array<{ source: string; connection: unknown }> {
  const {
    AUTOTASK_USERNAME: userName,
    AUTOTASK_INTEGRATION_CODE: integrationCode,
    AUTOTASK_SECRET: secret,
    AUTOTASK_BASE_URL: baseUrl,
    AUTOTASK_DEFAULT_RESOURCE_ID: defaultResourceId,
  } = env
  if (!userName && !integrationCode && !secret) return []
  const connection = {
    id: 'autotask',
    vendor: 'autotask',
    userName,
    integrationCode,
    secret,
    baseUrl: baseUrl || undefined,
    defaultResourceId: defaultResourceId || undefined,
  }
  return [
    {
      source:
        'environment variables AUTOTASK_USERNAME, AUTOTASK_INTEGRATION_CODE and AUTOTASK_SECRET (and AUTOTASK_BASE_URL, AUTOTASK_DEFAULT_RESOURCE_ID)',
      connection,
    },
  ]
}
