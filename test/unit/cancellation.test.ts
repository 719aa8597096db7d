import { EventEmitter } from 'node:events'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { FastifyReply } from 'fastify'
import { afterEach, expect, it, vi } from 'vitest'
import { callerSignal } from '../../src/http/caller-signal.js'
import { CallCancellation } from '../../src/vendor-http/cancellation.js'

const replyWith = (raw: EventEmitter & { writableFinished?: boolean }) => ({ raw }) as unknown as FastifyReply

afterEach(() => {
  vi.useRealTimers()
})

it('cancels every vendor read of a request when its caller hangs up, however many run, without a warning', async () => {
  const warnings: Error[] = []
  const onWarning = (warning: Error) => warnings.push(warning)
  process.on('warning', onWarning)
  try {
    const raw = Object.assign(new EventEmitter(), { writableFinished: false })
    const signal = callerSignal(replyWith(raw))
    const calls = Array.from({ length: 12 }, () => new CallCancellation(60_000, signal))
    raw.emit('close')
    await nextTurn()
    expect(calls.every((call) => call.aborted && (call.reason as Error).name === 'AbortError')).toBe(true)
    for (const call of calls) call.dispose()
    expect(warnings).toEqual([])
  } finally {
    process.off('warning', onWarning)
  }
})

it('times out as a TimeoutError, and a disposed call neither times out nor listens to its caller', () => {
  vi.useFakeTimers()
  const caller = new AbortController()
  const late = new CallCancellation(1_000, caller.signal)
  const done = new CallCancellation(1_000, caller.signal)
  done.dispose()
  vi.advanceTimersByTime(1_000)
  expect([late.aborted, (late.reason as Error).name]).toEqual([true, 'TimeoutError'])
  caller.abort()
  expect(done.aborted).toBe(false)
})

it('starts aborted when the caller has already gone', () => {
  const caller = new AbortController()
  caller.abort()
  const call = new CallCancellation(1_000, caller.signal)
  expect(call.aborted).toBe(true)
  call.dispose()
})
