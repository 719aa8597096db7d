/** The emulators whose rate limit a developer may change (each defaults to its vendor's own figure). */
export const SANDBOX_VENDORS = ['connectwise', 'halopsa', 'syncro', 'autotask'] as const
export type SandboxVendor = (typeof SANDBOX_VENDORS)[number]

export interface SandboxRateLimit {
  limit: number
  windowMs: number
}

export type SandboxRateLimits = Partial<Record<SandboxVendor, SandboxRateLimit>>

/** `SANDBOX_SYNCRO_RATE_LIMIT` and the like. */
export const rateLimitVariable = (vendor: SandboxVendor) => `SANDBOX_${vendor.toUpperCase()}_RATE_LIMIT`

const FORM = /^\s*(\d+)\s*\/\s*(\d+)\s*s?\s*$/

/**
 * Each emulator's limit from `SANDBOX_<VENDOR>_RATE_LIMIT=<requests>/<seconds>` (e.g. `600/60`), for
 * `npm run sandbox` and the sandbox connections of `npm start`: a developer trying a public client need not be
 * stalled at a vendor's 60 a minute. Unset: the vendor's own limit. What cannot be read is told in `problems`.
 */
export function sandboxRateLimitsFromEnv(env: NodeJS.ProcessEnv, problems: string[]): SandboxRateLimits {
  const limits: SandboxRateLimits = {}
  for (const vendor of SANDBOX_VENDORS) {
    const name = rateLimitVariable(vendor)
    const text = env[name]
    if (text === undefined || text === '') continue
    const [, requests, seconds] = FORM.exec(text) ?? []
    const limit = Number(requests)
    const windowMs = Number(seconds) * 1000
    // At least 2 requests in at least a second: the gateway's own pacing needs a limit above its burst.
    if (!(limit >= 2) || !(windowMs >= 1000) || !Number.isSafeInteger(limit)) {
      problems.push(
        `${name}: must be <requests>/<seconds>, e.g. 600/60 (at least 2 requests, at least 1 second)`,
      )
      continue
    }
    limits[vendor] = { limit, windowMs }
  }
  return limits
}
