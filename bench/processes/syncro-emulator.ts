import { startSyncroEmulator, type SyncroEmulatorOptions } from '../../sandbox/syncro/index.js'

// A Syncro emulator in a process of its own, so that it does not share an event loop with the gateway or
// the load generator it is measured against. Options come as JSON in BENCH_EMULATOR_OPTIONS; it prints one
// JSON line ({ baseUrl, apiKey }) once listening, answers the IPC message 'stats' with its counters, and
// stops on SIGTERM.
const options = JSON.parse(process.env.BENCH_EMULATOR_OPTIONS ?? '{}') as SyncroEmulatorOptions
const emulator = await startSyncroEmulator(options)
process.on('message', (message) => {
  if (message === 'stats') {
    const { requests, rateLimited, byRoute } = emulator.stats
    process.send?.({ requests, rateLimited, byRoute })
  }
})
process.once('SIGTERM', () => {
  emulator.close().then(() => process.exit(0))
})
console.log(JSON.stringify({ baseUrl: emulator.baseUrl, apiKey: emulator.apiKeys[0] }))
