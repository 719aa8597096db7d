/** What a database write did to a record. */
export type ChangeAction = 'created' | 'updated' | 'deleted'

/**
 * The changes an emulator's database announces from its write methods, whoever called them (a route, a test, the
 * sandbox activity), so that whatever listens (the vendor's callbacks) sees every change once. Listeners run
 * synchronously inside the write: one must only note the change and do its work later.
 */
export class ChangeFeed<Change> {
  readonly #listeners = new Set<(change: Change) => void>()

  /** Returns the function that stops listening. */
  listen(listener: (change: Change) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  announce(change: Change): void {
    for (const listener of this.#listeners) listener(change)
  }
}
