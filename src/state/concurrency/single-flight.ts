/** At most one `run` per key in flight in this process; later callers share its promise. */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T>>()

  run(key: string, work: () => Promise<T>): Promise<T> {
    const existing = this.#inFlight.get(key)
    if (existing) return existing
    const promise = work().finally(() => this.#inFlight.delete(key))
    this.#inFlight.set(key, promise)
    return promise
  }
}
