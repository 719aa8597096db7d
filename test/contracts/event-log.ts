import { describe, expect, it } from 'vitest'
import { EventCursorExpired } from '../../src/events/cursor-expired.js'
import type { EventLog, LoggedEvent } from '../../src/events/types.js'
import { detectedChange } from '../helpers/change-events.js'

const HOUR = 3_600_000
const MINUTE = 60_000

/** Two logs on the same store, as two replicas hold them (one and the same log in one process). */
export interface EventLogPair {
  log: EventLog
  otherReplica: EventLog
}

let serial = 0
const uniqueConnection = () => `events-${++serial}-${Date.now()}`

const at = (ms: number) => new Date(ms)
const ids = (logged: LoggedEvent[]) => logged.map((entry) => entry.event.resource.id)

/**
 * What every EventLog promises: each connection's events in append order, one event per change whatever the
 * race, reads filtered by type that still move past what they skip, and a cursor past the retention refused.
 * Time is the `detectedAt` each append is given: no test waits.
 */
export function eventLogContract(name: string, make: (retentionMs: number) => EventLogPair): void {
  describe(`event log: ${name}`, () => {
    const start = Date.UTC(2026, 11, 3, 10, 0, 0)

    it('reads a connection back in append order, each event whole, with positions that grow', async () => {
      const { log } = make(HOUR)
      const connection = uniqueConnection()
      await log.append(
        [detectedChange(connection, '1', '2026-12-03T09:00:00.000Z', 'customer.created')],
        at(start),
      )
      await log.append(
        [
          detectedChange(connection, '2', '2026-12-03T09:01:00.000Z'),
          detectedChange(connection, '3', '2026-12-03T09:02:00.000Z', 'customer.deleted'),
        ],
        at(start + 1),
      )
      const { events, next } = await log.read(connection, null, { limit: 10 })
      expect(ids(events)).toEqual(['1', '2', '3'])
      expect(events[0]!.event).toEqual({
        id: expect.stringMatching(/^evt_[0-9a-v]{16}$/),
        type: 'customer.created',
        connection,
        occurredAt: '2026-12-03T09:00:00.000Z',
        detectedAt: at(start).toISOString(),
        resource: { type: 'customer', id: '1' },
        data: expect.objectContaining({ id: '1', name: 'Customer 1' }),
        source: 'poll',
      })
      expect(events[2]!.event.data).toBeNull()
      expect(next).toBe(events[2]!.position)
      const positions = events.map((entry) => entry.position)
      expect(new Set(positions).size).toBe(3)
    })

    it('answers the events it logged, in the order given, and an empty log with no position', async () => {
      const { log } = make(HOUR)
      const connection = uniqueConnection()
      expect(await log.read(connection, null, { limit: 10 })).toEqual({ events: [], next: null })
      const logged = await log.append(
        [
          detectedChange(connection, 'b', '2026-12-03T09:00:00.000Z'),
          detectedChange(connection, 'a', '2026-12-03T09:00:00.000Z'),
        ],
        at(start),
      )
      expect(ids(logged)).toEqual(['b', 'a'])
      expect((await log.read(connection, null, { limit: 10 })).events).toEqual(logged)
    })

    it('logs one event per change: the same version seen again, by another source, or twice in a batch', async () => {
      const { log } = make(HOUR)
      const connection = uniqueConnection()
      const seen = detectedChange(connection, '7', '2026-12-03T09:00:00.000Z', 'customer.created', 'callback')
      expect(await log.append([seen, seen], at(start))).toHaveLength(1)
      const again = detectedChange(connection, '7', '2026-12-03T09:00:00.000Z', 'customer.updated', 'poll')
      expect(await log.append([again], at(start + MINUTE))).toEqual([])
      const newer = detectedChange(connection, '7', '2026-12-03T09:05:00.000Z')
      expect(await log.append([newer], at(start + 2 * MINUTE))).toHaveLength(1)
      // A delete is one change however late each source found the record gone.
      const gone = detectedChange(connection, '7', '2026-12-03T09:10:00.000Z', 'customer.deleted')
      const goneLater = detectedChange(connection, '7', '2026-12-03T09:12:00.000Z', 'customer.deleted')
      expect(await log.append([gone], at(start + 3 * MINUTE))).toHaveLength(1)
      expect(await log.append([goneLater], at(start + 4 * MINUTE))).toEqual([])

      const { events } = await log.read(connection, null, { limit: 10 })
      expect(events.map((entry) => [entry.event.type, entry.event.source])).toEqual([
        ['customer.created', 'callback'],
        ['customer.updated', 'poll'],
        ['customer.deleted', 'poll'],
      ])
      expect(new Set(events.map((entry) => entry.event.id)).size).toBe(3)
    })

    it('logs a change once when two replicas append it at the same time', async () => {
      const { log, otherReplica } = make(HOUR)
      const connection = uniqueConnection()
      const changes = ['1', '2', '3'].map((id) => detectedChange(connection, id, '2026-12-03T09:00:00.000Z'))
      const [first, second] = await Promise.all([
        log.append(changes, at(start)),
        otherReplica.append([...changes].reverse(), at(start)),
      ])
      expect(first.length + second.length).toBe(3)
      const { events } = await otherReplica.read(connection, null, { limit: 10 })
      expect(ids(events).sort()).toEqual(['1', '2', '3'])
    })

    it('reads pages of `limit` from where the last one ended, to the end and beyond', async () => {
      const { log } = make(HOUR)
      const connection = uniqueConnection()
      const changes = ['1', '2', '3', '4', '5'].map((id) =>
        detectedChange(connection, id, '2026-12-03T09:00:00.000Z'),
      )
      await log.append(changes, at(start))
      const walked: string[] = []
      let after: string | null = null
      for (let page = 0; page < 3; page++) {
        const { events, next } = await log.read(connection, after, { limit: 2 })
        expect(events.length).toBeLessThanOrEqual(2)
        walked.push(...ids(events))
        after = next
      }
      expect(walked).toEqual(['1', '2', '3', '4', '5'])
      expect(await log.read(connection, after, { limit: 2 })).toEqual({ events: [], next: after })
      await log.append([detectedChange(connection, '6', '2026-12-03T09:00:00.000Z')], at(start + 1))
      expect(ids((await log.read(connection, after, { limit: 2 })).events)).toEqual(['6'])
    })

    it('reads the types asked only, and its next position is past the events it skipped', async () => {
      const { log } = make(HOUR)
      const connection = uniqueConnection()
      await log.append(
        [
          detectedChange(connection, 't1', '2026-12-03T09:00:00.000Z', 'ticket.created'),
          detectedChange(connection, 'c1', '2026-12-03T09:00:00.000Z', 'customer.updated'),
          detectedChange(connection, 't2', '2026-12-03T09:00:00.000Z', 'ticket.updated'),
          detectedChange(connection, 'c2', '2026-12-03T09:00:00.000Z', 'customer.created'),
        ],
        at(start),
      )
      const all = (await log.read(connection, null, { limit: 10 })).events
      const tickets = await log.read(connection, null, {
        limit: 10,
        types: ['ticket.created', 'ticket.updated'],
      })
      expect(ids(tickets.events)).toEqual(['t1', 't2'])
      expect(tickets.next).toBe(all[3]!.position)
      const onePage = await log.read(connection, null, {
        limit: 1,
        types: ['customer.updated', 'customer.created'],
      })
      expect(ids(onePage.events)).toEqual(['c1'])
      expect(onePage.next).toBe(all[1]!.position)
      const rest = await log.read(connection, onePage.next, { limit: 5, types: ['customer.created'] })
      expect(ids(rest.events)).toEqual(['c2'])
      const none = await log.read(connection, null, { limit: 5, types: ['asset.deleted'] })
      expect(none).toEqual({ events: [], next: all[3]!.position })
    })

    it('keeps each connection apart, even for the same record and version', async () => {
      const { log } = make(HOUR)
      const [east, west] = [uniqueConnection(), uniqueConnection()]
      const logged = await log.append(
        [
          detectedChange(east, '1', '2026-12-03T09:00:00.000Z'),
          detectedChange(west, '1', '2026-12-03T09:00:00.000Z'),
          detectedChange(east, '2', '2026-12-03T09:00:00.000Z'),
        ],
        at(start),
      )
      expect(logged).toHaveLength(3)
      expect(logged[0]!.event.id).not.toBe(logged[1]!.event.id)
      const eastEvents = (await log.read(east, null, { limit: 10 })).events
      expect(eastEvents.map((entry) => [entry.event.connection, entry.event.resource.id])).toEqual([
        [east, '1'],
        [east, '2'],
      ])
      expect(ids((await log.read(west, null, { limit: 10 })).events)).toEqual(['1'])
    })

    it('drops events past the retention, and refuses a position whose following events were dropped', async () => {
      const { log } = make(HOUR)
      const connection = uniqueConnection()
      const change = (id: string) => detectedChange(connection, id, '2026-12-03T09:00:00.000Z')
      const [oldest] = await log.append([change('x')], at(start))
      const [dropped] = await log.append([change('a')], at(start + 1_000))
      const [kept] = await log.append([change('b')], at(start + 2 * MINUTE))
      // An hour and a minute later: x and a are past the retention, b is not.
      await log.append([change('c')], at(start + HOUR + MINUTE))

      expect(ids((await log.read(connection, null, { limit: 10 })).events)).toEqual(['b', 'c'])
      // A reader that had read a lost nothing: b follows it.
      expect(ids((await log.read(connection, dropped!.position, { limit: 10 })).events)).toEqual(['b', 'c'])
      // A reader that had read only x lost a.
      await expect(log.read(connection, oldest!.position, { limit: 10 })).rejects.toBeInstanceOf(
        EventCursorExpired,
      )
      await expect(log.read(connection, oldest!.position, { limit: 10 })).rejects.toMatchObject({
        status: 410,
        code: 'cursor_expired',
      })
      expect(ids((await log.read(connection, kept!.position, { limit: 10 })).events)).toEqual(['c'])
    })

    it('refuses a position in a log it does not have (gone whole, or lost with the store)', async () => {
      const { log } = make(HOUR)
      await expect(log.read(uniqueConnection(), '1796292000000-0', { limit: 10 })).rejects.toBeInstanceOf(
        EventCursorExpired,
      )
    })
  })
}
