import { getEventListeners } from 'node:events'
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { onAbort } from '../../src/vendor-http/abort-watch.js'
import { CallCancellation } from '../../src/vendor-http/cancellation.js'
import { pauseWith } from '../../src/vendor-http/layers/pause.js'
import { KeyedSlots } from '../../src/vendor-http/slots.js'

it('gives a signal one abort listener however many watch it, and calls each watch once', () => {
  const controller = new AbortController()
  const calls: number[] = []
  const stops = Array.from({ length: 20 }, (_, index) => onAbort(controller.signal, () => calls.push(index)))
  stops[3]!()
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
  controller.abort()
  controller.abort()
  expect(calls).toEqual(Array.from({ length: 20 }, (_, index) => index).filter((index) => index !== 3))
})

it('never calls back for a signal aborted already, as addEventListener', () => {
  let called = false
  onAbort(AbortSignal.abort(), () => {
    called = true
  })
  expect(called).toBe(false)
})

it('has the vendor calls, pauses and slot waits of one signal add one listener each kind, not one each', async () => {
  const controller = new AbortController()
  const { signal } = controller
  const calls = Array.from({ length: 15 }, () => new CallCancellation(60_000, signal))
  const pause = pauseWith(sleep, 'syncro')
  const pauses = Array.from({ length: 15 }, () => pause(60_000, signal).catch((error: unknown) => error))
  const slots = new KeyedSlots(1, sleep)
  const held = await slots.take('key', 60_000, signal)
  const waits = Array.from({ length: 15 }, () => slots.take('key', 60_000, signal))
  expect(held).toBe('taken')
  expect(getEventListeners(signal, 'abort').length).toBeLessThanOrEqual(3)
  controller.abort()
  await nextTurn()
  expect(calls.every((call) => call.aborted)).toBe(true)
  expect(
    (await Promise.all(pauses)).every((error) => (error as Error).message.includes('caller went away')),
  ).toBe(true)
  expect(await Promise.all(waits)).toEqual(Array.from({ length: 15 }, () => 'abandoned'))
  for (const call of calls) call.dispose()
})
