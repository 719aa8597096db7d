import { randomBytes, randomUUID } from 'node:crypto'
import { checkActivityOptions, type ActivityOptions } from '../shared/activity.js'
import type { ApiMemberKeys } from './auth.js'
import type { PageSizes } from './http-types.js'

export interface ConnectWiseEmulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** The path segment before `/apis/3.0`; default `v4_6_release`. */
  codebase?: string
  /** The site's company id in the credentials, matched case-insensitively; default `sandbox`. */
  companyId?: string
  /** API members' key pairs; default one random pair (never a fixed secret). */
  members?: ApiMemberKeys[]
  /** Accepted `clientId` header values; default one random UUID. */
  clientIds?: string[]
  /** Per API member, rolling window; default 60 per 60 000 ms. */
  rateLimit?: { limit: number; windowMs: number }
  /** Default page size 25, largest 1000. */
  pageSize?: { default?: number; max?: number }
  /** Seed data PRNG seed (the activity's too); default 1. */
  seed?: number
  /** How long one callback POST may take; default 10 000 ms. */
  callbackTimeoutMs?: number
  /** Records change on their own every `everyMs` (see `activity` on the emulator); default none. */
  activity?: ActivityOptions
}

export interface ResolvedConnectWiseOptions {
  host: string
  port: number
  codebase: string
  companyId: string
  members: ApiMemberKeys[]
  clientIds: string[]
  rateLimit: { limit: number; windowMs: number }
  pageSizes: PageSizes
  seed: number
  callbackTimeoutMs: number
  activity: ActivityOptions | undefined
}

export function resolveConnectWiseOptions(
  options: ConnectWiseEmulatorOptions = {},
): ResolvedConnectWiseOptions {
  const resolved: ResolvedConnectWiseOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    codebase: options.codebase ?? 'v4_6_release',
    companyId: options.companyId ?? 'sandbox',
    members: (options.members ?? [randomMember()]).map((member) => ({ ...member })),
    clientIds: [...(options.clientIds ?? [randomUUID()])],
    rateLimit: { limit: options.rateLimit?.limit ?? 60, windowMs: options.rateLimit?.windowMs ?? 60_000 },
    pageSizes: { default: options.pageSize?.default ?? 25, max: options.pageSize?.max ?? 1000 },
    seed: options.seed ?? 1,
    callbackTimeoutMs: options.callbackTimeoutMs ?? 10_000,
    activity: checkActivityOptions(options.activity),
  }
  check(
    /^[A-Za-z0-9_.-]+$/.test(resolved.codebase),
    `codebase must be a path segment, got '${resolved.codebase}'`,
  )
  check(/^[^\s+:]+$/.test(resolved.companyId), 'companyId must be non-empty, without spaces, + or :')
  check(resolved.members.length > 0, 'members must hold at least one key pair')
  for (const { publicKey, privateKey } of resolved.members) {
    check(
      typeof publicKey === 'string' && /^[^\s:]+$/.test(publicKey),
      'a publicKey must be non-empty, without spaces or :',
    )
    check(typeof privateKey === 'string' && privateKey !== '', 'a privateKey must be non-empty')
  }
  check(resolved.clientIds.length > 0, 'clientIds must hold at least one id')
  check(
    resolved.clientIds.every((id) => typeof id === 'string' && id.trim() !== ''),
    'clientIds must be non-empty',
  )
  requireInteger('rateLimit.limit', resolved.rateLimit.limit, 1)
  requireInteger('rateLimit.windowMs', resolved.rateLimit.windowMs, 1)
  requireInteger('pageSize.max', resolved.pageSizes.max, 1)
  requireInteger('pageSize.default', resolved.pageSizes.default, 1)
  check(resolved.pageSizes.default <= resolved.pageSizes.max, 'pageSize.default must not exceed pageSize.max')
  check(
    Number.isInteger(resolved.port) && resolved.port >= 0 && resolved.port <= 65535,
    `port must be 0-65535, got ${resolved.port}`,
  )
  check(Number.isInteger(resolved.seed), 'seed must be an integer')
  requireInteger('callbackTimeoutMs', resolved.callbackTimeoutMs, 1)
  return resolved
}

/** Random like the vendor's: 16 characters each. */
function randomMember(): ApiMemberKeys {
  return { publicKey: randomBytes(8).toString('hex'), privateKey: randomBytes(8).toString('hex') }
}

function requireInteger(name: string, value: number, min: number): void {
  check(Number.isInteger(value) && value >= min, `${name} must be an integer >= ${min}, got ${value}`)
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`ConnectWise emulator: ${message}`)
}
