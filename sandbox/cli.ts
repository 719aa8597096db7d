import { startSandbox, type SandboxConnection } from './index.js'
import { sandboxOptionsFromEnv } from './options-from-env.js'
import { rateLimitVariable } from './rate-limit-env.js'

// `npm run sandbox`: the vendor emulators alone, until interrupted (settings: sandbox/options-from-env.ts).
const problems: string[] = []
const options = sandboxOptionsFromEnv(process.env, problems)
if (problems.length) {
  console.error(`The sandbox cannot start. ${problems.join('; ')}`)
  process.exit(1)
}
const sandbox = await startSandbox(options)

function describe(connection: SandboxConnection): string[] {
  switch (connection.vendor) {
    case 'connectwise': {
      const basic = Buffer.from(
        `${connection.companyId}+${connection.publicKey}:${connection.privateKey}`,
      ).toString('base64')
      return [
        `  connectwise  base URL ${connection.baseUrl}  company ${connection.companyId}  public key ${connection.publicKey}  private key ${connection.privateKey}  clientId ${connection.clientId}`,
        `    try: curl -H 'Authorization: Basic ${basic}' -H 'clientId: ${connection.clientId}' '${connection.baseUrl}/service/tickets?pageSize=5'`,
      ]
    }
    case 'halopsa':
      return [
        `  halopsa  host ${connection.baseUrl}  tenant ${connection.tenant}  client id ${connection.clientId}  client secret ${connection.clientSecret}`,
        `    try: curl -d 'grant_type=client_credentials&client_id=${connection.clientId}&client_secret=${connection.clientSecret}&scope=all' '${connection.baseUrl}/auth/token?tenant=${connection.tenant}'`,
      ]
    case 'syncro':
      return [
        `  syncro  base URL ${connection.baseUrl}  API key ${connection.apiKey}`,
        `    try: curl -H 'Authorization: Bearer ${connection.apiKey}' ${connection.baseUrl}/tickets`,
      ]
    case 'autotask':
      return [
        `  autotask  zone information ${connection.zoneInformationUrl}  user name ${connection.userName}  integration code ${connection.integrationCode}  secret ${connection.secret}  default resource ${connection.defaultResourceId}`,
        `    try: curl '${connection.zoneInformationUrl}?user=${encodeURIComponent(connection.userName)}'`,
      ]
  }
}

console.log('PSA sandbox running. Point a client (or the gateway) at:')
for (const connection of sandbox.connections) {
  for (const line of describe(connection)) console.log(line)
  if (connection.rateLimit)
    console.log(
      `    rate limit ${connection.rateLimit.limit} per ${connection.rateLimit.windowMs / 1000} s (from ${rateLimitVariable(connection.vendor)}); the gateway must be told the same (its connection's rateLimit)`,
    )
}
console.log(
  options.activity
    ? `Each emulator changes a record on its own every ${options.activity.everyMs / 1000} s (SANDBOX_ACTIVITY_SECONDS, 0 for never).`
    : 'The emulators change nothing on their own (SANDBOX_ACTIVITY_SECONDS=0).',
)
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
