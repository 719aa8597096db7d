/** What the window looks like after an attempt, for vendors that report it in headers. */
export interface RollingWindowState {
  accepted: boolean
  /** Requests still allowed in the window, this one counted. */
  remaining: number
  /** Milliseconds until the oldest request in the window leaves it (a slot frees); 0 when it is empty. */
  msUntilNextSlot: number
}

/**
 * A rolling-window limit per key (Syncro: per client IP; ConnectWise: per API member; HaloPSA: per tenant): at
 * most `limit` accepted requests in any `windowMs`.
 * Rejected requests are not recorded, so they do not extend the wait.
 */
export class RollingWindowLimiter {
  private readonly windows = new Map<string, AcceptedTimes>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  tryAcquire(key: string): boolean {
    return this.acquire(key).accepted
  }

  acquire(key: string): RollingWindowState {
    const now = this.clock()
    let window = this.windows.get(key)
    if (!window) this.windows.set(key, (window = new AcceptedTimes()))
    window.dropUntil(now - this.windowMs)
    const accepted = window.size < this.limit
    if (accepted) window.push(now)
    const oldest = window.oldest
    return {
      accepted,
      remaining: this.limit - window.size,
      // Whole milliseconds: with a fractional clock, `oldest + window - now` can exceed the window by a rounding error.
      msUntilNextSlot: oldest === undefined ? 0 : Math.round(oldest + this.windowMs - now),
    }
  }
}

/**
 * Accepted times in arrival order (the clock is monotonic), as a queue: the expired ones leave from the front
 * in O(1) each, so a window holding many requests (a benchmark's limit) costs no more per request than a small one.
 */
class AcceptedTimes {
  #times: number[] = []
  #head = 0

  get size(): number {
    return this.#times.length - this.#head
  }

  get oldest(): number | undefined {
    return this.#times[this.#head]
  }

  push(at: number): void {
    this.#times.push(at)
  }

  /** Forgets every time at or before `cutoff`. */
  dropUntil(cutoff: number): void {
    while (this.#head < this.#times.length && this.#times[this.#head]! <= cutoff) this.#head++
    // Compact once the dead front is the larger half, so memory follows the window, not the history.
    if (this.#head > 1_024 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head)
      this.#head = 0
    }
  }
}
