import type { BucketSpec, RateLimiter } from '../state/limiter/types.js'

/** A turn: when it is due on this process's clock, and its name on the limiter's clock (to give it back). */
export interface Turn {
  dueAt: number
  limiterAt?: number
}

interface ReservedTurns {
  bucket: BucketSpec
  limiter: RateLimiter
  /** Earliest first. */
  turns: Turn[]
}

/**
 * One request's place at the vendors' rate limits. Under overload a request whose vendor calls each queued on
 * their own would lose its later calls to newcomers, and the calls it had made would be spent for nothing. So a
 * request that has begun goes ahead of newcomers (`started`), and a request that knows it will make several
 * calls (a page filled from several vendor pages) reserves their turns together (`expect`). Turns it reserved
 * and did not use are given back when it ends, so the callers queued behind them move up.
 */
export class RequestAdmission {
  #started = false
  #expected = 0
  readonly #reserved = new Map<string, ReservedTurns>()

  constructor(private readonly now: () => number = Date.now) {}

  /** A vendor turn was granted to this request: its further calls are follow-ups. */
  get started(): boolean {
    return this.#started
  }

  markStarted(): void {
    this.#started = true
  }

  /** The request will make `calls` more vendor calls: the next turn it takes reserves them all. */
  expect(calls: number): void {
    this.#expected = Math.max(this.#expected, Math.floor(calls))
  }

  /** How many turns the next reservation takes (at least one); the expectation is used up. */
  takeExpected(): number {
    const count = Math.max(1, this.#expected)
    this.#expected = 0
    return count
  }

  keep(bucket: BucketSpec, limiter: RateLimiter, turns: Turn[]): void {
    if (turns.length === 0) return
    const entry = this.#reserved.get(bucket.key)
    if (entry) entry.turns.push(...turns)
    else this.#reserved.set(bucket.key, { bucket, limiter, turns: [...turns] })
  }

  /**
   * The next reserved turn of this bucket, if one is left that is not too late to use: a turn more than
   * `toleranceMs` past its time is void (a send now would break the spacing the vendor's window relies on).
   */
  takeReserved(bucketKey: string, toleranceMs: number): Turn | undefined {
    const entry = this.#reserved.get(bucketKey)
    if (!entry) return undefined
    const now = this.now()
    while (entry.turns.length > 0 && entry.turns[0]!.dueAt + toleranceMs < now) entry.turns.shift()
    return entry.turns.shift()
  }

  /** Turns of this bucket due before `untilMs` are void: the vendor asked for nothing before then. */
  dropBefore(bucketKey: string, untilMs: number): void {
    const entry = this.#reserved.get(bucketKey)
    if (entry) entry.turns = entry.turns.filter((turn) => turn.dueAt >= untilMs)
  }

  /** Gives back every reserved turn still ahead; called once the request has its answer (or its caller left). */
  async release(): Promise<void> {
    const now = this.now()
    const entries = [...this.#reserved.values()]
    this.#reserved.clear()
    await Promise.all(
      entries.map(async ({ bucket, limiter, turns }) => {
        const ahead = turns.flatMap((turn) =>
          turn.dueAt > now && turn.limiterAt !== undefined ? [turn.limiterAt] : [],
        )
        if (ahead.length > 0) await limiter.release(bucket, ahead).catch(() => {})
      }),
    )
  }
}
