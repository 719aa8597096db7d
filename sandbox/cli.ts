import { startSandbox } from './index.js'

// `npm run sandbox`: the vendor emulators alone, until interrupted. Loopback and a random key unless told
// otherwise (docker-compose runs it for several gateway replicas: SANDBOX_HOST=0.0.0.0 and a known key).
const env = process.env
const sandbox = await startSandbox({
  host: env.SANDBOX_HOST || '127.0.0.1',
  syncro: {
    port: env.SANDBOX_SYNCRO_PORT ? Number(env.SANDBOX_SYNCRO_PORT) : undefined,
    apiKeys: env.SANDBOX_SYNCRO_API_KEY ? [env.SANDBOX_SYNCRO_API_KEY] : undefined,
  },
})

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
