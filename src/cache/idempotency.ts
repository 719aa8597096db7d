import { randomUUID } from 'node:crypto'

/**
 * Idempotency records: the first answer to a write sent with an `Idempotency-Key`, replayed to any repeat
 * of it (same key, same body) for 24 hours.
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
  /** This caller runs the request; `owner` completes or abandons the claim. */
  | { kind: 'started'; owner: string }
  | { kind: 'replay'; answer: StoredAnswer }
  /** The first request with this key is still running. */
  | { kind: 'in-flight' }
  /** The key was used with another request. */
  | { kind: 'mismatch' }

export interface IdempotencyStore {
  begin(key: string, fingerprint: string): Promise<IdempotencyClaim>
  complete(key: string, owner: string, fingerprint: string, answer: StoredAnswer): Promise<void>
  /** Releases a claim without an answer to keep (the request failed on our side or the vendor's): a retry may run. */
  abandon(key: string, owner: string): Promise<void>
}

export const IDEMPOTENCY_REPLAY_MS = 24 * 60 * 60_000
/**
 * Longer than any request may run (queueing, retries, token and reference waits), so a claim whose process
 * died frees itself, and a live one never expires under its request.
 */
export const IDEMPOTENCY_IN_FLIGHT_MS = 5 * 60_000
/** How often the in-memory records are swept of expired ones. */
const SWEEP_EVERY_MS = 60_000

type MemoryRecord =
  | { state: 'in-flight'; fingerprint: string; owner: string; expiresAt: number }
  | { state: 'done'; fingerprint: string; answer: StoredAnswer; expiresAt: number }

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, MemoryRecord>()
  #sweptAt = 0

  constructor(private readonly now: () => number = Date.now) {}

  async begin(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    this.#sweep()
    const record = this.#live(key)
    if (!record) {
      const owner = randomUUID()
      this.#records.set(key, {
        state: 'in-flight',
        fingerprint,
        owner,
        expiresAt: this.now() + IDEMPOTENCY_IN_FLIGHT_MS,
      })
      return { kind: 'started', owner }
    }
    if (record.fingerprint !== fingerprint) return { kind: 'mismatch' }
    return record.state === 'in-flight' ? { kind: 'in-flight' } : { kind: 'replay', answer: record.answer }
  }

  async complete(key: string, owner: string, fingerprint: string, answer: StoredAnswer): Promise<void> {
    const record = this.#live(key)
    if (record && (record.state !== 'in-flight' || record.owner !== owner)) return
    this.#records.set(key, {
      state: 'done',
      fingerprint,
      answer,
      expiresAt: this.now() + IDEMPOTENCY_REPLAY_MS,
    })
  }

  async abandon(key: string, owner: string): Promise<void> {
    const record = this.#live(key)
    if (record?.state === 'in-flight' && record.owner === owner) this.#records.delete(key)
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
