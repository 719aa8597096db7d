import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import {
  connectionConfigProblems,
  connectionsFromEnv,
  sharedBucketProblems,
  type ConnectionConfig,
} from '../adapters/registry.js'
import { DEFAULT_IDEMPOTENCY_LEASE_MS } from '../src/state/idempotency/idempotency.js'
import { DEFAULT_EVENT_RETENTION_HOURS } from '../src/events/change-event.js'
import { StringEnum } from '../src/canonical/common.js'
import { GatewayApiKey, KEY_HASH_PATTERN, LOG_LEVELS, type LogLevel } from '../src/gateway-config.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS, type VendorHttpSettings } from '../src/vendor-http/settings.js'
import { sandboxActivityFromEnv } from '../sandbox/activity-env.js'
import { sandboxRateLimitsFromEnv, type SandboxRateLimits } from '../sandbox/rate-limit-env.js'
import type { ActivityOptions } from '../sandbox/shared/activity.js'
import { tracingFromEnv, type TracingConfig } from './tracing-config.js'

/**
 * Configuration comes from environment variables and an optional JSON file (GATEWAY_CONFIG). Environment
 * variables win over the file. A wrong or missing value stops start-up with a message naming it, never
 * its value (values may be secrets).
 */

const PositiveInteger = Type.Integer({ minimum: 1 })
/** A year: the log is a replay window, not an archive. */
const MAX_EVENT_RETENTION_HOURS = 8_760
const MAX_EVENT_POLL_SECONDS = 86_400
const MIN_CALLBACK_SECRET_LENGTH = 32
const MAX_EVENT_RECONCILE_MINUTES = 10_080
const WHEN_STORE_DOWN = ['local', 'deny'] as const

const FileConfig = Type.Object(
  {
    host: Type.Optional(Type.String({ minLength: 1 })),
    port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65_535 })),
    logLevel: Type.Optional(StringEnum(LOG_LEVELS)),
    bodyLimitBytes: Type.Optional(PositiveInteger),
    requestTimeoutMs: Type.Optional(PositiveInteger),
    headersTimeoutMs: Type.Optional(PositiveInteger),
    idempotencyLeaseMs: Type.Optional(Type.Integer({ minimum: 300 })),
    eventRetentionHours: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_EVENT_RETENTION_HOURS })),
    eventPollSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_EVENT_POLL_SECONDS })),
    eventReconcileMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_EVENT_RECONCILE_MINUTES })),
    eventVendorShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    eventCallbackSecret: Type.Optional(Type.String({ minLength: MIN_CALLBACK_SECRET_LENGTH })),
    publicUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
    metricsPublic: Type.Optional(Type.Boolean()),
    webhookAllowPrivateUrls: Type.Optional(Type.Boolean()),
    store: Type.Optional(
      Type.Object(
        {
          redisUrl: Type.Optional(Type.String({ pattern: '^rediss?://' })),
          clusterNodes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
          keyPrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[^{}\\s]+$' })),
          replicas: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })),
          whenStoreDown: Type.Optional(StringEnum(WHEN_STORE_DOWN)),
        },
        { additionalProperties: false },
      ),
    ),
    apiKeys: Type.Optional(Type.Array(GatewayApiKey)),
    connections: Type.Optional(Type.Array(Type.Unknown())),
    vendorHttp: Type.Optional(
      Type.Partial(
        Type.Object({
          connectTimeoutMs: PositiveInteger,
          requestTimeoutMs: PositiveInteger,
          maxAttempts: PositiveInteger,
          retryBudgetMs: Type.Integer({ minimum: 0 }),
          rateLimitMaxWaitMs: Type.Integer({ minimum: 0 }),
          breakerFailureThreshold: PositiveInteger,
          breakerCooldownMs: PositiveInteger,
        }),
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
type FileConfig = Static<typeof FileConfig>

export interface Config {
  nodeEnv: 'development' | 'production' | 'test'
  host: string
  port: number
  logLevel: LogLevel
  bodyLimitBytes: number
  /** How long a request may take to arrive, headers and body: a slower one is answered 408 and closed. */
  requestTimeoutMs: number
  /** How long its headers may take; at most requestTimeoutMs. */
  headersTimeoutMs: number
  /**
   * How long a keyed write's claim lives without its process's heartbeat: a repeat after that takes the key over
   * (src/state/idempotency/idempotency.ts). Short enough that a crash is noticed in seconds, long enough for a busy event loop.
   */
  idempotencyLeaseMs: number
  /** How long change events are kept: a feed cursor older than that answers 410 (docs/events.md). */
  eventRetentionHours: number
  /** How often each poller looks at its resource; 0 runs no event sources (docs/events.md). */
  eventPollSeconds: number
  /** How often each resource is walked whole, which is how deletes are found. */
  eventReconcileMinutes: number
  /** The part of each vendor's rate limit the event sources may take. */
  eventVendorShare: number
  /**
   * What each connection's callback URL token is derived from (src/events/callback-token.ts); no callbacks are
   * taken without it. In the sandbox, random when not set.
   */
  eventCallbackSecret?: string
  /** The gateway's address as the vendors reach it: ConnectWise callbacks are registered there when set. */
  publicUrl?: string
  /** Shared state: Redis when a URL or cluster is given, else this process's memory. */
  store: StoreConfig
  apiKeys: GatewayApiKey[]
  connections: ConnectionConfig[]
  vendorHttp: VendorHttpSettings
  /** GET /metrics without an API key (a scraper on the internal network); else it needs a key with `read`. */
  metricsPublic: boolean
  /**
   * Event subscriptions may target plain http and private addresses (src/events/delivery/target-url.ts): the
   * sandbox and tests; elsewhere a trusted network only. Default: in sandbox mode only.
   */
  webhookAllowPrivateUrls: boolean
  /** No connection configured outside production: the emulators stand in for the vendors. */
  sandbox: boolean
  /** The emulators' limits where SANDBOX_<VENDOR>_RATE_LIMIT changes them (sandbox mode only). */
  sandboxRateLimits: SandboxRateLimits
  /** How often each emulator changes a record on its own (SANDBOX_ACTIVITY_SECONDS; sandbox mode only). */
  sandboxActivity: ActivityOptions | undefined
  /** OpenTelemetry tracing, on only when an OTLP endpoint is configured (tracing-config.ts). */
  tracing?: TracingConfig
}

export interface StoreConfig {
  redisUrl?: string
  clusterNodes?: string[]
  keyPrefix: string
  replicas: number
  whenStoreDown: (typeof WHEN_STORE_DOWN)[number]
}

export const usesRedis = (store: StoreConfig) => Boolean(store.redisUrl || store.clusterNodes?.length)

export class ConfigError extends Error {
  override readonly name = 'ConfigError'

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`)
  }
}

const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000

/** `${NAME}` in a config file string is replaced by that environment variable, so secrets stay out of files. */
function interpolate(value: unknown, env: NodeJS.ProcessEnv, path: string, problems: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const replacement = env[name]
      if (replacement === undefined) problems.push(`${path}: refers to \${${name}}, which is not set`)
      return replacement ?? ''
    })
  }
  if (Array.isArray(value))
    return value.map((item, index) => interpolate(item, env, `${path}[${index}]`, problems))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        interpolate(item, env, path ? `${path}.${key}` : key, problems),
      ]),
    )
  }
  return value
}

function readConfigFile(
  path: string,
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string,
  problems: string[],
): FileConfig {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFile(path))
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not valid JSON'
    problems.push(`GATEWAY_CONFIG: cannot read ${path} (${reason})`)
    return {}
  }
  const file = interpolate(parsed, env, '', problems)
  const errors = [...Value.Errors(FileConfig, file)]
  for (const error of errors) {
    problems.push(
      `GATEWAY_CONFIG ${path}: ${error.path.slice(1).replace(/\//g, '.') || '(root)'}: ${error.message}`,
    )
  }
  return errors.length ? {} : (file as FileConfig)
}

function integerFromEnv(
  env: NodeJS.ProcessEnv,
  name: string,
  problems: string[],
  range: { min: number; max?: number },
): number | undefined {
  const text = env[name]
  if (text === undefined || text === '') return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < range.min || (range.max !== undefined && value > range.max)) {
    problems.push(
      `${name}: must be an integer from ${range.min}${range.max === undefined ? ' up' : ` to ${range.max}`}`,
    )
    return undefined
  }
  return value
}

function storeConfig(env: NodeJS.ProcessEnv, file: FileConfig, problems: string[]): StoreConfig {
  const redisUrl = env.REDIS_URL || file.store?.redisUrl
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    problems.push('REDIS_URL: must start with redis:// or rediss://')
  const clusterNodes = env.REDIS_CLUSTER_NODES
    ? env.REDIS_CLUSTER_NODES.split(',')
        .map((node) => node.trim())
        .filter(Boolean)
    : file.store?.clusterNodes
  const whenStoreDown = env.RATE_LIMIT_WHEN_STORE_DOWN || file.store?.whenStoreDown || 'local'
  if (!(WHEN_STORE_DOWN as readonly string[]).includes(whenStoreDown)) {
    problems.push(`RATE_LIMIT_WHEN_STORE_DOWN: must be one of ${WHEN_STORE_DOWN.join(', ')}`)
  }
  return {
    redisUrl: redisUrl || undefined,
    clusterNodes: clusterNodes?.length ? clusterNodes : undefined,
    keyPrefix: keyPrefixOf(env.REDIS_KEY_PREFIX || file.store?.keyPrefix || 'psagw:', problems),
    replicas:
      integerFromEnv(env, 'GATEWAY_REPLICAS', problems, { min: 1, max: 1_000 }) ?? file.store?.replicas ?? 1,
    whenStoreDown: whenStoreDown as StoreConfig['whenStoreDown'],
  }
}

/** Braces would break the hash tags that keep related keys in one Redis Cluster slot. */
function keyPrefixOf(prefix: string, problems: string[]): string {
  if (!/^[^{}\s]{1,64}$/.test(prefix))
    problems.push('REDIS_KEY_PREFIX: 1 to 64 characters, no braces or spaces')
  return prefix
}

function shareFromEnv(
  env: NodeJS.ProcessEnv,
  problems: string[],
  name = 'API_KEY_VENDOR_SHARE',
): number | undefined {
  const text = env[name]?.trim()
  if (!text) return undefined
  const share = Number(text)
  if (Number.isFinite(share) && share > 0 && share <= 1) return share
  problems.push(`${name}: a number above 0 and at most 1`)
  return undefined
}

function callbackSecretFromEnv(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const secret = env.EVENT_CALLBACK_SECRET
  if (!secret) return undefined
  if (secret.length >= MIN_CALLBACK_SECRET_LENGTH) return secret
  problems.push(
    `EVENT_CALLBACK_SECRET: at least ${MIN_CALLBACK_SECRET_LENGTH} characters (openssl rand -base64 32)`,
  )
  return undefined
}

function publicUrlFromEnv(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const text = env.PUBLIC_URL?.trim()
  if (!text) return undefined
  if (/^https?:\/\/[^/?#@\s]+\/?$/.test(text)) return text.replace(/\/$/, '')
  problems.push(
    'PUBLIC_URL: the scheme and host (and port) vendors reach the gateway at, e.g. https://psa-gateway.example.com',
  )
  return undefined
}

function secureOrLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url)
  return protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname)
}

function booleanFromEnv(env: NodeJS.ProcessEnv, name: string, problems: string[]): boolean | undefined {
  const text = env[name]?.trim().toLowerCase()
  if (!text) return undefined
  if (text === 'true' || text === 'false') return text === 'true'
  problems.push(`${name}: must be true or false`)
  return undefined
}

function apiKeysFromEnv(env: NodeJS.ProcessEnv, problems: string[]): GatewayApiKey[] | undefined {
  const text = env.GATEWAY_API_KEYS
  if (!text) return undefined
  const keys = text
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean)
  const hashPattern = new RegExp(KEY_HASH_PATTERN)
  // Whatever looks like a hash must be one: a mistyped hash must not become a key equal to the (public) hash.
  const looksHashed = (key: string) => /^sha256:/i.test(key)
  if (keys.some((key) => (looksHashed(key) ? !hashPattern.test(key) : key.length < 16)))
    problems.push(
      'GATEWAY_API_KEYS: each entry is a key hash (sha256:<hex>, from npm run key) or a key of 16+ characters',
    )
  return keys.map((key, index) =>
    looksHashed(key) ? { name: `env-${index + 1}`, keyHash: key } : { name: `env-${index + 1}`, key },
  )
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Config {
  const problems: string[] = []
  const file = env.GATEWAY_CONFIG ? readConfigFile(env.GATEWAY_CONFIG, env, readFile, problems) : {}

  const nodeEnv =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development'
  const logLevel = env.LOG_LEVEL ?? file.logLevel ?? 'info'
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}`)
  }
  const store = storeConfig(env, file, problems)

  const fileConnections = (file.connections ?? []).map((connection, index) => ({
    source: `GATEWAY_CONFIG connections[${index}]`,
    connection,
  }))
  const connections: ConnectionConfig[] = []
  for (const { source, connection } of [...fileConnections, ...connectionsFromEnv(env)]) {
    const connectionProblems = connectionConfigProblems(connection)
    const id = (connection as { id?: unknown } | null)?.id
    const label = typeof id === 'string' ? `connection '${id}' (${source})` : source
    problems.push(...connectionProblems.map((problem) => `${label}: ${problem}`))
    if (connectionProblems.length === 0) connections.push(connection as ConnectionConfig)
  }
  const ids = connections.map((connection) => connection.id)
  for (const id of new Set(ids.filter((id, index) => ids.indexOf(id) !== index))) {
    problems.push(`connection '${id}': configured more than once`)
  }
  problems.push(...sharedBucketProblems(connections))
  // Vendor credentials travel with every call: over TLS only, but to this machine (an emulator, a local proxy)
  // or where ALLOW_HTTP_VENDORS=true says the network is trusted (the compose file's private network). An Autotask
  // zone lookup carries none, but its answer says where they go: the same rule.
  if (env.ALLOW_HTTP_VENDORS !== 'true') {
    for (const connection of connections) {
      for (const field of ['baseUrl', 'zoneInformationUrl'] as const) {
        const url =
          field in connection ? (connection as Partial<Record<typeof field, string>>)[field] : undefined
        if (url && !secureOrLocal(url))
          problems.push(
            `connection '${connection.id}': ${field}: https is required (or a loopback host, or ALLOW_HTTP_VENDORS=true)`,
          )
      }
    }
  }

  const apiKeys = apiKeysFromEnv(env, problems) ?? file.apiKeys ?? []
  apiKeys.forEach((key, index) => {
    if ((key.key === undefined) === (key.keyHash === undefined))
      problems.push(`apiKeys[${index}] (${key.name}): give exactly one of keyHash and key`)
  })
  const defaultShare = shareFromEnv(env, problems)
  if (defaultShare !== undefined) for (const key of apiKeys) key.vendorShare ??= defaultShare
  if (nodeEnv === 'production' && apiKeys.some((key) => key.key !== undefined)) {
    problems.push(
      'GATEWAY_API_KEYS: keys in plain text are for development; in production configure their hashes (sha256:…, from npm run key)',
    )
  }
  if (nodeEnv === 'production' && apiKeys.length === 0) {
    problems.push('GATEWAY_API_KEYS: required in production (or apiKeys in the GATEWAY_CONFIG file)')
  }
  if (nodeEnv === 'production' && connections.length === 0) {
    problems.push(
      'connections: none configured, and production has no sandbox (set GATEWAY_CONFIG or SYNCRO_API_KEY...)',
    )
  }

  const vendorHttp: VendorHttpSettings = {
    connectTimeoutMs:
      integerFromEnv(env, 'VENDOR_CONNECT_TIMEOUT_MS', problems, { min: 1 }) ??
      file.vendorHttp?.connectTimeoutMs ??
      DEFAULT_VENDOR_HTTP_SETTINGS.connectTimeoutMs,
    requestTimeoutMs:
      integerFromEnv(env, 'VENDOR_TIMEOUT_MS', problems, { min: 1 }) ??
      file.vendorHttp?.requestTimeoutMs ??
      DEFAULT_VENDOR_HTTP_SETTINGS.requestTimeoutMs,
    maxAttempts:
      integerFromEnv(env, 'VENDOR_MAX_ATTEMPTS', problems, { min: 1, max: 10 }) ??
      file.vendorHttp?.maxAttempts ??
      DEFAULT_VENDOR_HTTP_SETTINGS.maxAttempts,
    retryBudgetMs:
      integerFromEnv(env, 'VENDOR_RETRY_BUDGET_MS', problems, { min: 0 }) ??
      file.vendorHttp?.retryBudgetMs ??
      DEFAULT_VENDOR_HTTP_SETTINGS.retryBudgetMs,
    rateLimitMaxWaitMs:
      integerFromEnv(env, 'RATE_LIMIT_MAX_WAIT_MS', problems, { min: 0 }) ??
      file.vendorHttp?.rateLimitMaxWaitMs ??
      DEFAULT_VENDOR_HTTP_SETTINGS.rateLimitMaxWaitMs,
    breakerFailureThreshold:
      integerFromEnv(env, 'VENDOR_BREAKER_FAILURES', problems, { min: 1 }) ??
      file.vendorHttp?.breakerFailureThreshold ??
      DEFAULT_VENDOR_HTTP_SETTINGS.breakerFailureThreshold,
    breakerCooldownMs:
      integerFromEnv(env, 'VENDOR_BREAKER_COOLDOWN_MS', problems, { min: 1 }) ??
      file.vendorHttp?.breakerCooldownMs ??
      DEFAULT_VENDOR_HTTP_SETTINGS.breakerCooldownMs,
  }

  const sandbox = connections.length === 0 && nodeEnv !== 'production'
  const config: Config = {
    nodeEnv,
    host: env.HOST || file.host || (nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port: integerFromEnv(env, 'PORT', problems, { min: 0, max: 65_535 }) ?? file.port ?? 3000,
    logLevel: logLevel as LogLevel,
    bodyLimitBytes:
      integerFromEnv(env, 'BODY_LIMIT_BYTES', problems, { min: 1 }) ??
      file.bodyLimitBytes ??
      DEFAULT_BODY_LIMIT_BYTES,
    requestTimeoutMs:
      integerFromEnv(env, 'REQUEST_TIMEOUT_MS', problems, { min: 1 }) ??
      file.requestTimeoutMs ??
      DEFAULT_REQUEST_TIMEOUT_MS,
    headersTimeoutMs:
      integerFromEnv(env, 'HEADERS_TIMEOUT_MS', problems, { min: 1 }) ??
      file.headersTimeoutMs ??
      DEFAULT_HEADERS_TIMEOUT_MS,
    idempotencyLeaseMs:
      integerFromEnv(env, 'IDEMPOTENCY_LEASE_MS', problems, { min: 300 }) ??
      file.idempotencyLeaseMs ??
      DEFAULT_IDEMPOTENCY_LEASE_MS,
    eventRetentionHours:
      integerFromEnv(env, 'EVENT_RETENTION_HOURS', problems, { min: 1, max: MAX_EVENT_RETENTION_HOURS }) ??
      file.eventRetentionHours ??
      DEFAULT_EVENT_RETENTION_HOURS,
    // The sandbox looks often, and takes half of each emulator's limit (no other app competes there), so that its
    // activity shows as events within seconds.
    eventPollSeconds:
      integerFromEnv(env, 'EVENT_POLL_SECONDS', problems, { min: 0, max: MAX_EVENT_POLL_SECONDS }) ??
      file.eventPollSeconds ??
      (sandbox ? 10 : 60),
    eventReconcileMinutes:
      integerFromEnv(env, 'EVENT_RECONCILE_MINUTES', problems, {
        min: 1,
        max: MAX_EVENT_RECONCILE_MINUTES,
      }) ??
      file.eventReconcileMinutes ??
      (sandbox ? 1 : 60),
    eventVendorShare:
      shareFromEnv(env, problems, 'EVENT_VENDOR_SHARE') ?? file.eventVendorShare ?? (sandbox ? 0.5 : 0.1),
    eventCallbackSecret:
      callbackSecretFromEnv(env, problems) ??
      file.eventCallbackSecret ??
      (sandbox ? randomBytes(32).toString('base64url') : undefined),
    publicUrl: publicUrlFromEnv(env, problems) ?? file.publicUrl,
    store,
    apiKeys,
    connections,
    vendorHttp,
    metricsPublic: booleanFromEnv(env, 'METRICS_PUBLIC', problems) ?? file.metricsPublic ?? true,
    webhookAllowPrivateUrls:
      booleanFromEnv(env, 'WEBHOOK_ALLOW_PRIVATE_URLS', problems) ?? file.webhookAllowPrivateUrls ?? sandbox,
    sandbox,
    // Read only where the emulators run: a production start never stops on a sandbox setting.
    sandboxRateLimits: sandbox ? sandboxRateLimitsFromEnv(env, problems) : {},
    sandboxActivity: sandbox ? sandboxActivityFromEnv(env, problems) : undefined,
    tracing: tracingFromEnv(env, problems),
  }
  if (config.headersTimeoutMs > config.requestTimeoutMs)
    problems.push('HEADERS_TIMEOUT_MS: must not be longer than REQUEST_TIMEOUT_MS')
  if (problems.length) throw new ConfigError(problems)
  return config
}
