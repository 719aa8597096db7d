import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { AdapterRegistry, bucketOf, createAdapter } from '../adapters/registry.js'
import { registerRoutes } from '../routes/index.js'
import { SHARED_SCHEMAS } from '../src/canonical/shared-schemas.js'
import { usesRedis, type Config } from './config.js'
import type { Tracing } from './tracing.js'
import { callbackSigningKey, callbackToken } from '../src/events/callback-token.js'
import { AccessLog } from '../src/http/access-log.js'
import { handleClientError, handleFrameworkError } from '../src/http/client-errors.js'
import { registerJsonBody } from '../src/http/json-body.js'
import { handleError, handleNotFound } from '../src/http/problem.js'
import { requestIdFor } from '../src/http/request-id.js'
import { drainUnreadBody } from '../src/http/unread-body.js'
import { validatorCompiler } from '../src/http/validation.js'
import { createLogger } from '../src/logger.js'
import { GatewayMetrics } from '../src/metrics.js'
import { ApiKeyGuard } from '../src/security/api-keys.js'
import { memoryState, type SharedState } from '../src/state/index.js'
import { PoolRegistry } from '../src/vendor-http/pools.js'
import { assembleEvents, type EventMachinery } from './events.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    registry: AdapterRegistry
    apiKeys: ApiKeyGuard
    sharedState: SharedState
    metrics: GatewayMetrics
    /** Change events' delivery, sources and schedule (app/events.ts). */
    events: EventMachinery
  }
}

export interface BuildAppOptions {
  /** A pino logger to use (tests capture lines through it); by default one at config.logLevel to stdout. */
  logger?: Logger
  /** Shared state to use instead of the in-memory one. */
  state?: SharedState
  /** Spans of requests and vendor calls (tracing.ts); none when absent. */
  tracing?: Tracing
}

export type App = FastifyInstance

/** Builds the gateway without listening: server.ts listens, tests use app.inject. */
export async function buildApp(config: Config, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: (options.logger ?? createLogger(config.logLevel)) as FastifyBaseLogger,
    genReqId: requestIdFor,
    requestIdHeader: false,
    logController: new AccessLog({ requestIdLogLabel: 'requestId' }),
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
    requestTimeout: config.requestTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.headersTimeoutMs,
      // How often Node looks for requests past those timeouts (its default, 30 s, would make them late).
      connectionsCheckingInterval: Math.min(1_000, Math.ceil(config.headersTimeoutMs / 4)),
    },
    clientErrorHandler: handleClientError,
    frameworkErrors: handleFrameworkError,
  })

  if (options.tracing) await app.register(options.tracing.plugin)

  // An answer given before the body was read lets the client finish sending up to this much (unread-body.ts).
  const unreadBodyLimit = Math.max(4 * config.bodyLimitBytes, 8 * 1_048_576)
  app.setValidatorCompiler(validatorCompiler(SHARED_SCHEMAS))
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema)
  registerJsonBody(app)
  app.setErrorHandler(handleError)
  app.setNotFoundHandler(handleNotFound)
  // Closing (SIGTERM): requests in flight finish, and their keep-alive connections close with the answer;
  // otherwise an idle keep-alive socket would hold the shutdown open until the grace period runs out.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    drainUnreadBody(request, reply, unreadBodyLimit)
    if (closing) reply.header('connection', 'close')
  })

  const state = options.state ?? (await sharedState(config, app.log))
  const pools = new PoolRegistry(config.vendorHttp)
  const metrics = new GatewayMetrics(() =>
    app.registry
      .list()
      .map((adapter) => ({ connection: adapter.connectionId, state: adapter.health().breaker })),
  )
  const adapterFor = (connection: Config['connections'][number]) =>
    createAdapter(connection, {
      limiter: state.limiter,
      tokenCache: metrics.countedTokenCache(state.tokenCache, connection.id),
      referenceCache: metrics.countedReferenceCache(state.referenceCache, connection.id),
      pageRemainders: state.pageRemainders,
      pools,
      vendorHttp: config.vendorHttp,
      metrics,
      tracer: options.tracing?.tracer,
      gatewaySecrets: config.eventCallbackSecret
        ? [
            callbackToken(config.eventCallbackSecret, connection.id),
            callbackSigningKey(config.eventCallbackSecret, connection.id),
          ]
        : [],
    })
  app.decorate('config', config)
  app.decorate('sharedState', state)
  app.decorate('metrics', metrics)
  app.decorate('registry', new AdapterRegistry(config.connections.map(adapterFor)))
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(no route)'
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) })
    metrics.httpSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000)
  })
  app.decorate('apiKeys', new ApiKeyGuard(config.apiKeys))
  const events = await assembleEvents(config, { state, registry: () => app.registry, metrics, log: app.log })
  app.decorate('events', events)
  app.decorate('eventDelivery', events.delivery)
  app.addHook('onClose', async () => {
    // With the store unreachable, BullMQ's graceful close would wait for it: the jobs' locks run out instead.
    await events.close(!(await state.ready()).ok)
    await pools.close()
    await state.close()
  })

  await registerRoutes(app)
  return app
}

/**
 * Redis when the configuration names one, else this process's memory. The Redis assembly (ioredis with it) is loaded
 * only then: a process on the memory store never carries it.
 */
async function sharedState(config: Config, log: FastifyBaseLogger): Promise<SharedState> {
  // A write sent by a process that then died may land at the vendor until its call's timeout is over.
  const idempotencyLease = {
    leaseMs: config.idempotencyLeaseMs,
    settleMs: config.vendorHttp.requestTimeoutMs,
  }
  const eventRetentionMs = config.eventRetentionHours * 3_600_000
  if (!usesRedis(config.store))
    return memoryState(
      (error) => log.warn({ err: error }, 'background refresh failed'),
      idempotencyLease,
      eventRetentionMs,
    )
  const { redisState } = await import('../src/state/redis-state.js')
  return redisState(
    {
      ...config.store,
      horizonMs: Math.max(config.vendorHttp.rateLimitMaxWaitMs, config.vendorHttp.retryBudgetMs),
      buckets: config.connections.map(bucketOf),
      idempotencyLease,
      eventRetentionMs,
    },
    log,
  )
}
