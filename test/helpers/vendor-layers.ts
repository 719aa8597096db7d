import { pino } from 'pino'
import type { VendorCall, VendorCallContext } from '../../src/vendor-http/call.js'
import type { Answered, Attempt, Dispatch, Exchange } from '../../src/vendor-http/layers/exchange.js'
import { exchangeFor } from '../../src/vendor-http/layers/exchange.js'
import type { VendorCallObserver } from '../../src/vendor-http/layers/observer.js'
import { pauseWith } from '../../src/vendor-http/layers/pause.js'

/** Fakes for the vendor client's layers, one at a time: nothing here waits for real time. */

export const silentLog = pino({ level: 'silent' })

/** A clock that moves only when slept on (or told), and the pause the layers take on it. */
export function fakeTime(start = 1_000_000) {
  let now = start
  const sleeps: number[] = []
  const sleep = async (ms: number) => {
    sleeps.push(ms)
    now += ms
  }
  return {
    now: () => now,
    advance: (ms: number) => (now += ms),
    sleeps,
    sleep,
    pause: pauseWith(sleep, 'testvendor'),
  }
}

export const exchangeOf = (
  call: Partial<VendorCall> = {},
  context: Partial<VendorCallContext> = {},
): Exchange => exchangeFor({ method: 'GET', path: '/x', ...call }, { log: silentLog, ...context })

export const answered = (status: number, extra: Partial<Answered> = {}): Answered => ({
  kind: 'response',
  status,
  headers: {},
  body: {},
  bytes: Buffer.from('{}'),
  ...extra,
})

/** The layers below, answering each send with the next of `results` (the last one repeats). */
export function below(...results: Attempt[]) {
  const sent: Exchange[] = []
  let readied = 0
  const dispatch: Dispatch = {
    ready: async () => {
      readied += 1
      return undefined
    },
    send: async (exchange) => {
      sent.push({ ...exchange })
      return results[Math.min(sent.length - 1, results.length - 1)]!
    },
  }
  return { dispatch, sent, readied: () => readied }
}

/** An observer that keeps what it was told. */
export function recordingObserver() {
  const events: string[] = []
  const observer: VendorCallObserver = {
    attempted: (_exchange, result, ms) =>
      events.push(`attempted ${result.kind === 'response' ? result.status : 'transport'} ${ms}ms`),
    turnGranted: (waitMs) => events.push(`granted ${waitMs}`),
    turnRefused: () => events.push('refused'),
    lateTurn: () => events.push('late'),
  }
  return { observer, events }
}
