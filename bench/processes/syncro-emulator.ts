import { startSyncroEmulator, type SyncroEmulatorOptions } from '../../sandbox/syncro/index.js'
import { serveParent } from './child.js'

// A Syncro emulator in a process of its own, so that it does not share an event loop with the gateway or
// the load generator it is measured against. Options come as JSON in BENCH_EMULATOR_OPTIONS; it prints one
// JSON line ({ baseUrl, apiKey }) once listening, answers the IPC message 'stats' with its counters and how late
// its event loop ran (a vendor stalled by the machine counts bunched arrivals), and stops on SIGTERM.
const options = JSON.parse(process.env.BENCH_EMULATOR_OPTIONS ?? '{}') as SyncroEmulatorOptions
const emulator = await startSyncroEmulator(options)
serveParent({
  ready: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKeys[0] },
  stats: () => {
    const { requests, rateLimited, byRoute } = emulator.stats
    return { requests, rateLimited, byRoute }
  },
  close: () => emulator.close(),
  watchLoop: true,
})
