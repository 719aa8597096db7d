/** What a source saw happen to a record. */
export type ChangeKind = 'created' | 'updated' | 'deleted'

/** A change a source offers to the log: a record, the version it was read at, and what the source saw. */
export interface OfferedChange {
  id: string
  /** The record's `updatedAt`, or, for a delete, when it was found gone (ISO 8601). */
  version: string
  kind: ChangeKind
}

/** A record's last change admitted, kept as `<ms>:<kind>`. */
const kept = (ms: number, kind: ChangeKind) => `${ms}:${kind}`

/**
 * Whether to log `offered` after the record's last change admitted (`last`, `<ms>:<kind>`), as what, and what to
 * keep then; null when it is older (a stale read: logged, it would come after the newer one). The same version again
 * is what it was admitted as (a look that failed after logging offers its changes again; the log keeps one). A
 * `created` after another version is `updated`: one `created` per record, whichever source saw it first. A delete
 * comes after any version (its time is the gateway's, when it was found gone: a vendor clock ahead must not put it
 * before the last version), kept at the later of the two times; a version after a delete only if newer than both
 * (the record made again). The Redis store's EVENTS_ADMIT_SCRIPT (src/state/redis/scripts.ts) does the same.
 */
export function admitted(
  last: string | undefined,
  offered: OfferedChange,
): { kind: ChangeKind; keep: string } | null {
  const ms = Date.parse(offered.version)
  if (last === undefined) return { kind: offered.kind, keep: kept(ms, offered.kind) }
  const { ms: lastMs, kind: lastKind } = parseKept(last)
  if (offered.kind === 'deleted') return { kind: 'deleted', keep: kept(Math.max(ms, lastMs), 'deleted') }
  if (ms < lastMs || (ms === lastMs && lastKind === 'deleted')) return null
  if (ms === lastMs) return { kind: lastKind, keep: last }
  const kind = offered.kind === 'created' && lastKind !== 'deleted' ? 'updated' : offered.kind
  return { kind, keep: kept(ms, kind) }
}

function parseKept(last: string): { ms: number; kind: ChangeKind } {
  const colon = last.indexOf(':')
  return { ms: Number(last.slice(0, colon)), kind: last.slice(colon + 1) as ChangeKind }
}

/** The kind of a record's last change admitted (`<ms>:<kind>`), or undefined for one never admitted. */
export const kindKept = (last: string | null | undefined): ChangeKind | undefined =>
  last ? parseKept(last).kind : undefined
