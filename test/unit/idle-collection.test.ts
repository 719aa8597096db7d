import { constants, PerformanceObserver, type NodeGCPerformanceDetail } from 'node:perf_hooks'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it, vi } from 'vitest'
import { collectWhenQuiet, QUIET_MS, QuietWatch } from '../../app/idle-collection.js'

const byV8: NodeGCPerformanceDetail = { kind: constants.NODE_PERFORMANCE_GC_MINOR, flags: 0 }
const forced: NodeGCPerformanceDetail = {
  kind: constants.NODE_PERFORMANCE_GC_MAJOR,
  flags: constants.NODE_PERFORMANCE_GC_FLAGS_FORCED,
}

describe('QuietWatch', () => {
  it('collects once start-up has been followed by QUIET_MS without a collection of V8 own', () => {
    const watch = new QuietWatch(0)
    expect(watch.shouldCollect(QUIET_MS - 1)).toBe(false)
    expect(watch.shouldCollect(QUIET_MS)).toBe(true)
    watch.collected(true)
    expect(watch.shouldCollect(10 * QUIET_MS)).toBe(false)
  })

  it('tries again QUIET_MS later while V8 keeps its young generation, three times in all', () => {
    const watch = new QuietWatch(0)
    const collections = Array.from({ length: 10 }, (_, step) => {
      const should = watch.shouldCollect(step * QUIET_MS)
      if (should) watch.collected(false)
      return should
    })
    expect(collections.filter(Boolean)).toHaveLength(3)
  })

  it("counts V8's own collections as work, and its forced ones (ours) as none", () => {
    const watch = new QuietWatch(0)
    expect(watch.shouldCollect(QUIET_MS)).toBe(true)
    watch.heard(forced, QUIET_MS)
    watch.collected(true)
    expect(watch.shouldCollect(3 * QUIET_MS)).toBe(false)
    watch.heard(byV8, 4 * QUIET_MS)
    expect(watch.shouldCollect(5 * QUIET_MS - 1)).toBe(false)
    expect(watch.shouldCollect(5 * QUIET_MS)).toBe(true)
  })
})

describe('collectWhenQuiet', () => {
  it("runs V8's full collection once quiet, without giving anyone a global gc", async () => {
    const forcedHeard: NodeGCPerformanceDetail[] = []
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const detail = (entry as unknown as { detail: NodeGCPerformanceDetail }).detail
        if (detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forcedHeard.push(detail)
      }
    })
    observer.observe({ entryTypes: ['gc'] })
    const reports: { beforeBytes: number; afterBytes: number }[] = []
    const onCollected = (youngGeneration: { beforeBytes: number; afterBytes: number }) =>
      reports.push(youngGeneration)
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] })
    const stop = collectWhenQuiet(onCollected)
    try {
      vi.advanceTimersByTime(QUIET_MS + 2_000)
      // V8 reports a collection a turn or two of the event loop later.
      for (let turns = 0; forcedHeard.length === 0 && turns < 1_000; turns++) await nextTurn()
      expect(forcedHeard).toEqual([{ kind: constants.NODE_PERFORMANCE_GC_MAJOR, flags: expect.any(Number) }])
      expect('gc' in globalThis).toBe(false)
      expect(reports).toEqual([{ beforeBytes: expect.any(Number), afterBytes: expect.any(Number) }])
    } finally {
      stop()
      vi.useRealTimers()
      observer.disconnect()
    }
  })
})
