import { EVENT_RESOURCES, type EventResource } from '../../canonical/event.js'
import type { RedisConnection } from '../redis/connection.js'
import type { EventWatchStore, WatchMark } from './event-watch-store.js'
import { kindKept, type ChangeKind, type OfferedChange } from './version-order.js'

/** HSET and HDEL take this many fields at a time: a walk of a large list writes in slices. */
const SLICE = 1_000

/**
 * The watch shared by the replicas: per connection and resource a hash for the mark, a hash of known versions and a
 * hash of the last change admitted to the log per record. The mark and the known versions are written by one poller
 * at a time (one BullMQ job per connection and resource), so plain hash commands do; changes are admitted by pollers
 * and callbacks' re-reads on any replica at once, so by a script (EVENTS_ADMIT_SCRIPT).
 */
export class RedisEventWatchStore implements EventWatchStore {
  constructor(private readonly redis: RedisConnection) {}

  async mark(connection: string, resource: EventResource): Promise<WatchMark> {
    return (await this.redis.client.hgetall(
      this.redis.keys.eventWatchMark(connection, resource),
    )) as WatchMark
  }

  async setMark(connection: string, resource: EventResource, mark: WatchMark): Promise<void> {
    const fields = Object.entries(mark).filter(([, value]) => value !== undefined)
    if (fields.length === 0) return
    await this.redis.client.hset(
      this.redis.keys.eventWatchMark(connection, resource),
      Object.fromEntries(fields),
    )
    await this.redis.client.sadd(this.redis.keys.eventWatches(), `${connection}\n${resource}`)
  }

  async known(connection: string, resource: EventResource): Promise<Map<string, string>> {
    const key = this.redis.keys.eventWatchKnown(connection, resource)
    return new Map(Object.entries(await this.redis.client.hgetall(key)))
  }

  async knownOf(connection: string, resource: EventResource, ids: readonly string[]) {
    const versions = new Map<string, string>()
    if (ids.length === 0) return versions
    const kept = await this.redis.client.hmget(this.redis.keys.eventWatchKnown(connection, resource), ...ids)
    ids.forEach((id, index) => {
      const version = kept[index]
      if (version !== null && version !== undefined) versions.set(id, version)
    })
    return versions
  }

  async remember(
    connection: string,
    resource: EventResource,
    versions: ReadonlyMap<string, string>,
  ): Promise<void> {
    const key = this.redis.keys.eventWatchKnown(connection, resource)
    const entries = [...versions]
    for (let start = 0; start < entries.length; start += SLICE)
      await this.redis.client.hset(key, Object.fromEntries(entries.slice(start, start + SLICE)))
  }

  async forget(connection: string, resource: EventResource, ids: readonly string[]): Promise<void> {
    const key = this.redis.keys.eventWatchKnown(connection, resource)
    for (let start = 0; start < ids.length; start += SLICE)
      await this.redis.client.hdel(key, ...ids.slice(start, start + SLICE))
  }

  async admit(
    connection: string,
    resource: EventResource,
    offered: readonly OfferedChange[],
  ): Promise<Array<ChangeKind | null>> {
    const key = this.redis.keys.eventWatchAdmitted(connection, resource)
    const kinds: Array<ChangeKind | null> = []
    for (let start = 0; start < offered.length; start += SLICE) {
      const slice = offered.slice(start, start + SLICE)
      const answers = await this.redis.client.psagwEventsAdmit(
        key,
        ...slice.flatMap((change) => [change.id, Date.parse(change.version), change.kind]),
      )
      kinds.push(...answers.map((answer) => (answer === '' ? null : (answer as ChangeKind))))
    }
    return kinds
  }

  async lastAdmitted(connection: string, resource: EventResource, id: string) {
    return kindKept(
      await this.redis.client.hget(this.redis.keys.eventWatchAdmitted(connection, resource), id),
    )
  }

  async marks() {
    const watched = await this.redis.client.smembers(this.redis.keys.eventWatches())
    const slots = watched
      .map((entry) => entry.split('\n') as [string, EventResource])
      .filter(([, resource]) => EVENT_RESOURCES.includes(resource))
    return Promise.all(
      slots.map(async ([connection, resource]) => ({
        connection,
        resource,
        mark: await this.mark(connection, resource),
      })),
    )
  }

  async claim(connection: string, resource: EventResource, owner: string, ms: number): Promise<boolean> {
    const key = this.redis.keys.eventWatchLease(connection, resource)
    if (await this.redis.client.set(key, owner, 'PX', ms, 'NX')) return true
    return (await this.redis.client.psagwExpireIfEquals(key, owner, ms)) === 1
  }

  async release(connection: string, resource: EventResource, owner: string): Promise<void> {
    await this.redis.client.psagwDeleteIfEquals(this.redis.keys.eventWatchLease(connection, resource), owner)
  }
}
