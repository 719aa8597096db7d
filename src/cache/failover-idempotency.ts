import type { FastifyBaseLogger } from 'fastify'
import type { IdempotencyClaim, IdempotencyStore, StoredAnswer } from './idempotency.js'

/**
 * The shared records while the store answers, this process's own while it does not. A claim is completed or
 * released in the store that granted it (its owner says which), so a claim made here while Redis was away is
 * not lost when Redis returns mid-request.
 */
export class FailoverIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly shared: IdempotencyStore,
    private readonly local: IdempotencyStore,
    private readonly store: { readonly available: boolean },
    private readonly log: FastifyBaseLogger,
  ) {}

  async begin(key: string, fingerprint: string): Promise<IdempotencyClaim> {
    if (this.store.available) {
      try {
        return tagOwner(await this.shared.begin(key, fingerprint), 'shared')
      } catch (error) {
        this.log.warn({ err: error }, "shared idempotency records did not answer; using this process's own")
      }
    }
    return tagOwner(await this.local.begin(key, fingerprint), 'local')
  }

  async complete(key: string, owner: string, fingerprint: string, answer: StoredAnswer): Promise<void> {
    const [store, id] = this.#route(owner)
    await store.complete(key, id, fingerprint, answer)
  }

  async abandon(key: string, owner: string): Promise<void> {
    const [store, id] = this.#route(owner)
    await store.abandon(key, id)
  }

  #route(owner: string): [IdempotencyStore, string] {
    const [where, id = ''] = owner.split(':', 2)
    return [where === 'shared' ? this.shared : this.local, id]
  }
}

const tagOwner = (claim: IdempotencyClaim, where: 'shared' | 'local'): IdempotencyClaim =>
  claim.kind === 'started' ? { kind: 'started', owner: `${where}:${claim.owner}` } : claim
