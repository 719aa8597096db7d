import { createHash } from 'node:crypto'

/**
 * Every key the gateway writes, under one prefix. Each key carries a hash tag (`{...}`) naming its bucket or
 * connection, so the keys a script touches together always live in one Redis Cluster slot.
 */
export class StoreKeys {
  constructor(readonly prefix: string) {}

  bucket(bucketKey: string): string {
    return `${this.prefix}{bucket:${bucketKey}}:tokens`
  }

  /** Turns of the bucket given back unused, handed out again first. */
  bucketFreeTurns(bucketKey: string): string {
    return `${this.prefix}{bucket:${bucketKey}}:free`
  }

  token(connection: string): string {
    return `${this.prefix}{${connection}}:token`
  }

  tokenLock(connection: string): string {
    return `${this.prefix}{${connection}}:token:lock`
  }

  reference(connection: string, name: string): string {
    return `${this.prefix}{${connection}}:ref:${name}`
  }

  referenceLock(connection: string, name: string): string {
    return `${this.prefix}{${connection}}:ref:${name}:lock`
  }

  /** The token is the gateway's own random id, carried in a list cursor. */
  pageRemainder(connection: string, token: string): string {
    return `${this.prefix}{${connection}}:remainder:${token}`
  }

  /** A connection's change events: a Stream (src/events/redis-event-log.ts). */
  events(connection: string): string {
    return `${this.prefix}{${connection}}:events`
  }

  /** The newest position trimmed from a connection's events: a reader before it has missed some. */
  eventsTrimmed(connection: string): string {
    return `${this.prefix}{${connection}}:events:trimmed`
  }

  /** Set while an event (its id derived from the change) is in the log: the same change is logged once. */
  eventLogged(connection: string, eventId: string): string {
    return `${this.prefix}{${connection}}:events:logged:${eventId}`
  }

  /** Every subscription (a hash: id -> its record); its positions and attempts share the hash tag. */
  subscriptions(): string {
    return `${this.prefix}{subscriptions}`
  }

  subscriptionPositions(id: string): string {
    return `${this.prefix}{subscriptions}:positions:${id}`
  }

  subscriptionAttempts(id: string): string {
    return `${this.prefix}{subscriptions}:attempts:${id}`
  }

  /** Where a connection's watch of a resource is (a hash: watermark, polledAt, walkedAt). */
  eventWatchMark(connection: string, resource: string): string {
    return `${this.prefix}{${connection}}:watch:${resource}:mark`
  }

  /** The records of a resource known to exist at a connection (a hash: id -> version). */
  eventWatchKnown(connection: string, resource: string): string {
    return `${this.prefix}{${connection}}:watch:${resource}:known`
  }

  /** The last change logged of each record of a resource at a connection (a hash: id -> `<ms>:<kind>`). */
  eventWatchAdmitted(connection: string, resource: string): string {
    return `${this.prefix}{${connection}}:watch:${resource}:admitted`
  }

  /** Held by the replica looking at a connection's resource (its owner id). */
  eventWatchLease(connection: string, resource: string): string {
    return `${this.prefix}{${connection}}:watch:${resource}:lease`
  }

  /** Every connection and resource watched (a set of `<connection>\n<resource>`), for the lag metric. */
  eventWatches(): string {
    return `${this.prefix}{watches}`
  }

  /** Idempotency keys are the caller's text: hashed, so any text makes a safe, bounded key. */
  idempotency(id: string): string {
    return `${this.prefix}{idem:${createHash('sha256').update(id).digest('base64url')}}`
  }
}
