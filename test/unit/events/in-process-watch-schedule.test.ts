import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { EventSources } from '../../../event-sources/event-sources.js'
import { InProcessWatchSchedule } from '../../../event-sources/schedule/in-process-schedule.js'
import { registrationRetryMs } from '../../../event-sources/schedule/registration-retry.js'
import { rateLimited } from '../../../src/errors.js'

/** The looks and callback registrations the schedule asks for, each answered when the test says. */
function scriptedSources() {
  const looks: Array<{ connection: string; resource: string; finish: (error?: Error) => void }> = []
  const registrations: Array<{ connection: string; url: string; finish: (error?: Error) => void }> = []
  const sources = {
    registrations: () => ['cw', 'at'],
    registerCallbacks: (connection: string, endpoint: { url: string }) =>
      new Promise<void>((resolve, reject) =>
        registrations.push({
          connection,
          url: endpoint.url,
          finish: (error) => (error ? reject(error) : resolve()),
        }),
      ),
    watches: () => [
      { connection: 'cw', resource: 'ticket' as const },
      { connection: 'cw', resource: 'asset' as const },
    ],
    look: (connection: string, resource: string) =>
      new Promise<'poll'>((resolve, reject) =>
        looks.push({ connection, resource, finish: (error) => (error ? reject(error) : resolve('poll')) }),
      ),
    stop: vi.fn(),
  }
  return { sources: sources as unknown as EventSources, looks, registrations, stop: sources.stop }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

it('looks at each watch at once, then pollMs after its last look ended, and keeps going after a failure', async () => {
  const { sources, looks } = scriptedSources()
  const errors: unknown[] = []
  const schedule = new InProcessWatchSchedule(sources, {
    pollMs: 5_000,
    onError: (error) => errors.push(error),
  })
  await schedule.start()
  expect(looks.map(({ resource }) => resource)).toEqual(['ticket', 'asset'])

  // A look still running holds its watch's next one back, however long it takes.
  await vi.advanceTimersByTimeAsync(20_000)
  expect(looks).toHaveLength(2)
  looks[0]!.finish(new Error('vendor down'))
  looks[1]!.finish()
  await vi.advanceTimersByTimeAsync(4_999)
  expect(looks).toHaveLength(2)
  await vi.advanceTimersByTimeAsync(1)
  expect(looks.slice(2).map(({ resource }) => resource)).toEqual(['ticket', 'asset'])
  expect(errors).toEqual([new Error('vendor down')])
  looks[2]!.finish()
  looks[3]!.finish()
  await schedule.close()
})

it('looks no more once closed, waiting for the looks running; a forced close stops their vendor calls', async () => {
  const { sources, looks, stop } = scriptedSources()
  const schedule = new InProcessWatchSchedule(sources, { pollMs: 5_000, onError: () => {} })
  await schedule.start()
  looks[0]!.finish()
  await vi.advanceTimersByTimeAsync(0)
  let closed = false
  const closing = schedule.close(true).then(() => (closed = true))
  expect(stop).toHaveBeenCalled()
  await vi.advanceTimersByTimeAsync(60_000)
  expect(closed).toBe(false)
  looks[1]!.finish()
  await closing
  expect(looks).toHaveLength(2)
})

it("registers each connection's callbacks at start, and after each failure again once its backoff has passed, until done", async () => {
  const { sources, looks, registrations } = scriptedSources()
  const errors: unknown[] = []
  const schedule = new InProcessWatchSchedule(sources, {
    pollMs: 0,
    onError: (error) => errors.push(error),
    callbackEndpointOf: (connection) => ({ url: `https://gateway.example/${connection}`, signingKey: 'k' }),
  })
  await schedule.start()
  expect(looks).toEqual([])
  expect(registrations.map(({ connection, url }) => [connection, url])).toEqual([
    ['cw', 'https://gateway.example/cw'],
    ['at', 'https://gateway.example/at'],
  ])

  // The share used up for two minutes at ConnectWise; Autotask down.
  registrations[0]!.finish(
    rateLimited(120, "the change events' share of the connectwise rate limit is used up"),
  )
  registrations[1]!.finish(new Error('vendor down'))
  await vi.advanceTimersByTimeAsync(29_999)
  expect(registrations).toHaveLength(2)
  await vi.advanceTimersByTimeAsync(1)
  expect(registrations.slice(2).map(({ connection }) => connection)).toEqual(['at'])
  // A second failure waits twice as long.
  registrations[2]!.finish(new Error('vendor down'))
  await vi.advanceTimersByTimeAsync(59_999)
  expect(registrations).toHaveLength(3)
  await vi.advanceTimersByTimeAsync(1)
  expect(registrations.slice(3).map(({ connection }) => connection)).toEqual(['at'])
  registrations[3]!.finish()
  // Two minutes after its failure, ConnectWise's share has turns again.
  await vi.advanceTimersByTimeAsync(29_999)
  expect(registrations).toHaveLength(4)
  await vi.advanceTimersByTimeAsync(1)
  expect(registrations.slice(4).map(({ connection }) => connection)).toEqual(['cw'])
  registrations[4]!.finish()

  // Done: never again.
  await vi.advanceTimersByTimeAsync(3_600_000)
  expect(registrations).toHaveLength(5)
  // The sources log a registration's failures; the schedule reports none as a look's.
  expect(errors).toEqual([])
  await schedule.close()
})

it('tries a registration again after 30 s, doubling up to half an hour, or when the share frees up if later', () => {
  const down = new Error('vendor down')
  expect([1, 2, 3, 6, 7, 50].map((failures) => registrationRetryMs(failures, down) / 1000)).toEqual([
    30, 60, 120, 960, 1800, 1800,
  ])
  expect(registrationRetryMs(1, rateLimited(120, 'used up'))).toBe(120_000)
  expect(registrationRetryMs(3, rateLimited(5, 'used up'))).toBe(120_000)
})
