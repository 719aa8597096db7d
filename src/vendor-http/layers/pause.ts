import { vendorUnavailable } from '../../errors.js'
import { onAbort } from '../abort-watch.js'

/** `timers/promises` setTimeout, or a fake in tests. */
export type Sleep = (ms: number, value: undefined, options: { signal?: AbortSignal }) => Promise<unknown>

/** Waits `ms`, or stops with `callerGone` as soon as the caller goes away. */
export type Pause = (ms: number, signal: AbortSignal | undefined) => Promise<void>

/** Nobody is waiting for the answer any more; logged, never seen by a caller. */
export const callerGone = (vendor: string) =>
  vendorUnavailable(503, `the ${vendor} call was abandoned: the caller went away`)

export const pauseWith =
  (sleep: Sleep, vendor: string): Pause =>
  async (ms, signal) => {
    if (signal?.aborted) throw callerGone(vendor)
    if (ms <= 0) return
    // The pause stops on a signal of its own, which the caller's aborts through its one listener (abort-watch.ts).
    const own = signal && new AbortController()
    const stopWatching = signal && onAbort(signal, () => own?.abort())
    try {
      await sleep(ms, undefined, { signal: own?.signal })
    } catch (error) {
      if (signal?.aborted) throw callerGone(vendor)
      throw error
    } finally {
      stopWatching?.()
    }
  }
