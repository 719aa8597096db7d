import type { EmulatorStats } from './stats.js'

/** One POST an emulator made to a callback URL, and how it ended. */
export interface CallbackAttempt {
  url: string
  headers: Readonly<Record<string, string>>
  body: string
  /** The receiver's status; null when no answer came (refused, timed out, cancelled at close). */
  status: number | null
  error: string | null
}

/** The latest attempts only, so a long-running sandbox does not grow without bound. */
const ATTEMPT_LOG_SIZE = 1_000

export interface CallbackSenderOptions {
  /** How long one POST may take, answer included; default 10 000 ms. */
  timeoutMs?: number
  /** The emulator's stats, whose `callbacks` counts are kept here. */
  stats?: EmulatorStats
}

/**
 * Posts an emulator's callbacks: each one after the write that caused it has returned (never delaying the API's
 * answer), once, with a bounded time. No vendor source states a retry for ConnectWise, HaloPSA or Syncro
 * callbacks (docs/events-sources.md 1.4, 2.2, 3), so a failure is counted and dropped. Redirects are not
 * followed. `close` cancels what is still pending or in flight and waits for it to settle.
 */
export class CallbackSender {
  /** Finished attempts, oldest first. */
  readonly sent: CallbackAttempt[] = []
  #failed = 0
  readonly #timeoutMs: number
  readonly #stats: EmulatorStats | undefined
  readonly #closing = new AbortController()
  readonly #pending = new Set<Promise<void>>()

  constructor(options: CallbackSenderOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 10_000
    this.#stats = options.stats
  }

  /** Attempts that got no 2xx answer. */
  get failed(): number {
    return this.#failed
  }

  /**
   * Builds the request on a later turn of the event loop (so a record written in several steps is sent as it
   * ends up), then posts it. `build` answers undefined to send nothing.
   */
  schedule(build: () => { url: string; headers: Record<string, string>; body: string } | undefined): void {
    if (this.#closing.signal.aborted) return
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      if (this.#closing.signal.aborted) return
      const request = build()
      if (request) await this.#post(request)
    })
    this.#pending.add(run)
    void run.finally(() => this.#pending.delete(run))
  }

  /** Resolves once every callback scheduled so far has been sent or has failed. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending])
  }

  async close(): Promise<void> {
    this.#closing.abort()
    await Promise.allSettled([...this.#pending])
  }

  async #post(request: { url: string; headers: Record<string, string>; body: string }): Promise<void> {
    const headers = { 'content-type': 'application/json', ...request.headers }
    let status: number | null = null
    let error: string | null = null
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.any([this.#closing.signal, AbortSignal.timeout(this.#timeoutMs)]),
      })
      status = response.status
      await response.body?.cancel()
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure)
    }
    const failed = status === null || status < 200 || status > 299
    if (failed) this.#failed++
    if (this.#stats) {
      this.#stats.callbacks.sent++
      if (failed) this.#stats.callbacks.failed++
    }
    this.sent.push({ url: request.url, headers, body: request.body, status, error })
    if (this.sent.length > ATTEMPT_LOG_SIZE) this.sent.splice(0, this.sent.length - ATTEMPT_LOG_SIZE)
  }
}
