import { monitorEventLoopDelay } from 'node:perf_hooks'

/** What every benchmark child process answers to the IPC message 'stats', beside its own counters. */
export interface ChildStats {
  /** CPU time of this process so far (user + system, all its threads), µs: `process.cpuUsage()`. */
  cpuMicros: number
  /** With `watchLoop`: the longest the event loop was held up since the previous 'stats', ms. */
  worstLoopDelayMs?: number
}

/**
 * The child side of a benchmark process: prints `ready` as one JSON line once listening, answers 'stats' over
 * IPC with `stats()` and its CPU time, and on SIGTERM runs `close`, then exits. `watchLoop` measures how late
 * its event loop ran (a busy machine holding the process up), at the cost of a timer every 10 ms: only for
 * processes whose CPU is not what is measured.
 */
export function serveParent(options: {
  ready: object
  stats?: () => object
  close: () => Promise<void>
  watchLoop?: boolean
}): void {
  const loop = options.watchLoop ? monitorEventLoopDelay({ resolution: 10 }) : undefined
  loop?.enable()
  process.on('message', (message) => {
    if (message !== 'stats') return
    const { user, system } = process.cpuUsage()
    const answer: ChildStats = { ...options.stats?.(), cpuMicros: user + system }
    if (loop) {
      answer.worstLoopDelayMs = Number((loop.max / 1e6).toFixed(1))
      loop.reset()
    }
    process.send?.(answer)
  })
  process.once('SIGTERM', () => {
    options.close().then(() => process.exit(0))
  })
  console.log(JSON.stringify(options.ready))
}
