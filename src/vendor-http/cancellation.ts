import { EventEmitter } from 'node:events'
import { onAbort } from './abort-watch.js'

/**
 * What cancels one vendor call: its deadline, and for a read the caller hanging up. It is the `signal` undici
 * documents besides AbortSignal: an EventEmitter that emits 'abort' with `aborted` and `reason` set. That, and
 * one timer, cost a tenth of a microsecond per call, where `AbortSignal.timeout` plus `AbortSignal.any` cost
 * about seven, and an AbortController two (the profile of the hot path showed them).
 */
export class CallCancellation extends EventEmitter {
  aborted = false
  reason: unknown = undefined
  readonly #timer: NodeJS.Timeout
  readonly #stopWatching: (() => void) | undefined

  constructor(timeoutMs: number, caller: AbortSignal | undefined) {
    super()
    this.#timer = setTimeout(
      () => this.#abort(new DOMException('the vendor did not answer in time', 'TimeoutError')),
      timeoutMs,
    ).unref()
    if (caller?.aborted) this.#abort(caller.reason)
    else if (caller) this.#stopWatching = onAbort(caller, () => this.#abort(caller.reason))
  }

  /** Once the call is over (answered or failed): the timer and the watch of the caller go. */
  dispose(): void {
    clearTimeout(this.#timer)
    this.#stopWatching?.()
  }

  #abort(reason: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    this.emit('abort')
  }
}
