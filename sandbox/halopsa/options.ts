import { randomBytes, randomUUID } from 'node:crypto'
import { checkActivityOptions, type ActivityOptions } from '../shared/activity.js'
import type { ApiClient } from './auth/credentials.js'
import { KNOWN_SCOPES } from './auth/scopes.js'

export interface HaloEmulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** Default `sandbox`. */
  tenant?: string
  /** Default true: the token endpoint needs `?tenant=<tenant>`. False: self-hosted, no tenant parameter. */
  hosted?: boolean
  /** API applications; default one random pair with scopes `['all']` (never a fixed secret). */
  clients?: Array<{ clientId: string; clientSecret: string; scopes?: string[] }>
  /** Default 3600. */
  tokenLifetimeSeconds?: number
  /** Per tenant, rolling; default 300 per 300 000 ms (what hosted tenants report). */
  rateLimit?: { limit: number; windowMs: number }
  /** Seed data PRNG seed (the activity's too); default 1. */
  seed?: number
  /** How long one webhook POST may take; default 10 000 ms. */
  webhookTimeoutMs?: number
  /** Records change on their own every `everyMs` (see `activity` on the emulator); default none. */
  activity?: ActivityOptions
  /**
   * Epoch milliseconds, for token expiry, record timestamps and the rate limit's window; default the real
   * time (`Date.now()` for the first two, `performance.now()` for the window). Lets tests move time.
   */
  clock?: () => number
}

export interface ResolvedHaloOptions {
  host: string
  port: number
  tenant: string
  hosted: boolean
  clients: ApiClient[]
  tokenLifetimeSeconds: number
  rateLimit: { limit: number; windowMs: number }
  seed: number
  webhookTimeoutMs: number
  clock: (() => number) | undefined
  activity: ActivityOptions | undefined
}

export function resolveHaloOptions(options: HaloEmulatorOptions = {}): ResolvedHaloOptions {
  const clients = (
    options.clients ?? [{ clientId: randomUUID(), clientSecret: randomBytes(32).toString('base64url') }]
  ).map((client) => ({ ...client, scopes: [...(client.scopes ?? ['all'])] }))
  checkClients(clients)
  const resolved: ResolvedHaloOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    tenant: options.tenant ?? 'sandbox',
    hosted: options.hosted ?? true,
    clients,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    rateLimit: { limit: options.rateLimit?.limit ?? 300, windowMs: options.rateLimit?.windowMs ?? 300_000 },
    seed: options.seed ?? 1,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    clock: options.clock,
    activity: checkActivityOptions(options.activity),
  }
  if (resolved.tenant.trim() === '') throw new TypeError('HaloPSA emulator tenant must not be empty')
  requireInteger('tokenLifetimeSeconds', resolved.tokenLifetimeSeconds, 1)
  requireInteger('rateLimit.limit', resolved.rateLimit.limit, 1)
  requireInteger('rateLimit.windowMs', resolved.rateLimit.windowMs, 1)
  requireInteger('port', resolved.port, 0, 65535)
  requireInteger('seed', resolved.seed, Number.MIN_SAFE_INTEGER)
  requireInteger('webhookTimeoutMs', resolved.webhookTimeoutMs, 1)
  return resolved
}

function checkClients(clients: ApiClient[]): void {
  if (clients.length === 0) throw new TypeError('HaloPSA emulator needs at least one client')
  for (const { clientId, clientSecret, scopes } of clients) {
    if (
      typeof clientId !== 'string' ||
      clientId.trim() === '' ||
      typeof clientSecret !== 'string' ||
      clientSecret === ''
    )
      throw new TypeError('HaloPSA emulator clients need a non-empty clientId and clientSecret')
    const unknown = scopes.filter((scope) => !(KNOWN_SCOPES as readonly string[]).includes(scope))
    if (scopes.length === 0 || unknown.length > 0)
      throw new TypeError(
        `HaloPSA emulator client ${clientId} has no or unknown scopes: ${unknown.join(', ')}`,
      )
  }
  if (new Set(clients.map((client) => client.clientId)).size !== clients.length)
    throw new TypeError('HaloPSA emulator client ids must be unique')
}

function requireInteger(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`HaloPSA emulator ${name} must be an integer in ${min}..${max}, got ${value}`)
}
