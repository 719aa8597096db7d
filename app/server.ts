import closeWithGrace from 'close-with-grace'
import { buildApp } from './build-app.js'
import { callbackUrlsOf } from './events.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { loadDevelopmentEnvFile } from './env-file.js'
import { humanReadableLogs } from './log-destination.js'
import { shutdownGraceMs } from './shutdown-grace.js'
import { createLogger } from '../src/logger.js'
import type { SandboxMode } from './sandbox-mode.js'
import { warmConnections } from './warm-start.js'
import { collectWhenQuiet } from './idle-collection.js'

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const
/**
 * `npm start` runs this process directly (its script `exec`s node) and relays SIGINT and SIGTERM to it, so a
 * Ctrl-C in a terminal, which signals the whole process group, arrives twice (npm/cli#5021). A repeat within this
 * window of the first is that relay and is ignored; a later one (a second Ctrl-C) exits at once, as before.
 */
const RELAYED_SIGNAL_WINDOW_MS = 1_000

/** The only file that listens. */
async function main(): Promise<void> {
  const fromEnvFile = loadDevelopmentEnvFile()
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`psa-gateway cannot start. ${error.message}\n`)
    process.exit(1)
  }
  const logger = createLogger(config.logLevel, await humanReadableLogs(config.nodeEnv))
  if (fromEnvFile.length) logger.info({ variables: fromEnvFile }, 'read .env (the environment wins over it)')

  let sandbox: SandboxMode | undefined
  if (config.sandbox) {
    // Loaded on demand: a configured gateway (production) never loads the emulators.
    const { startSandboxMode } = await import('./sandbox-mode.js')
    // The emulators call back on loopback, at the port the gateway is about to listen on.
    const publicUrl = config.publicUrl ?? (config.port === 0 ? undefined : `http://127.0.0.1:${config.port}`)
    config = { ...config, publicUrl }
    sandbox = await startSandboxMode({
      rateLimits: config.sandboxRateLimits,
      activity: config.sandboxActivity,
      callbackUrlOf: callbackUrlsOf(config),
    })
    config = { ...config, connections: sandbox.connections }
    logger.info(
      {
        connections: sandbox.connections.map((connection) => connection.id),
        // How often each emulator changes a record on its own (SANDBOX_ACTIVITY_SECONDS); 0: never.
        activitySeconds: (config.sandboxActivity?.everyMs ?? 0) / 1000,
      },
      'sandbox mode: no connection configured, serving the built-in vendor emulators',
    )
  }

  if (config.apiKeys.length === 0) {
    logger.warn(
      'no gateway API keys configured: every caller has full access to every connection (set GATEWAY_API_KEYS; npm run key makes one)',
    )
  }
  // Loaded only when on: off, the OpenTelemetry SDK is not even imported.
  const tracing = config.tracing && (await import('./tracing.js')).startTracing(config.tracing, { logger })
  const app = await buildApp(config, { logger, tracing })
  const graceMs = shutdownGraceMs(config.vendorHttp)
  const warming = new AbortController()
  const stopCollecting = collectWhenQuiet((youngGeneration) =>
    logger.debug({ youngGeneration }, 'garbage collected while quiet'),
  )
  let stopSignal: NodeJS.Signals | undefined
  let closingSince: number | undefined
  const closer = closeWithGrace(
    { delay: graceMs, skip: [...STOP_SIGNALS] },
    async ({ err, signal = stopSignal }) => {
      closingSince = performance.now()
      if (err) logger.error({ err }, 'shutting down after an error')
      else logger.info({ signal }, 'shutting down')
      warming.abort()
      stopCollecting()
      await app.close()
      await sandbox?.close()
      await tracing?.shutdown() // the spans of the last requests, exported
    },
  )
  for (const name of STOP_SIGNALS) {
    process.on(name, (signal: NodeJS.Signals) => {
      if (closingSince === undefined) {
        stopSignal = signal
        closer.close()
      } else if (performance.now() - closingSince > RELAYED_SIGNAL_WINDOW_MS) {
        logger.error({ signal }, `second ${signal}, exiting`)
        logger.flush()
        process.exit(1)
      }
    })
  }

  const address = await app.listen({ host: config.host, port: config.port })
  const browsable = address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://127.0.0.1')
  logger.info(`Swagger UI: ${browsable}/docs`)
  logger.flush() // the startup lines now, not at the next buffered write
  void warmConnections(app, warming.signal)
  // The pollers' looks, and the vendor callbacks' registration (retried until it succeeds).
  await app.events.schedule?.start()
}

await main()
