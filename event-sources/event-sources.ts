import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Adapter, CallContext } from '../adapters/types.js'
import type { EventSource } from '../src/canonical/event.js'
import { GatewayError } from '../src/errors.js'
import type { ChangeRecorder } from '../src/events/change-recorder.js'
import type { DetectedChange } from '../src/events/types.js'
import type { EventWatchStore } from '../src/state/event-watch/event-watch-store.js'
import {
  changeOf,
  commentChanges,
  deletedChange,
  isCreated,
  poll,
  startPolling,
  walk,
  type Findings,
  type ReadScope,
  type ReadSettings,
} from './read-changes.js'
import { WATCHED_RESOURCES, type TopLevelResource, type WatchedResource } from './watched-resources.js'

export interface EventSourceSettings extends ReadSettings {
  /** A resource is walked whole (deletes found, and resources with no updated-since filter read) this often. */
  reconcileMs: number
  /** The part of each vendor's rate limit the sources may take (EVENT_VENDOR_SHARE). */
  vendorShare: number
}

export interface EventSourcesOptions {
  adapters: () => readonly Adapter[]
  store: EventWatchStore
  recorder: ChangeRecorder
  settings: EventSourceSettings
  log: FastifyBaseLogger
}

/**
 * What one look did: `walk` (the whole list), `poll` (updated since the watermark), `none` (nothing due), `busy`
 * (another look at the resource still runs) or `throttled` (the sources' share of the vendor limit is used up for
 * now: the next look goes on from where this one stopped).
 */
export type Look = 'walk' | 'poll' | 'none' | 'busy' | 'throttled'

/** Records being read again for callbacks at most, per process. */
const MAX_PENDING_HINTS = 1_000

/** A look holds its resource's lease for this long, renewed while it runs: a replica that dies frees it by then. */
const LOOK_LEASE_MS = 60_000

/**
 * The sources of change events at every connection (docs/events.md): a look at one resource, which the
 * schedule runs for each connection and resource on one replica at a time, and a vendor callback's hint.
 */
export class EventSources {
  /** Hints for a record already being re-read: `again` once that read is done, however many came meanwhile. */
  readonly #hinted = new Map<string, { again: boolean; done: Promise<void> }>()
  readonly #stopping = new AbortController()

  constructor(private readonly options: EventSourcesOptions) {}

  /** Every connection and resource a poller watches. */
  watches(): Array<{ connection: string; resource: TopLevelResource }> {
    return this.options
      .adapters()
      .flatMap((adapter) =>
        WATCHED_RESOURCES.map(({ resource }) => ({ connection: adapter.connectionId, resource })),
      )
  }

  /** One look at a resource: a walk when one is due, else a poll where the vendor filters by update time. */
  async look(connection: string, resource: TopLevelResource): Promise<Look> {
    const { store } = this.options
    const owner = randomUUID()
    if (!(await store.claim(connection, resource, owner, LOOK_LEASE_MS))) return 'busy'
    const renewal = setInterval(
      () => void store.claim(connection, resource, owner, LOOK_LEASE_MS).catch(() => {}),
      LOOK_LEASE_MS / 3,
    ).unref()
    try {
      return await this.#look(connection, resource)
    } catch (error) {
      if (!(error instanceof GatewayError && error.code === 'rate_limited')) throw error
      this.options.log.debug(
        { connection, resource },
        'event sources: their share of the vendor limit is used up for now',
      )
      return 'throttled'
    } finally {
      clearInterval(renewal)
      await store.release(connection, resource, owner)
    }
  }

  async #look(connection: string, resource: TopLevelResource): Promise<Look> {
    const adapter = this.#adapter(connection)
    if (!adapter) return 'none'
    const { store, settings } = this.options
    const watched = WATCHED_RESOURCES.find((candidate) => candidate.resource === resource)!
    const mark = await store.mark(connection, resource)
    const scope: ReadScope = { adapter, watched, store, settings, ctx: this.#context(connection, resource) }
    const canPoll = adapter.filters[watched.listable].includes('updatedSince')
    const now = settings.now()
    // A resource the vendor filters by update time is polled from the first look, and walked (for deletes) a
    // reconciliation later; one it cannot filter is walked at once, its only look.
    if (canPoll && mark.startedAt === undefined) {
      await startPolling(scope, now)
      return 'poll'
    }
    const lastWalk = mark.walkedAt ?? (canPoll ? mark.startedAt : undefined)
    const walkDue = lastWalk === undefined || now.getTime() - Date.parse(lastWalk) >= settings.reconcileMs
    let look: Look = 'none'
    let findings: Findings | undefined
    if (walkDue) {
      look = 'walk'
      findings = await walk(scope, mark)
    } else if (canPoll && mark.watermark !== undefined && mark.polledAt !== undefined) {
      look = 'poll'
      findings = await poll(scope, { watermark: mark.watermark, polledAt: mark.polledAt })
    }
    if (findings) await this.#record(scope, findings)
    return look
  }

  /**
   * A vendor callback named a record: it is read again (the callback's body is never trusted) and logged like a
   * poll's find, with `source: callback`. Hints for a record arriving while it is read make one read more.
   */
  hint(connection: string, resource: TopLevelResource, id: string): Promise<void> {
    const key = JSON.stringify([connection, resource, id])
    const running = this.#hinted.get(key)
    if (running) {
      running.again = true
      return running.done
    }
    // A storm past this is left to the pollers, which find the same changes.
    if (this.#hinted.size >= MAX_PENDING_HINTS) return Promise.resolve()
    const entry = { again: false, done: Promise.resolve() }
    entry.done = (async () => {
      try {
        do {
          entry.again = false
          await this.#reread(connection, resource, id)
        } while (entry.again)
      } catch (error) {
        // The share used up: the pollers find the change in their turn.
        if (!(error instanceof GatewayError && error.code === 'rate_limited')) throw error
        this.options.log.debug(
          { connection, resource, id },
          'event sources: a callback re-read waits for a poll',
        )
      } finally {
        this.#hinted.delete(key)
      }
    })()
    this.#hinted.set(key, entry)
    return entry.done
  }

  /**
   * Registers each connection's callback URL at vendors that take registrations by API (ConnectWise); a vendor
   * that refuses is logged and left to its pollers.
   */
  async registerCallbacks(urlOf: (connection: string) => string): Promise<void> {
    await Promise.all(
      this.options.adapters().map(async (adapter) => {
        const { register } = adapter.callbacks
        if (!register) return
        const connection = adapter.connectionId
        const ctx = this.#context(connection, 'ticket')
        try {
          await register(urlOf(connection), ctx)
          ctx.log.info('vendor callbacks registered')
        } catch (error) {
          ctx.log.warn(
            { err: error },
            'vendor callbacks could not be registered: polling alone finds changes',
          )
        }
      }),
    )
  }

  /** Stops the vendor calls in flight (the process is closing). */
  stop(): void {
    this.#stopping.abort()
  }

  async #reread(connection: string, resource: TopLevelResource, id: string): Promise<void> {
    const adapter = this.#adapter(connection)
    if (!adapter) return
    const { store, settings } = this.options
    const watched = WATCHED_RESOURCES.find((candidate) => candidate.resource === resource)!
    const ctx = this.#context(connection, resource)
    const scope: ReadScope = { adapter, watched, store, settings, ctx }
    const mark = await store.mark(connection, resource)
    const known = (await store.knownOf(connection, resource, [id])).get(id)
    const record = await readOrGone(watched, adapter, id, ctx)
    const now = settings.now().toISOString()
    const lastLook = mark.polledAt ?? mark.walkedAt ?? now
    let change: DetectedChange | undefined
    if (record === null) {
      await store.forget(connection, resource, [id])
      change = deletedChange(connection, resource, id, now, 'callback')
    } else if (record.updatedAt !== known) {
      await store.remember(connection, resource, new Map([[id, record.updatedAt]]))
      const created = isCreated(record, known, lastLook, settings.overlapMs)
      change = changeOf(connection, resource, record, created, 'callback')
    }
    if (change) await this.#record(scope, { changes: [change], commentsSince: lastLook }, 'callback')
  }

  async #record(scope: ReadScope, findings: Findings, source: EventSource = 'poll'): Promise<void> {
    const changes = [...findings.changes].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
    if (scope.watched.resource === 'ticket' && findings.commentsSince !== null) {
      const changedTickets = changes
        .filter((change) => change.data !== null)
        .map((change) => change.resource.id)
      const comments = await commentChanges(scope, changedTickets, findings.commentsSince)
      changes.push(...comments.map((comment) => ({ ...comment, source })))
    }
    await this.options.recorder.record(changes)
  }

  #adapter(connection: string): Adapter | undefined {
    return this.options.adapters().find((adapter) => adapter.connectionId === connection)
  }

  #context(connection: string, resource: TopLevelResource): CallContext {
    return {
      log: this.options.log.child({ connection, resource, purpose: 'events' }),
      signal: this.#stopping.signal,
      share: { caller: EVENT_SOURCES_CALLER, fraction: this.options.settings.vendorShare },
      purpose: 'events',
    }
  }
}

/** The event sources' name at the rate limiter: their share's bucket. */
export const EVENT_SOURCES_CALLER = 'gateway-event-sources'

async function readOrGone(watched: WatchedResource, adapter: Adapter, id: string, ctx: CallContext) {
  try {
    return await watched.reads(adapter).get(id, ctx)
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) return null
    throw error
  }
}
