import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import type { ReferenceCache } from '../../src/state/reference-data/reference-cache.js'
import { sharedWithLocalFallback } from '../../src/state/redis/fallback.js'

const log = pino({ level: 'silent' })

/** A reference cache that records which side answered. */
const side = (
  name: string,
  behaviour: 'answer' | 'store-fails' = 'answer',
): ReferenceCache & { calls: number } => ({
  calls: 0,
  async get<T>(_connection: string, _name: string, load: () => Promise<T>): Promise<T> {
    this.calls += 1
    if (behaviour === 'store-fails') throw new Error('Connection is closed.')
    return `${name}:${String(await load())}` as T
  },
})

describe('sharedWithLocalFallback', () => {
  const wrap = (shared: ReferenceCache, local: ReferenceCache, available: boolean) =>
    sharedWithLocalFallback<ReferenceCache>(shared, local, ['get'], { available }, 'reference cache', log)

  it('uses the shared side while the store is up', async () => {
    const shared = side('shared')
    const local = side('local')
    expect(await wrap(shared, local, true).get('c', 'n', async () => 'v')).toBe('shared:v')
    expect(local.calls).toBe(0)
  })

  it('uses the local side while the store is down, or when a shared call fails', async () => {
    const local = side('local')
    expect(await wrap(side('shared'), local, false).get('c', 'n', async () => 'v')).toBe('local:v')
    expect(await wrap(side('shared', 'store-fails'), local, true).get('c', 'n', async () => 'v')).toBe(
      'local:v',
    )
  })

  it("passes the caller's own failure on, without trying it again locally", async () => {
    const local = side('local')
    const failingLoad = async () => Promise.reject(new Error('vendor down'))
    await expect(wrap(side('shared'), local, true).get('c', 'n', failingLoad)).rejects.toThrow('vendor down')
    expect(local.calls).toBe(0)
  })
})
