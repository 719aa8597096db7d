import { request } from 'undici'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../app/config.js'
import { startSandboxMode, type SandboxMode } from '../../app/sandbox-mode.js'

/** The sandbox's vendor limits: each vendor's own by default, each changeable by SANDBOX_<VENDOR>_RATE_LIMIT. */

const noFile = () => {
  throw Object.assign(new Error('missing'), { code: 'ENOENT' })
}
let sandbox: SandboxMode | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

/** Calls Syncro's emulator until it answers 429 (or `max` calls): how many it accepted. */
async function acceptedUntilLimited(mode: SandboxMode, max: number): Promise<number> {
  const syncro = mode.connections.find((connection) => connection.vendor === 'syncro')!
  const { baseUrl, apiKey } = syncro as { baseUrl: string; apiKey: string }
  for (let accepted = 0; accepted < max; accepted++) {
    const response = await request(`${baseUrl}/tickets/settings`, {
      headers: { authorization: `Bearer ${apiKey}` },
    })
    await response.body.dump()
    if (response.statusCode === 429) return accepted
    expect(response.statusCode).toBe(200)
  }
  return max
}

describe('sandbox rate limits', () => {
  it("keeps the vendor's own limit when nothing is set: Syncro's 180 a minute", async () => {
    const config = loadConfig({}, noFile)
    expect(config.sandboxRateLimits).toEqual({})
    sandbox = await startSandboxMode({ rateLimits: config.sandboxRateLimits })
    expect(sandbox.connections.map((connection) => connection.rateLimit)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
    expect(await acceptedUntilLimited(sandbox, 200)).toBe(180)
  })

  it('takes each limit from SANDBOX_<VENDOR>_RATE_LIMIT, for the emulator and its gateway connection alike', async () => {
    const config = loadConfig(
      {
        SANDBOX_SYNCRO_RATE_LIMIT: '5/60',
        SANDBOX_CONNECTWISE_RATE_LIMIT: '600/60s',
        SANDBOX_AUTOTASK_RATE_LIMIT: '1000/3600',
      },
      noFile,
    )
    expect(config.sandboxRateLimits).toEqual({
      syncro: { limit: 5, windowMs: 60_000 },
      connectwise: { limit: 600, windowMs: 60_000 },
      autotask: { limit: 1000, windowMs: 3_600_000 },
    })
    sandbox = await startSandboxMode({ rateLimits: config.sandboxRateLimits })
    const limits = Object.fromEntries(sandbox.connections.map((c) => [c.vendor, c.rateLimit]))
    expect(limits).toEqual({
      connectwise: { limit: 600, windowMs: 60_000 },
      halopsa: undefined,
      syncro: { limit: 5, windowMs: 60_000 },
      autotask: { limit: 1000, windowMs: 3_600_000 },
    })
    expect(await acceptedUntilLimited(sandbox, 200)).toBe(5)
  })

  it('reads no sandbox setting where no sandbox runs', () => {
    const config = loadConfig(
      { SANDBOX_SYNCRO_RATE_LIMIT: 'fast', SYNCRO_API_KEY: 'k', SYNCRO_SUBDOMAIN: 'acme' },
      noFile,
    )
    expect(config.sandbox).toBe(false)
    expect(config.sandboxRateLimits).toEqual({})
  })

  it.each(['fast', '1/60', '10/0', '10', '-5/60', '5/60m'])(
    'refuses SANDBOX_HALOPSA_RATE_LIMIT=%s by name',
    (value) => {
      try {
        loadConfig({ SANDBOX_HALOPSA_RATE_LIMIT: value }, noFile)
        expect.unreachable('the configuration was accepted')
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError)
        expect((error as ConfigError).problems).toEqual([
          expect.stringMatching(/^SANDBOX_HALOPSA_RATE_LIMIT: must be <requests>\/<seconds>/),
        ])
      }
    },
  )
})
