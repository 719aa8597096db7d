import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { createLogger } from './logger.js'
import type { SandboxMode } from './sandbox-mode.js'

/** The only file that listens. */
async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`psa-gateway cannot start. ${error.message}\n`)
    process.exit(1)
  }
  const logger = createLogger(config.logLevel)

  let sandbox: SandboxMode | undefined
  if (config.sandbox) {
    // Loaded on demand: a configured gateway (production) never loads the emulators.
    const { startSandboxMode } = await import('./sandbox-mode.js')
    sandbox = await startSandboxMode(config.sandboxRateLimits)
    config = { ...config, connections: sandbox.connections }
    logger.info(
      { connections: sandbox.connections.map((connection) => connection.id) },
      'sandbox mode: no connection configured, serving the built-in vendor emulators',
    )
  }

  if (config.apiKeys.length === 0) {
    logger.warn(
      'no gateway API keys configured: every caller has full access to every connection (set GATEWAY_API_KEYS; npm run key makes one)',
    )
  }
  const app = await buildApp(config, { logger })
  // Long enough for a request that queues at the rate limit and then spends its whole retry budget.
  const graceMs = config.vendorHttp.rateLimitMaxWaitMs + config.vendorHttp.retryBudgetMs + 5_000
  closeWithGrace({ delay: graceMs }, async ({ err, signal }) => {
    if (err) logger.error({ err }, 'shutting down after an error')
    else logger.info({ signal }, 'shutting down')
    await app.close()
    await sandbox?.close()
  })

  const address = await app.listen({ host: config.host, port: config.port })
  const browsable = address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1')
  logger.info({ docs: `${browsable}/docs` }, `Swagger UI: ${browsable}/docs`)
  logger.flush() // the startup lines now, not at the next buffered write
}

await main()
