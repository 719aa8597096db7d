import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { EventSources } from '../../../event-sources/event-sources.js'
import { InProcessWatchSchedule } from '../../../event-sources/schedule/in-process-schedule.js'

/** The looks the schedule asks for, each answered when the test says. */
function scriptedSources() {
  const looks: Array<{ connection: string; resource: string; finish: (error?: Error) => void }> = []
  const sources = {
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
  return { sources: sources as unknown as EventSources, looks, stop: sources.stop }
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
  const schedule = new InProcessWatchSchedule(sources, 5_000, (error) => errors.push(error))
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
  const schedule = new InProcessWatchSchedule(sources, 5_000, () => {})
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
