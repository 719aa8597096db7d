import { accessSync, constants } from 'node:fs'
import { Type, type Static } from '@sinclair/typebox'
import { commonConnectionFields } from '../../src/connection-config.js'
import { accountBucketKey, bucketFor, type VendorRateLimitDefaults } from '../../src/state/limiter/bucket.js'
import type { BucketSpec } from '../../src/state/limiter/types.js'

export const ConnectWiseConnectionConfig = Type.Object(
  {
    ...commonConnectionFields,
    vendor: Type.Literal('connectwise'),
    companyId: Type.String({ minLength: 1, maxLength: 100 }),
    publicKey: Type.String({ minLength: 1 }),
    privateKey: Type.String({ minLength: 1 }),
    /** The integration's clientId (developer.connectwise.com), sent on every call. */
    clientId: Type.String({ minLength: 1 }),
    /** API host: `api-na.myconnectwise.net`, `api-eu.…`, `api-au.…`, or an on-premise host. */
    site: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9.-]+(:\\d{1,5})?$' })),
    /** Default `v4_6_release`. */
    codebase: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]+$' })),
    /** The whole API base instead of site + codebase (an emulator, a proxy): `https://host/v4_6_release/apis/3.0`. */
    baseUrl: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
    /** A PEM bundle of the CA that signed an on-premise host's certificate. */
    caFile: Type.Optional(Type.String({ minLength: 1 })),
    /** The API version pinned in the Accept header; default 2025.8. */
    apiVersion: Type.Optional(Type.String({ pattern: '^\\d{4}\\.\\d{1,2}$' })),
    /** The board new tickets go to when a create names none (and the board a status category resolves on). */
    defaultBoardId: Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })),
  },
  { additionalProperties: false },
)
export type ConnectWiseConnectionConfig = Static<typeof ConnectWiseConnectionConfig>

export const DEFAULT_CODEBASE = 'v4_6_release'
export const DEFAULT_API_VERSION = '2025.8'

export function connectWiseBaseUrl(config: ConnectWiseConnectionConfig): string {
  if (config.baseUrl) return config.baseUrl.replace(/\/+$/, '')
  return `https://${config.site}/${config.codebase ?? DEFAULT_CODEBASE}/apis/3.0`
}

/** The ticket page of ConnectWise's web app; API hosts are `api-<region>.…`, the web app is `<region>.…`. */
export function ticketUrlOf(config: ConnectWiseConnectionConfig): string | null {
  const company = encodeURIComponent(config.companyId)
  const page = (root: string) =>
    `${root}/services/system_io/Service/fv_sr100_request.rails?service_recid={id}&companyName=${company}`
  if (config.baseUrl) return page(config.baseUrl.replace(/\/+$/, '').replace(/\/apis\/3\.0$/i, ''))
  if (!config.site) return null
  return page(`https://${config.site.replace(/^api-/, '')}/${config.codebase ?? DEFAULT_CODEBASE}`)
}

/**
 * The vendors' brief gives 60 requests per minute per API member; one member's keys may serve several
 * connections (or other apps), so the bucket is the member's. Its key holds a hash, never the key itself.
 */
export function connectWiseBucket(config: ConnectWiseConnectionConfig): BucketSpec {
  const defaults: VendorRateLimitDefaults = {
    limit: 60,
    windowMs: 60_000,
    scope: 'vendor',
    vendorKey: accountBucketKey(
      'connectwise',
      'member',
      `${config.companyId.toLowerCase()}+${config.publicKey}`,
    ),
  }
  return bucketFor('connectwise', config.id, defaults, config.rateLimit)
}

/** Problems the schema cannot express; each names the field. */
export function connectWiseConfigProblems(config: ConnectWiseConnectionConfig): string[] {
  const problems: string[] = []
  if (!config.site && !config.baseUrl) problems.push('site: required unless baseUrl is given')
  if (config.caFile) {
    try {
      accessSync(config.caFile, constants.R_OK)
    } catch {
      problems.push('caFile: the file cannot be read')
    }
  }
  return problems
}

/**
 * CONNECTWISE_COMPANY_ID/PUBLIC_KEY/PRIVATE_KEY/CLIENT_ID/SITE, the names ConnectWise's guides use, configure
 * connection `connectwise`; CONNECTWISE_CODEBASE, CONNECTWISE_BASE_URL, CONNECTWISE_CA_FILE and
 * CONNECTWISE_DEFAULT_BOARD_ID are optional.
 */
export function connectWiseConnectionFromEnv(
  env: NodeJS.ProcessEnv,
): Array<{ source: string; connection: unknown }> {
  const names = ['COMPANY_ID', 'PUBLIC_KEY', 'PRIVATE_KEY', 'CLIENT_ID', 'SITE', 'BASE_URL'] as const
  if (!names.some((name) => env[`CONNECTWISE_${name}`])) return []
  const value = (name: string) => env[`CONNECTWISE_${name}`] || undefined
  const connection = {
    id: 'connectwise',
    vendor: 'connectwise',
    companyId: value('COMPANY_ID'),
    publicKey: value('PUBLIC_KEY'),
    privateKey: value('PRIVATE_KEY'),
    clientId: value('CLIENT_ID'),
    site: value('SITE'),
    codebase: value('CODEBASE'),
    baseUrl: value('BASE_URL'),
    caFile: value('CA_FILE'),
    defaultBoardId: value('DEFAULT_BOARD_ID'),
  }
  return [
    {
      source:
        'environment variables CONNECTWISE_COMPANY_ID, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY, CONNECTWISE_CLIENT_ID and CONNECTWISE_SITE',
      connection,
    },
  ]
}
