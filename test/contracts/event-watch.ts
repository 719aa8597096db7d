import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { EventWatchStore } from '../../src/state/event-watch/event-watch-store.js'

export interface WatchStoreUnderTest {
  store: EventWatchStore
  /** The same store as another replica reaches it. */
  otherReplica: EventWatchStore
  /** Lets `ms` pass on the clock the leases run on. */
  pass(ms: number): Promise<void>
}

/** What every EventWatchStore promises, in memory and on Redis. */
export function eventWatchContract(name: string, make: () => WatchStoreUnderTest): void {
  describe(`event watch: ${name}`, () => {
    /** Each test its own connection: the store is shared by the file's tests. */
    const connection = () => `c-${randomUUID()}`

    it('merges marks, and lists them for the lag metric', async () => {
      const { store, otherReplica } = make()
      const at = connection()
      expect(await store.mark(at, 'ticket')).toEqual({})
      await store.setMark(at, 'ticket', {
        watermark: '2026-12-03T10:00:00.000Z',
        polledAt: '2026-12-03T10:01:00.000Z',
      })
      await otherReplica.setMark(at, 'ticket', { walkedAt: '2026-12-03T10:02:00.000Z' })
      const mark = {
        watermark: '2026-12-03T10:00:00.000Z',
        polledAt: '2026-12-03T10:01:00.000Z',
        walkedAt: '2026-12-03T10:02:00.000Z',
      }
      expect(await store.mark(at, 'ticket')).toEqual(mark)
      expect(await store.mark(at, 'asset')).toEqual({})
      expect(await otherReplica.marks()).toContainEqual({ connection: at, resource: 'ticket', mark })
    })

    it('remembers record versions, answers those asked for, and forgets', async () => {
      const { store, otherReplica } = make()
      const at = connection()
      await store.remember(
        at,
        'ticket',
        new Map([
          ['1', 'v1'],
          ['2', 'v2'],
        ]),
      )
      await otherReplica.remember(at, 'ticket', new Map([['2', 'v3']]))
      expect(await store.knownOf(at, 'ticket', ['2', '9'])).toEqual(new Map([['2', 'v3']]))
      await otherReplica.forget(at, 'ticket', ['1'])
      expect(await store.known(at, 'ticket')).toEqual(new Map([['2', 'v3']]))
      expect(await store.known(at, 'customer')).toEqual(new Map())
    })

    it('remembers and forgets more records than one command takes', async () => {
      const { store } = make()
      const at = connection()
      const ids = Array.from({ length: 2_500 }, (_, index) => String(index))
      await store.remember(at, 'asset', new Map(ids.map((id) => [id, `v${id}`])))
      expect((await store.known(at, 'asset')).size).toBe(2_500)
      await store.forget(at, 'asset', ids.slice(0, 2_400))
      expect([...(await store.known(at, 'asset')).keys()].sort()).toEqual(ids.slice(2_400).sort())
    })

    it("admits each record's changes in the order of its versions: one created, then updated; an older one not at all", async () => {
      const { store, otherReplica } = make()
      const at = connection()
      const change = (id: string, version: string, kind: 'created' | 'updated' | 'deleted') => ({
        id,
        version,
        kind,
      })
      expect(
        await store.admit(at, 'ticket', [
          change('1', '2026-12-04T01:52:37.000Z', 'created'),
          change('2', '2026-12-04T01:52:37.000Z', 'updated'),
        ]),
      ).toEqual(['created', 'updated'])
      // Another source (a callback's re-read) also took record 1 for new: its newer version is an update.
      expect(
        await otherReplica.admit(at, 'ticket', [change('1', '2026-12-04T01:52:41.000Z', 'created')]),
      ).toEqual(['updated'])
      // A read that ended after the newer version was admitted: not admitted, now or later.
      expect(await store.admit(at, 'ticket', [change('1', '2026-12-04T01:52:37.000Z', 'updated')])).toEqual([
        null,
      ])
      // The same version again (a look that failed after logging): what it was admitted as, whatever is offered.
      expect(
        await otherReplica.admit(at, 'ticket', [
          change('1', '2026-12-04T01:52:41.000Z', 'created'),
          change('2', '2026-12-04T01:52:37.000Z', 'created'),
        ]),
      ).toEqual(['updated', 'updated'])
      // Other resources and connections keep their own order.
      expect(await store.admit(at, 'customer', [change('1', '2026-12-04T01:00:00.000Z', 'created')])).toEqual(
        ['created'],
      )
      expect(
        await store.admit(connection(), 'ticket', [change('1', '2026-12-04T01:00:00.000Z', 'created')]),
      ).toEqual(['created'])
    })

    it('admits a delete after the versions read before it was found, and a record made again after it', async () => {
      const { store, otherReplica } = make()
      const at = connection()
      const offer = (version: string, kind: 'created' | 'updated' | 'deleted') =>
        store.admit(at, 'asset', [{ id: '7', version, kind }])
      expect(await otherReplica.lastAdmitted(at, 'asset', '7')).toBeUndefined()
      expect(await offer('2026-12-04T01:52:37.000Z', 'updated')).toEqual(['updated'])
      expect(await otherReplica.lastAdmitted(at, 'asset', '7')).toBe('updated')
      // Found gone by the gateway's clock, a little behind the vendor's: still after the last version.
      expect(await offer('2026-12-04T01:52:35.000Z', 'deleted')).toEqual(['deleted'])
      expect(await otherReplica.lastAdmitted(at, 'asset', '7')).toBe('deleted')
      expect(await otherReplica.lastAdmitted(at, 'ticket', '7')).toBeUndefined()
      expect(await offer('2026-12-04T01:52:37.000Z', 'updated')).toEqual([null])
      expect(
        await otherReplica.admit(at, 'asset', [
          { id: '7', version: '2026-12-04T01:53:00.000Z', kind: 'deleted' },
        ]),
      ).toEqual(['deleted'])
      expect(await offer('2026-12-04T01:52:59.000Z', 'updated')).toEqual([null])
      expect(await offer('2026-12-04T02:00:00.000Z', 'created')).toEqual(['created'])
      expect(await offer('2026-12-04T02:00:01.000Z', 'created')).toEqual(['updated'])
    })

    it('admits one created per record and no older version after a newer one, however replicas race', async () => {
      const { store, otherReplica } = make()
      const at = connection()
      const records = Array.from({ length: 50 }, (_, index) => String(index))
      const raced = await Promise.all(
        records.map((id) =>
          Promise.all([
            store.admit(at, 'ticket', [{ id, version: '2026-12-04T01:52:37.000Z', kind: 'created' }]),
            otherReplica.admit(at, 'ticket', [{ id, version: '2026-12-04T01:52:41.000Z', kind: 'created' }]),
          ]),
        ),
      )
      for (const [[older], [newer]] of raced)
        // Older first: created then updated; newer first: the older one is not admitted.
        expect([
          ['created', 'updated'],
          [null, 'created'],
        ]).toContainEqual([older, newer])
    })

    it('gives a look lease to one owner at a time, renews it for that owner, and frees it on release', async () => {
      const { store, otherReplica } = make()
      const at = connection()
      expect(await store.claim(at, 'ticket', 'a', 60_000)).toBe(true)
      expect(await otherReplica.claim(at, 'ticket', 'b', 60_000)).toBe(false)
      expect(await store.claim(at, 'ticket', 'a', 60_000)).toBe(true)
      expect(await otherReplica.claim(at, 'customer', 'b', 60_000)).toBe(true)
      await otherReplica.release(at, 'ticket', 'b') // not b's: nothing happens
      expect(await otherReplica.claim(at, 'ticket', 'b', 60_000)).toBe(false)
      await store.release(at, 'ticket', 'a')
      expect(await otherReplica.claim(at, 'ticket', 'b', 60_000)).toBe(true)
    })

    it('lets a lease its owner stopped renewing (a replica that died) run out', async () => {
      const { store, otherReplica, pass } = make()
      const at = connection()
      expect(await store.claim(at, 'ticket', 'a', 50)).toBe(true)
      await pass(60)
      expect(await otherReplica.claim(at, 'ticket', 'b', 60_000)).toBe(true)
      expect(await store.claim(at, 'ticket', 'a', 60_000)).toBe(false)
    })
  })
}
