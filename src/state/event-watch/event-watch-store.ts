import type { EventResource } from '../../canonical/event.js'
import { admitted, kindKept, type ChangeKind, type OfferedChange } from './version-order.js'

/** Where a connection's watch of one resource is (docs/events.md, "Where events come from"). */
export interface WatchMark {
  /** The latest vendor `updatedAt` a poll saw (ISO 8601): the next poll reads from a little before it. */
  watermark?: string
  /** When the last poll that succeeded began (gateway time, ISO 8601): changes before it were seen. */
  polledAt?: string
  /** When the sources first looked at the resource (ISO 8601). */
  startedAt?: string
  /** When the last walk of the whole list succeeded (ISO 8601): until one has, the known versions are partial. */
  walkedAt?: string
}

/**
 * What the event sources remember per connection and resource, shared by the replicas: the mark, the version
 * (`updatedAt`) of each record known to exist, which is how a walk tells created, updated and gone records apart,
 * and the last change logged of each record, which keeps each record's events in the order of its versions.
 */
export interface EventWatchStore {
  mark(connection: string, resource: EventResource): Promise<WatchMark>
  /** Merges `mark` into the one kept. */
  setMark(connection: string, resource: EventResource, mark: WatchMark): Promise<void>
  /** Every known record id with its version. */
  known(connection: string, resource: EventResource): Promise<Map<string, string>>
  /** The versions known of `ids` (an id not known is absent). */
  knownOf(connection: string, resource: EventResource, ids: readonly string[]): Promise<Map<string, string>>
  /** Records `versions` (id -> version) as known, replacing the versions known before for those ids. */
  remember(connection: string, resource: EventResource, versions: ReadonlyMap<string, string>): Promise<void>
  forget(connection: string, resource: EventResource, ids: readonly string[]): Promise<void>
  /**
   * Admits changes to the log in each record's version order (version-order.ts), atomically per record whichever
   * replica offers them: answers the kind to log each as, or null for one older than a change admitted before (a
   * read that ended after a newer version was logged). The change is noted as the record's last.
   */
  admit(
    connection: string,
    resource: EventResource,
    offered: readonly OfferedChange[],
  ): Promise<Array<ChangeKind | null>>
  /** The kind of the record's last change admitted; undefined when none was. */
  lastAdmitted(connection: string, resource: EventResource, id: string): Promise<ChangeKind | undefined>
  /** Every mark kept, for the pollers' lag metric. */
  marks(): Promise<Array<{ connection: string; resource: EventResource; mark: WatchMark }>>
  /**
   * The lease of one look at a resource, for `ms` unless renewed: true when `owner` holds it now. A scheduled look
   * that finds it held by another skips its turn (a long walk outlasting the poll interval).
   */
  claim(connection: string, resource: EventResource, owner: string, ms: number): Promise<boolean>
  /** Releases the lease, if `owner` still holds it. */
  release(connection: string, resource: EventResource, owner: string): Promise<void>
}

const slot = (connection: string, resource: EventResource) => `${connection}\n${resource}`

/** The watch of one process. */
export class MemoryEventWatchStore implements EventWatchStore {
  readonly #marks = new Map<string, { connection: string; resource: EventResource; mark: WatchMark }>()
  readonly #known = new Map<string, Map<string, string>>()
  /** Per slot, each record's last change admitted (`<ms>:<kind>`). */
  readonly #admitted = new Map<string, Map<string, string>>()
  readonly #leases = new Map<string, { owner: string; until: number }>()

  constructor(private readonly now: () => number = Date.now) {}

  async mark(connection: string, resource: EventResource): Promise<WatchMark> {
    return { ...this.#marks.get(slot(connection, resource))?.mark }
  }

  async setMark(connection: string, resource: EventResource, mark: WatchMark): Promise<void> {
    const kept = this.#marks.get(slot(connection, resource))?.mark
    this.#marks.set(slot(connection, resource), { connection, resource, mark: { ...kept, ...mark } })
  }

  async known(connection: string, resource: EventResource): Promise<Map<string, string>> {
    return new Map(this.#known.get(slot(connection, resource)))
  }

  async knownOf(connection: string, resource: EventResource, ids: readonly string[]) {
    const known = this.#known.get(slot(connection, resource))
    const versions = new Map<string, string>()
    for (const id of ids) {
      const version = known?.get(id)
      if (version !== undefined) versions.set(id, version)
    }
    return versions
  }

  async remember(
    connection: string,
    resource: EventResource,
    versions: ReadonlyMap<string, string>,
  ): Promise<void> {
    const known = this.#known.get(slot(connection, resource)) ?? new Map<string, string>()
    for (const [id, version] of versions) known.set(id, version)
    this.#known.set(slot(connection, resource), known)
  }

  async forget(connection: string, resource: EventResource, ids: readonly string[]): Promise<void> {
    const known = this.#known.get(slot(connection, resource))
    for (const id of ids) known?.delete(id)
  }

  async admit(connection: string, resource: EventResource, offered: readonly OfferedChange[]) {
    const kept = this.#admitted.get(slot(connection, resource)) ?? new Map<string, string>()
    this.#admitted.set(slot(connection, resource), kept)
    return offered.map((change) => {
      const admission = admitted(kept.get(change.id), change)
      if (admission) kept.set(change.id, admission.keep)
      return admission?.kind ?? null
    })
  }

  async lastAdmitted(connection: string, resource: EventResource, id: string) {
    return kindKept(this.#admitted.get(slot(connection, resource))?.get(id))
  }

  async marks() {
    return [...this.#marks.values()].map((entry) => ({ ...entry, mark: { ...entry.mark } }))
  }

  async claim(connection: string, resource: EventResource, owner: string, ms: number): Promise<boolean> {
    const lease = this.#leases.get(slot(connection, resource))
    if (lease && lease.owner !== owner && lease.until > this.now()) return false
    this.#leases.set(slot(connection, resource), { owner, until: this.now() + ms })
    return true
  }

  async release(connection: string, resource: EventResource, owner: string): Promise<void> {
    if (this.#leases.get(slot(connection, resource))?.owner === owner)
      this.#leases.delete(slot(connection, resource))
  }
}
