import { startSandbox } from './index.js'

// `npm run sandbox`: the vendor emulators alone, on loopback, until interrupted.
const sandbox = await startSandbox({ host: '127.0.0.1' })

console.log('PSA sandbox running. Point a client (or the gateway) at:')
for (const connection of sandbox.connections) {
  console.log(`  ${connection.vendor}  base URL ${connection.baseUrl}  API key ${connection.apiKey}`)
  console.log(`    try: curl -H 'Authorization: Bearer ${connection.apiKey}' ${connection.baseUrl}/tickets`)
}
console.log('Press Ctrl+C to stop.')

let stopping = false
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return
  stopping = true
  console.log(`\n${signal}: stopping the sandbox`)
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('The sandbox did not close cleanly:', error)
      process.exit(1)
    },
  )
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
