import { constants, PerformanceObserver, type NodeGCPerformanceDetail } from 'node:perf_hooks'
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/**
 * How long V8 must have run no collection of its own before the process counts as quiet: V8 judges whether allocation
 * is slow over about the last 5 s, and shrinks the young generation only if it is.
 */
export const QUIET_MS = 8_000
const CHECK_EVERY_MS = 2_000
/** Collections per quiet spell at most, while V8 keeps its young generation: its reading of allocation is its own. */
const ATTEMPTS = 3

/**
 * V8's `gc()` without `--expose-gc` on the command line, as Jest's leak detector gets it: the flag on for one new
 * context, then off again, so no code of the gateway's or its libraries' sees a global `gc`.
 */
function v8FullGc(): () => void {
  setFlagsFromString('--expose-gc')
  try {
    return runInNewContext('gc') as () => void
  } finally {
    setFlagsFromString('--no-expose-gc')
  }
}

/**
 * When to collect: once V8 has run no collection of its own for QUIET_MS; again QUIET_MS later if that one left the
 * young generation as large as it was, up to ATTEMPTS times; then not until V8 collects on its own again. (V8 did not
 * find allocation slow yet: it counts what was promoted to the old generation since its last full collection, so
 * after a load the first often leaves it.) Collections V8 reports as forced are ours, not work.
 */
export class QuietWatch {
  #quietSince: number
  #attemptsLeft = ATTEMPTS

  /** `now`: start-up counts as work. */
  constructor(now: number) {
    this.#quietSince = now
  }

  heard(collection: NodeGCPerformanceDetail, now: number): void {
    if (collection.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) return
    this.#quietSince = now
    this.#attemptsLeft = ATTEMPTS
  }

  shouldCollect(now: number): boolean {
    if (this.#attemptsLeft === 0 || now - this.#quietSince < QUIET_MS) return false
    this.#attemptsLeft--
    this.#quietSince = now
    return true
  }

  /** After a collection: whether it gave the young generation back (then this quiet spell is done). */
  collected(youngGenerationShrank: boolean): void {
    if (youngGenerationShrank) this.#attemptsLeft = 0
  }
}

const youngGenerationBytes = () =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0

/**
 * One full garbage collection once the process has gone quiet after work: start-up, then after each busy spell.
 * V8 grows its young generation to its largest (2 × 16 MB) during start-up and under load, and leaves garbage in the
 * old one; it gives both back only in a collection, and shrinks the young one only in a collection that finds
 * allocation slow. An idle process runs no collection, so it kept some 30 MB of young generation and whatever
 * garbage the last load left, for nothing (docs/performance.md, section 5). Quiet is read from V8 itself (QuietWatch):
 * under load it collects every few milliseconds, so this never runs then. `onCollected` hears the young generation's
 * size before and after each. Returns the stop.
 */
export function collectWhenQuiet(
  onCollected: (youngGeneration: { beforeBytes: number; afterBytes: number }) => void = () => undefined,
  fullGc: () => void = v8FullGc(),
): () => void {
  const watch = new QuietWatch(performance.now())
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      watch.heard((entry as unknown as { detail: NodeGCPerformanceDetail }).detail, performance.now())
  })
  observer.observe({ entryTypes: ['gc'] })
  const timer = setInterval(() => {
    if (!watch.shouldCollect(performance.now())) return
    const beforeBytes = youngGenerationBytes()
    fullGc()
    const afterBytes = youngGenerationBytes()
    watch.collected(afterBytes < beforeBytes)
    onCollected({ beforeBytes, afterBytes })
  }, CHECK_EVERY_MS)
  timer.unref()
  return () => {
    clearInterval(timer)
    observer.disconnect()
  }
}
