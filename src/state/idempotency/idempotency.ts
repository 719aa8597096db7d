import { randomUUID } from 'node:crypto'

/**
 * Idempotency records: the first answer to a write sent with an `Idempotency-Key`, replayed to any repeat of it
 * (same key, same body) for 24 hours.
 *
 * A request that runs holds its key by a lease, renewed while it lives (a heartbeat). A repeat that finds the
 * lease run out knows the first attempt's process is gone (killed, frozen, cut off from the store) and takes
 * the key over; if that attempt had already sent its write to the vendor (`sentAt`), the new owner is told so
 * and checks at the vendor before writing. The owner marks the claim just before its vendor write and learns
 * then whether the key is still its own, so an owner taken for dead never writes after its successor.
 */

export interface StoredAnswer {
  status: number
  headers: Record<string, string>
  body: string
  /** When the answer was given (epoch ms). */
  at?: number
  /** The answer tells of a write that may or may not have happened at the vendor. */
  writeOutcomeUnknown?: true
}

export type IdempotencyClaim =
  /**
   * This caller runs the request; `owner` marks, completes or abandons the claim. `earlierWriteSentAt`: the key
   * was taken over from an owner that is gone after it had sent its write (or from one that was itself unsure):
   * when the earliest such write was sent (the store's clock), so that a look at the vendor covers it.
   */
  | { kind: 'started'; owner: string; earlierWriteSentAt?: number }
  | { kind: 'replay'; answer: StoredAnswer }
  /** The first request with this key still runs (or its write may still land): come back after `retryAfterMs`. */
  | { kind: 'in-flight'; retryAfterMs: number }
  /** The key was used with another request. */
  | { kind: 'mismatch' }

export interface IdempotencyStore {
  begin(key: string, fingerprint: string): Promise<IdempotencyClaim>
  /** The owner lives: its lease is extended. False when the key is no longer its own. */
  renew(key: string, owner: string): Promise<boolean>
  /** Just before the owner's vendor write: notes that it was sent; false (send nothing) when the key is not its own. */
  markSending(key: string, owner: string): Promise<boolean>
  complete(key: string, owner: string, fingerprint: string, answer: StoredAnswer): Promise<void>
  /**
   * Releases a claim without an answer to keep: the write did not happen (the vendor refused it, or it was never
   * sent), so a repeat may run. With `mayHaveWritten` (a write was sent, then this process failed), or when the
   * claim itself carries an earlier attempt's doubt, the claim stays with its lease ended: the next repeat takes
   * it over and checks at the vendor first.
   */
  abandon(key: string, owner: string, mayHaveWritten: boolean): Promise<void>
}

export interface LeaseSettings {
  /** How long a claim lives without a heartbeat: an owner silent this long is taken for gone. */
  leaseMs: number
  /**
   * How long after a write was sent it may still land at the vendor (the vendor call's timeout): a successor
   * waits this out before it looks for the record that write made.
   */
  settleMs: number
}

export const IDEMPOTENCY_REPLAY_MS = 24 * 60 * 60_000
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 10_000
/** How often the in-memory records are swept of expired ones. */
const SWEEP_EVERY_MS = 60_000

type MemoryRecord =
  | {
      state: 'in-flight'
      fingerprint: string
      owner: string
      leaseUntil: number
      sentAt?: number
      /** When the earliest write that may have happened under this key was sent: kept through takeovers. */
      doubtSince?: number
      expiresAt: number
    }
  | { state: 'done'; fingerprint: string; answer: StoredAnswer; expiresAt: number }

type InFlight = Extract<MemoryRecord, { state: 'in-flight' }>

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, MemoryRecord>()
  #sweptAt = 0

  constructor(
    private readonly lease: LeaseSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async begin(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    this.#sweep()
    const now = this.now()
    const record = this.#live(key)
    if (record && record.fingerprint !== fingerprint) return { kind: 'mismatch' }
    if (record?.state === 'done') return { kind: 'replay', answer: record.answer }
    if (record && record.leaseUntil > now) return { kind: 'in-flight', retryAfterMs: record.leaseUntil - now }
    if (record?.sentAt !== undefined && record.sentAt + this.lease.settleMs > now)
      return { kind: 'in-flight', retryAfterMs: record.sentAt + this.lease.settleMs - now }
    const doubtSince = record?.doubtSince ?? record?.sentAt
    const owner = randomUUID()
    this.#records.set(key, {
      state: 'in-flight',
      fingerprint,
      owner,
      leaseUntil: now + this.lease.leaseMs,
      ...(doubtSince === undefined ? {} : { doubtSince }),
      expiresAt: now + IDEMPOTENCY_REPLAY_MS,
    })
    return doubtSince === undefined
      ? { kind: 'started', owner }
      : { kind: 'started', owner, earlierWriteSentAt: doubtSince }
  }

  async renew(key: string, owner: string): Promise<boolean> {
    const record = this.#owned(key, owner)
    if (record) record.leaseUntil = this.now() + this.lease.leaseMs
    return record !== undefined
  }

  async markSending(key: string, owner: string): Promise<boolean> {
    const record = this.#owned(key, owner)
    if (record) {
      record.sentAt = this.now()
      record.leaseUntil = record.sentAt + this.lease.leaseMs
    }
    return record !== undefined
  }

  async complete(key: string, owner: string, fingerprint: string, answer: StoredAnswer): Promise<void> {
    if (!this.#owned(key, owner)) return
    this.#records.set(key, {
      state: 'done',
      fingerprint,
      answer,
      expiresAt: this.now() + IDEMPOTENCY_REPLAY_MS,
    })
  }

  async abandon(key: string, owner: string, mayHaveWritten: boolean): Promise<void> {
    const record = this.#owned(key, owner)
    if (!record) return
    if (!mayHaveWritten && record.doubtSince === undefined) {
      this.#records.delete(key)
      return
    }
    record.doubtSince ??= record.sentAt
    record.leaseUntil = 0
  }

  #owned(key: string, owner: string): InFlight | undefined {
    const record = this.#live(key)
    return record?.state === 'in-flight' && record.owner === owner ? record : undefined
  }

  /** Drops expired records now and then, so keys never asked for again do not stay for the process's life. */
  #sweep(): void {
    const now = this.now()
    if (now - this.#sweptAt < SWEEP_EVERY_MS) return
    this.#sweptAt = now
    for (const [key, record] of this.#records) if (record.expiresAt <= now) this.#records.delete(key)
  }

  #live(key: string): MemoryRecord | undefined {
    const record = this.#records.get(key)
    if (record && record.expiresAt <= this.now()) {
      this.#records.delete(key)
      return undefined
    }
    return record
  }
}
