import { onAbort } from './abort-watch.js'
import type { Sleep } from './layers/pause.js'

/** How a wait for a slot ended. */
export type SlotWait = 'taken' | 'timed-out' | 'abandoned'

interface KeyState {
  inFlight: number
  /** Waiting callers, first come first served: each is handed a freed slot directly. */
  waiters: Array<() => void>
}

/**
 * At most `limit` holders per key at once (this process's). A freed slot goes to the key's longest waiter; a key
 * with no holder and no waiter is forgotten, so that keys a caller picks (a passthrough path) do not pile up.
 */
export class KeyedSlots {
  readonly #keys = new Map<string, KeyState>()

  constructor(
    readonly limit: number,
    /** Times the waits out: `timers/promises` setTimeout, or a fake in tests. */
    private readonly sleep: Sleep,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('a slot limit is a whole number from 1')
  }

  /** A slot of `key`, waited for up to `maxWaitMs`; 'abandoned' as soon as `signal` aborts. */
  take(key: string, maxWaitMs: number, signal: AbortSignal | undefined): Promise<SlotWait> {
    if (signal?.aborted) return Promise.resolve('abandoned')
    let state = this.#keys.get(key)
    if (!state) this.#keys.set(key, (state = { inFlight: 0, waiters: [] }))
    if (state.inFlight < this.limit) {
      state.inFlight += 1
      return Promise.resolve('taken')
    }
    if (maxWaitMs <= 0) return Promise.resolve('timed-out')
    const { waiters } = state
    return new Promise<SlotWait>((resolve) => {
      const timer = new AbortController()
      let stopWatching: (() => void) | undefined
      const end = (outcome: SlotWait) => {
        timer.abort()
        stopWatching?.()
        if (outcome !== 'taken') {
          const at = waiters.indexOf(handOver)
          if (at >= 0) waiters.splice(at, 1)
          this.#forgetIfIdle(key)
        }
        resolve(outcome)
      }
      // The slot's holder leaves it to this waiter: the key's count stays.
      const handOver = () => end('taken')
      const abandon = () => end('abandoned')
      waiters.push(handOver)
      if (signal) stopWatching = onAbort(signal, abandon)
      this.sleep(maxWaitMs, undefined, { signal: timer.signal }).then(
        () => {
          if (waiters.includes(handOver)) end('timed-out')
        },
        () => {},
      )
    })
  }

  /** Gives back a slot of `key` taken before. */
  free(key: string): void {
    const state = this.#keys.get(key)
    if (!state) return
    const next = state.waiters.shift()
    if (next) return next()
    state.inFlight -= 1
    this.#forgetIfIdle(key)
  }

  /** How many keys have a slot held or waited for (the others are forgotten). */
  get busyKeys(): number {
    return this.#keys.size
  }

  #forgetIfIdle(key: string): void {
    const state = this.#keys.get(key)
    if (state && state.inFlight === 0 && state.waiters.length === 0) this.#keys.delete(key)
  }
}
