import type { Adapter, CallContext } from '../adapters/types.js'
import type { Comment } from '../src/canonical/comment.js'
import type { ListFilters } from '../src/canonical/list-query.js'
import { MAX_PAGE_SIZE } from '../src/canonical/page.js'
import { GatewayError } from '../src/errors.js'
import type { EventWatchStore, WatchMark } from '../src/state/event-watch/event-watch-store.js'
import type { DetectedChange } from '../src/events/types.js'
import { withoutRemote } from '../src/canonical/common.js'
import type { EventSource } from '../src/canonical/event.js'
import type { TopLevelResource, WatchedReads, WatchedRecord, WatchedResource } from './watched-resources.js'

export interface ReadSettings {
  /** How far before the watermark a poll reads again: vendor clocks and writes that land late. */
  overlapMs: number
  /** A walk confirms at most this many missing records (a read each) as deleted; the rest wait for the next walk. */
  maxDeleteChecks: number
  now: () => Date
}

export interface ReadScope {
  adapter: Adapter
  watched: WatchedResource
  store: EventWatchStore
  settings: ReadSettings
  ctx: CallContext
}

/**
 * What a look at a resource found: the changes, and since when to read the comments of the tickets among them.
 * `commit` records in the watch that they were seen: called once they are logged, so a look that fails before
 * finds them again (the log keeps each change once).
 */
export interface Findings {
  changes: DetectedChange[]
  /** The moment before which earlier looks saw the comments (null: never looked). */
  commentsSince: string | null
  commit(): Promise<void>
}

const earlier = (instant: string, ms: number) => new Date(Date.parse(instant) - ms).toISOString()
/**
 * The watermark never runs ahead of the look's start by more than the overlap: one record stamped in the future
 * (bad data, a local time read as UTC) would otherwise have every poll ask for changes after it.
 */
const capped = (watermark: string, startedAt: string, overlapMs: number) => {
  const cap = earlier(startedAt, -overlapMs)
  return watermark > cap ? cap : watermark
}
const later = (a: string, b: string) => (a > b ? a : b)

async function* pagesOf(reads: WatchedReads, filters: ListFilters, ctx: CallContext) {
  let position: unknown = null
  do {
    const page = await reads.list({ pageSize: MAX_PAGE_SIZE, position, filters }, ctx)
    yield page.data
    position = page.nextPosition
  } while (position !== null)
}

export function changeOf(
  connection: string,
  resource: TopLevelResource,
  record: WatchedRecord,
  created: boolean,
  source: EventSource = 'poll',
): DetectedChange {
  return {
    connection,
    type: `${resource}.${created ? 'created' : 'updated'}`,
    resource: { type: resource, id: record.id },
    occurredAt: record.updatedAt,
    data: withoutRemote(record),
    source,
  }
}

/** A delete's time is when it was found: the vendor keeps no record of it. */
export const deletedChange = (
  connection: string,
  resource: TopLevelResource,
  id: string,
  foundAt: string,
  source: EventSource = 'poll',
): DetectedChange => ({
  connection,
  type: `${resource}.deleted`,
  resource: { type: resource, id },
  occurredAt: foundAt,
  data: null,
  source,
})

/**
 * `created` when the record was unknown and made after `lastLook` (less the overlap), else `updated`: a record
 * made and changed between two looks is one `created` with its latest version.
 */
export const isCreated = (
  record: WatchedRecord,
  knownVersion: string | undefined,
  lastLook: string,
  overlapMs: number,
) => knownVersion === undefined && record.createdAt > earlier(lastLook, overlapMs)

/**
 * A poll: the records updated since the watermark (less the overlap), each version not seen before a change;
 * the watermark moves to the latest `updatedAt` seen, never to the gateway's clock (a walk set the first one).
 */
export async function poll(scope: ReadScope, mark: Required<Pick<WatchMark, 'watermark' | 'polledAt'>>) {
  const { adapter, watched, store, settings, ctx } = scope
  const startedAt = settings.now().toISOString()
  const changes: DetectedChange[] = []
  const seen = new Map<string, string>()
  let watermark = mark.watermark
  const filters = { updatedSince: earlier(mark.watermark, settings.overlapMs) }
  for await (const records of pagesOf(watched.reads(adapter), filters, ctx)) {
    const known = await store.knownOf(
      adapter.connectionId,
      watched.resource,
      records.map((record) => record.id),
    )
    for (const record of records) {
      watermark = later(watermark, record.updatedAt)
      if (known.get(record.id) === record.updatedAt) continue
      const created = isCreated(record, known.get(record.id), mark.polledAt, settings.overlapMs)
      changes.push(changeOf(adapter.connectionId, watched.resource, record, created))
      seen.set(record.id, record.updatedAt)
    }
  }
  const commit = async () => {
    await store.remember(adapter.connectionId, watched.resource, seen)
    await store.setMark(adapter.connectionId, watched.resource, {
      watermark: capped(watermark, startedAt, settings.overlapMs),
      polledAt: startedAt,
    })
  }
  return { changes, commentsSince: mark.polledAt, commit } satisfies Findings
}

const versionsOf = (records: readonly WatchedRecord[]) =>
  new Map(records.map((record) => [record.id, record.updatedAt]))

/**
 * The first look at a resource the vendor filters by update time: the records updated within the overlap are
 * its baseline (known, no event), and the watermark starts at the latest of them, or now.
 */
export async function startPolling(scope: ReadScope, now: Date): Promise<void> {
  const { adapter, watched, store, settings, ctx } = scope
  const startedAt = now.toISOString()
  let watermark = startedAt
  const filters = { updatedSince: earlier(startedAt, settings.overlapMs) }
  for await (const records of pagesOf(watched.reads(adapter), filters, ctx)) {
    for (const record of records) watermark = later(watermark, record.updatedAt)
    await store.remember(adapter.connectionId, watched.resource, versionsOf(records))
  }
  await store.setMark(adapter.connectionId, watched.resource, {
    watermark: capped(watermark, startedAt, settings.overlapMs),
    polledAt: startedAt,
    startedAt,
  })
}

/**
 * A walk: the whole list compared with the records known. A version not known is a change once a first walk
 * has made the baseline (before it, only a record a poll knew in another version is); a record known but no
 * longer listed is deleted if reading it answers 404.
 */
export async function walk(scope: ReadScope, mark: WatchMark): Promise<Findings> {
  const { adapter, watched, store, settings, ctx } = scope
  const startedAt = settings.now().toISOString()
  const known = await store.known(adapter.connectionId, watched.resource)
  const lastLook = mark.walkedAt ?? mark.polledAt
  const changes: DetectedChange[] = []
  const listed = new Set<string>()
  /** The versions not known before: the baseline's too. */
  const seen = new Map<string, string>()
  let watermark: string | undefined = mark.watermark
  for await (const records of pagesOf(watched.reads(adapter), {}, ctx)) {
    for (const record of records) {
      listed.add(record.id)
      watermark = watermark === undefined ? record.updatedAt : later(watermark, record.updatedAt)
      if (known.get(record.id) === record.updatedAt) continue
      seen.set(record.id, record.updatedAt)
      // Before a first walk only the records polls saw are known: another is the baseline, unless it changed
      // since the polls' watermark (which this walk moves past).
      const baseline =
        mark.walkedAt === undefined &&
        !known.has(record.id) &&
        (mark.watermark === undefined || record.updatedAt <= earlier(mark.watermark, settings.overlapMs))
      if (baseline) continue
      const created = isCreated(record, known.get(record.id), lastLook ?? startedAt, settings.overlapMs)
      changes.push(changeOf(adapter.connectionId, watched.resource, record, created))
    }
  }
  const missing = [...known.keys()].filter((id) => !listed.has(id)).slice(0, settings.maxDeleteChecks)
  const deleted = await confirmedDeleted(watched.reads(adapter), missing, ctx)
  for (const id of deleted) changes.push(deletedChange(adapter.connectionId, watched.resource, id, startedAt))
  const commit = async () => {
    await store.remember(adapter.connectionId, watched.resource, seen)
    await store.forget(adapter.connectionId, watched.resource, deleted)
    await store.setMark(adapter.connectionId, watched.resource, {
      // A first walk of an empty list: the gateway's clock, until a record gives the vendor's.
      watermark: capped(watermark ?? startedAt, startedAt, settings.overlapMs),
      // A walk is a look that saw everything: the lag metric counts from it too.
      polledAt: startedAt,
      startedAt: mark.startedAt ?? startedAt,
      walkedAt: startedAt,
    })
  }
  return { changes, commentsSince: lastLook ?? null, commit }
}

/** The ids among `ids` whose read answers 404: a record missing from a list may only have moved past a page. */
async function confirmedDeleted(reads: WatchedReads, ids: readonly string[], ctx: CallContext) {
  const deleted: string[] = []
  for (const id of ids) if ((await readOrGone(reads, id, ctx)) === null) deleted.push(id)
  return deleted
}

/** The record, or null when reading it answers 404. */
export async function readOrGone(reads: WatchedReads, id: string, ctx: CallContext) {
  try {
    return await reads.get(id, ctx)
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) return null
    throw error
  }
}

/**
 * The comments made since `since` (less the overlap) on the tickets that changed: a vendor shows a new comment
 * by its ticket's `updatedAt` moving, which is how the ticket's poll found it.
 */
export async function commentChanges(
  scope: Omit<ReadScope, 'watched'>,
  ticketIds: readonly string[],
  since: string,
): Promise<DetectedChange[]> {
  const { adapter, settings, ctx } = scope
  const changes: DetectedChange[] = []
  const filters = adapter.filters.comments.includes('createdSince')
    ? { createdSince: earlier(since, settings.overlapMs) }
    : {}
  for (const ticketId of ticketIds) {
    let position: unknown = null
    do {
      const page = await adapter.comments.list(ticketId, { pageSize: MAX_PAGE_SIZE, position, filters }, ctx)
      for (const comment of page.data)
        if (comment.createdAt > earlier(since, settings.overlapMs))
          changes.push(commentChange(adapter, comment))
      position = page.nextPosition
    } while (position !== null)
  }
  return changes
}

const commentChange = (adapter: Adapter, comment: Comment): DetectedChange => ({
  connection: adapter.connectionId,
  type: 'comment.created',
  resource: { type: 'comment', id: comment.id },
  occurredAt: comment.createdAt,
  data: withoutRemote(comment),
  source: 'poll',
})
