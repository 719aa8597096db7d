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
