import { request } from 'undici'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ConfigError, loadConfig } from '../../app/config.js'
import { startSandboxMode, type SandboxMode } from '../../app/sandbox-mode.js'
import { startSandbox, type Sandbox } from '../../sandbox/index.js'
import { sandboxOptionsFromEnv } from '../../sandbox/options-from-env.js'

/** How often the emulators change records on their own: every 20 s by default, SANDBOX_ACTIVITY_SECONDS, 0 never. */

const noFile = () => {
  throw Object.assign(new Error('missing'), { code: 'ENOENT' })
}
let running: SandboxMode | Sandbox | undefined
afterEach(async () => {
  await running?.close()
  running = undefined
  vi.useRealTimers()
})

describe('SANDBOX_ACTIVITY_SECONDS', () => {
  it.each([
    [undefined, { everyMs: 20_000 }],
    ['', { everyMs: 20_000 }],
    ['5', { everyMs: 5_000 }],
    [' 90 ', { everyMs: 90_000 }],
    ['0', undefined],
  ])('%j runs the activity %j in sandbox mode and in npm run sandbox', (value, activity) => {
    const env = value === undefined ? {} : { SANDBOX_ACTIVITY_SECONDS: value }
    expect(loadConfig(env, noFile).sandboxActivity).toEqual(activity)
    const problems: string[] = []
    expect(sandboxOptionsFromEnv(env, problems).activity).toEqual(activity)
    expect(problems).toEqual([])
  })

  it.each(['fast', '-1', '1.5', '20s', '86401'])('refuses SANDBOX_ACTIVITY_SECONDS=%s by name', (value) => {
    try {
      loadConfig({ SANDBOX_ACTIVITY_SECONDS: value }, noFile)
      expect.unreachable('the configuration was accepted')
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^SANDBOX_ACTIVITY_SECONDS: must be a whole number of seconds/),
      ])
    }
    const problems: string[] = []
    sandboxOptionsFromEnv({ SANDBOX_ACTIVITY_SECONDS: value }, problems)
    expect(problems).toEqual([expect.stringMatching(/^SANDBOX_ACTIVITY_SECONDS: /)])
  })

  it('is not read where no sandbox runs', () => {
    const config = loadConfig(
      { SANDBOX_ACTIVITY_SECONDS: 'fast', SYNCRO_API_KEY: 'k', SYNCRO_SUBDOMAIN: 'acme' },
      noFile,
    )
    expect(config.sandboxActivity).toBeUndefined()
  })
})

describe('the activity in sandbox mode', () => {
  it('changes the emulators’ records on the timer, seen by the vendor’s updated-since filter', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const since = new Date(Date.now() - 1000).toISOString()
    const mode = await startSandboxMode({ activity: loadConfig({}, noFile).sandboxActivity })
    running = mode
    const syncro = mode.connections.find((connection) => connection.vendor === 'syncro')!
    const { baseUrl, apiKey } = syncro as { baseUrl: string; apiKey: string }
    const updatedSince = async () => {
      const response = await request(`${baseUrl}/tickets?since_updated_at=${since}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      })
      return ((await response.body.json()) as { tickets: unknown[] }).tickets.length
    }
    expect(await updatedSince()).toBe(0)
    // Syncro's activity with seed 1 edits, comments or creates a ticket in one of its first steps.
    vi.advanceTimersByTime(5 * 20_000)
    expect(await updatedSince()).toBeGreaterThan(0)
  })

  it('stays off where a test starts the sandbox itself, unless asked', async () => {
    const quiet = await startSandbox()
    running = quiet
    expect([quiet.connectwise, quiet.halopsa, quiet.syncro].map((e) => e.activity.running)).toEqual([
      false,
      false,
      false,
    ])
    await quiet.close()
    const busy = await startSandbox({ activity: { everyMs: 1000 } })
    running = busy
    expect([busy.connectwise, busy.halopsa, busy.syncro].map((e) => e.activity.running)).toEqual([
      true,
      true,
      true,
    ])
  })
})
