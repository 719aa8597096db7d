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
  private readonly acceptedAt = new Map<string, number[]>()

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
    const recent = (this.acceptedAt.get(key) ?? []).filter((at) => now - at < this.windowMs)
    const accepted = recent.length < this.limit
    if (accepted) recent.push(now)
    this.acceptedAt.set(key, recent)
    const oldest = recent[0]
    return {
      accepted,
      remaining: this.limit - recent.length,
      // Whole milliseconds: with a fractional clock, `oldest + window - now` can exceed the window by a rounding error.
      msUntilNextSlot: oldest === undefined ? 0 : Math.round(oldest + this.windowMs - now),
    }
  }
}
