import { randomBytes } from 'node:crypto'
import { checkActivityOptions, type ActivityOptions } from '../shared/activity.js'
import type { ApiUser } from './auth.js'

export interface AutotaskEmulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** The database's API-only users; default one, with a random secret and integration code (never fixed ones). */
  apiUsers?: ApiUser[]
  /** Default 10 000 per 3 600 000 ms (the vendor's documented per-database limit). */
  rateLimit?: { limit: number; windowMs: number }
  /** The latency Autotask adds past 50 % and 75 % of the limit; defaults 500 and 1 000 ms; tests set 0. */
  thresholdLatencyMs?: { half: number; threeQuarters: number }
  /** Seed data PRNG seed (the activity's too); default 1. */
  seed?: number
  /** Records change on their own every `everyMs` (see `activity` on the emulator); default none. */
  activity?: ActivityOptions
  /** How long one webhook POST may take; default 10 000 ms. */
  webhookTimeoutMs?: number
  /** Requests in flight at once per integration code and endpoint; default 3 (the vendor's, facts §6). */
  threadLimit?: number
}

export interface ResolvedAutotaskOptions {
  host: string
  port: number
  apiUsers: ApiUser[]
  rateLimit: { limit: number; windowMs: number }
  thresholdLatencyMs: { half: number; threeQuarters: number }
  seed: number
  activity: ActivityOptions | undefined
  webhookTimeoutMs: number
  threadLimit: number
}

export function resolveAutotaskOptions(options: AutotaskEmulatorOptions = {}): ResolvedAutotaskOptions {
  const apiUsers = options.apiUsers ?? [
    {
      userName: `${randomBytes(6).toString('hex')}@sandbox.autotask.example`,
      secret: randomBytes(18).toString('base64url'),
      // A tracking identifier is 27 characters (nango docs, facts §1 "Headers").
      integrationCode: randomBytes(17).toString('base64url').slice(0, 27).toUpperCase(),
    },
  ]
  if (
    apiUsers.length === 0 ||
    apiUsers.some((user) => [user.userName, user.secret, user.integrationCode].some(isBlank))
  )
    throw new TypeError('Autotask emulator apiUsers need a userName, a secret and an integrationCode each')
  const resolved: ResolvedAutotaskOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    apiUsers: apiUsers.map((user) => ({ ...user })),
    rateLimit: {
      // 10 000 requests in a rolling hour (HELP REST_Thresholds_Limits.htm; facts §6).
      limit: options.rateLimit?.limit ?? 10_000,
      windowMs: options.rateLimit?.windowMs ?? 3_600_000,
    },
    // 0.5 s from half of the threshold, 1 s from three quarters (kb.clouddepot.com; facts §6).
    thresholdLatencyMs: {
      half: options.thresholdLatencyMs?.half ?? 500,
      threeQuarters: options.thresholdLatencyMs?.threeQuarters ?? 1_000,
    },
    seed: options.seed ?? 1,
    activity: checkActivityOptions(options.activity),
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    // 3 threads per tracking identifier and object endpoint (HELP General/ThreadLimiting.htm; facts §6).
    threadLimit: options.threadLimit ?? 3,
  }
  requireInteger('rateLimit.limit', resolved.rateLimit.limit, 1)
  requireInteger('rateLimit.windowMs', resolved.rateLimit.windowMs, 1)
  requireInteger('thresholdLatencyMs.half', resolved.thresholdLatencyMs.half, 0)
  requireInteger('thresholdLatencyMs.threeQuarters', resolved.thresholdLatencyMs.threeQuarters, 0)
  requireInteger('webhookTimeoutMs', resolved.webhookTimeoutMs, 1)
  requireInteger('threadLimit', resolved.threadLimit, 1)
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535)
    throw new RangeError(`Autotask emulator port must be 0-65535, got ${resolved.port}`)
  if (!Number.isInteger(resolved.seed)) throw new RangeError('Autotask emulator seed must be an integer')
  return resolved
}

function isBlank(text: unknown): boolean {
  return typeof text !== 'string' || text.trim() === ''
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`Autotask emulator ${name} must be an integer >= ${min}, got ${value}`)
}
