import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import type { Adapter, CallbackEndpoint, CallContext } from '../adapters/types.js'
import { GatewayError } from '../src/errors.js'
import type { ChangeRecorder } from '../src/events/change-recorder.js'
import type { EventWatchStore } from '../src/state/event-watch/event-watch-store.js'
import type { ChangeKind } from '../src/state/event-watch/version-order.js'
import {
  changeOf,
  commentChanges,
  deletedChange,
  isCreated,
  poll,
  readOrGone,
  startPolling,
  walk,
  type Findings,
  type ReadScope,
  type ReadSettings,
} from './read-changes.js'
import { WATCHED_RESOURCES, type TopLevelResource } from './watched-resources.js'

export interface EventSourceSettings extends ReadSettings {
  /** How often the schedule looks at each resource (EVENT_POLL_SECONDS). */
  pollMs: number
  /** Whether vendor callbacks can arrive (EVENT_CALLBACK_SECRET): their re-reads then have half the share. */
  callbacks: boolean
  /** How long a call may wait for a turn of the sources' share. */
  shareWaitMs: number
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

/**
 * Tickets are polled at every look; customers and assets, which change far less often, at every third, so that
 * the sources' share of the vendor limit goes where the changes are.
 */
const POLL_EVERY_NTH_LOOK: Record<TopLevelResource, number> = { ticket: 1, customer: 3, asset: 3 }

/**
 * How long each call of the callbacks' work (a re-read, a registration) goes on asking for a turn of their share once
 * refused. A small share has a turn every 20 s or more (ConnectWise's 60 calls a minute at the default share leave the
 * callbacks 3), just past what a call may reserve ahead: every call of a sequence but the first (a ConnectWise ticket
 * is read in two) would be refused, and the sequence tried again from its start would never end. Refused past this, a
 * re-read is left to the pollers, and a registration to the schedule's next try.
 */
const CALLBACK_PATIENCE_MS = 300_000

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
    const sincePoll = mark.polledAt === undefined ? Infinity : now.getTime() - Date.parse(mark.polledAt)
    const everyNth = POLL_EVERY_NTH_LOOK[resource]
    // Half a look's time short of n looks: the schedule's looks come a little early or late.
    const pollDue = everyNth === 1 || sincePoll >= (everyNth - 0.5) * settings.pollMs
    let look: Look = 'none'
    let findings: Findings | undefined
    if (walkDue) {
      look = 'walk'
      findings = await walk(scope, mark)
    } else if (canPoll && pollDue && mark.watermark !== undefined && mark.polledAt !== undefined) {
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
          await this.#rereadUnlessShareRefuses(connection, resource, id)
        } while (entry.again)
      } finally {
        this.#hinted.delete(key)
      }
    })()
    this.#hinted.set(key, entry)
    return entry.done
  }

  /** The connections whose vendor takes callback registrations by API (ConnectWise, Autotask). */
  registrations(): string[] {
    return this.options
      .adapters()
      .filter((adapter) => adapter.callbacks.register !== undefined)
      .map((adapter) => adapter.connectionId)
  }

  /**
   * Registers a connection's callback endpoint at its vendor, idempotently: a registration cut short is completed
   * by the next. Throws when the vendor (or the share of its limit) refuses, for the schedule to try again later.
   * Its calls take the callbacks' half of the share, idle until callbacks are registered (docs/events.md).
   */
  async registerCallbacks(connection: string, endpoint: CallbackEndpoint): Promise<void> {
    const register = this.#adapter(connection)?.callbacks.register
    if (!register) return
    const ctx = this.#context(connection, 'ticket', 'callback')
    try {
      await register(endpoint, ctx)
    } catch (error) {
      ctx.log.warn(
        { err: error },
        'vendor callbacks not registered yet: tried again later, and polling finds the changes meanwhile',
      )
      throw error
    }
    ctx.log.info('vendor callbacks registered')
  }

  /** Stops the vendor calls in flight (the process is closing). */
  stop(): void {
    this.#stopping.abort()
  }

  /** Reads again, each call waiting for the callbacks' share patiently; refused past that, the pollers find the change. */
  async #rereadUnlessShareRefuses(connection: string, resource: TopLevelResource, id: string) {
    try {
      await this.#reread(connection, resource, id)
    } catch (error) {
      if (!(error instanceof GatewayError && error.code === 'rate_limited')) throw error
      this.options.log.debug(
        { connection, resource, id },
        'event sources: a callback re-read left to the pollers',
      )
    }
  }

  async #reread(connection: string, resource: TopLevelResource, id: string): Promise<void> {
    const adapter = this.#adapter(connection)
    if (!adapter) return
    const { store, settings } = this.options
    const watched = WATCHED_RESOURCES.find((candidate) => candidate.resource === resource)!
    const ctx = this.#context(connection, resource, 'callback')
    const mark = await store.mark(connection, resource)
    const known = (await store.knownOf(connection, resource, [id])).get(id)
    const record = await readOrGone(watched.reads(adapter), id, ctx)
    const now = settings.now().toISOString()
    const lastLook = mark.polledAt ?? mark.walkedAt ?? now
    // Logged only: the pollers' next look finds the same version (one event still), reads the ticket's comments and
    // moves the watch on. A callback so costs one read, however the vendor's limit is shared.
    // A 404 deletes only a record known to exist (to the pollers, or by a change logged: polling may be off): a
    // callback may name a record of another kind, or one out of sight.
    const change =
      record === null
        ? known === undefined && !isLogged(await store.lastAdmitted(connection, resource, id))
          ? undefined
          : deletedChange(connection, resource, id, now, 'callback')
        : record.updatedAt === known
          ? undefined
          : changeOf(
              connection,
              resource,
              record,
              isCreated(record, known, lastLook, settings.overlapMs),
              'callback',
            )
    if (change) await this.options.recorder.record([change])
  }

  /**
   * Logs the changes at once, then the comments of the tickets among them (a read per ticket, which the share may
   * make wait), then commits the look: one that fails on the way finds the same changes next time.
   */
  async #record(scope: ReadScope, findings: Findings): Promise<void> {
    const changes = [...findings.changes].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
    await this.options.recorder.record(changes)
    if (scope.watched.resource === 'ticket' && findings.commentsSince !== null) {
      const changedTickets = changes
        .filter((change) => change.data !== null)
        .map((change) => change.resource.id)
      const comments = await commentChanges(scope, changedTickets, findings.commentsSince)
      await this.options.recorder.record(comments)
    }
    await findings.commit()
  }

  #adapter(connection: string): Adapter | undefined {
    return this.options.adapters().find((adapter) => adapter.connectionId === connection)
  }

  /**
   * The sources' calls take their share of the vendor limit. Where callbacks arrive, their re-reads have half of it
   * to themselves, so that pollers busy with their turns never hold a callback's change back behind them.
   */
  #context(connection: string, resource: TopLevelResource, work: 'look' | 'callback' = 'look'): CallContext {
    const { vendorShare, callbacks } = this.options.settings
    const fraction = callbacks ? vendorShare / 2 : vendorShare
    return {
      log: this.options.log.child({ connection, resource, purpose: 'events' }),
      signal: this.#stopping.signal,
      share: { caller: work === 'callback' ? EVENT_CALLBACKS_CALLER : EVENT_SOURCES_CALLER, fraction },
      // Background work waits for its share's turns as long as the limiter looks ahead, not an app's 10 s.
      shareWaitMs: this.options.settings.shareWaitMs,
      ...(work === 'callback' ? { sharePatienceMs: CALLBACK_PATIENCE_MS } : {}),
      purpose: 'events',
    }
  }
}

/** The event sources' names at the rate limiter: their shares' buckets. */
export const EVENT_SOURCES_CALLER = 'gateway-event-sources'
export const EVENT_CALLBACKS_CALLER = 'gateway-event-callbacks'

/** A record whose last change logged left it existing. */
const isLogged = (kind: ChangeKind | undefined) => kind === 'created' || kind === 'updated'
