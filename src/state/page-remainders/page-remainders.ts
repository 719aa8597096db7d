/**
 * The records of a vendor page that a list page split and did not return, kept briefly so the next page serves
 * them without fetching that vendor page again. Only a saving: a remainder that is gone (expired, evicted, the
 * store unreachable) is fetched again, as it would have been without it.
 */
export interface PageRemainders {
  put(connection: string, token: string, remainder: string): Promise<void>
  get(connection: string, token: string): Promise<string | undefined>
}

/** Long enough for the next page of a walk, short enough that a remainder is never older than a page's worth. */
export const PAGE_REMAINDER_TTL_MS = 60_000

/** At most this many remainders in one process (each at most one vendor page, about 100 records). */
const MEMORY_CAPACITY = 256

export class MemoryPageRemainders implements PageRemainders {
  readonly #entries = new Map<string, { remainder: string; expiresAt: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  async put(connection: string, token: string, remainder: string): Promise<void> {
    if (this.#entries.size >= MEMORY_CAPACITY) {
      // Maps iterate in insertion order: the oldest goes first.
      this.#entries.delete(this.#entries.keys().next().value!)
    }
    this.#entries.set(`${connection}\n${token}`, { remainder, expiresAt: this.now() + PAGE_REMAINDER_TTL_MS })
  }

  async get(connection: string, token: string): Promise<string | undefined> {
    const key = `${connection}\n${token}`
    const entry = this.#entries.get(key)
    if (entry && this.now() >= entry.expiresAt) this.#entries.delete(key)
    return entry && this.now() < entry.expiresAt ? entry.remainder : undefined
  }
}
