/** What a source saw happen to a record. */
export type ChangeKind = 'created' | 'updated' | 'deleted'

/** A change a source offers to the log: a record, the version it was read at, and what the source saw. */
export interface OfferedChange {
  id: string
  /** The record's `updatedAt`, or, for a delete, when it was found gone (ISO 8601). */
  version: string
  kind: ChangeKind
}

/**
 * Where a record's version stands in its order: its time, and for the same time a delete after a version (the
 * record was read before it was found gone). Kept per record as `<ms>:<kind>`, the last change admitted.
 */
const rank = (ms: number, kind: ChangeKind) => ({ ms, deleted: kind === 'deleted' ? 1 : 0 })
export const keptAs = (change: OfferedChange, kind: ChangeKind) => `${Date.parse(change.version)}:${kind}`

/**
 * The kind to log `offered` as, after the record's last change admitted (`kept`, `<ms>:<kind>`), or null when it
 * is older (a stale read: logged, it would come after the newer one). The same version again is what it was
 * admitted as (a look that failed after logging offers its changes again; the log keeps one). A `created` after
 * another version is `updated`: one `created` per record, whichever source saw it first. The Redis store's
 * EVENTS_ADMIT_SCRIPT (src/state/redis/scripts.ts) does the same.
 */
export function admittedKind(kept: string | undefined, offered: OfferedChange): ChangeKind | null {
  if (kept === undefined) return offered.kind
  const [keptMs, keptKind] = kept.split(':') as [string, ChangeKind]
  const before = rank(Number(keptMs), keptKind)
  const now = rank(Date.parse(offered.version), offered.kind)
  if (now.ms < before.ms || (now.ms === before.ms && now.deleted < before.deleted)) return null
  if (now.ms === before.ms && now.deleted === before.deleted) return keptKind
  return offered.kind === 'created' && keptKind !== 'deleted' ? 'updated' : offered.kind
}
