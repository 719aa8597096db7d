import { FastifyOtelInstrumentation } from '@fastify/otel'
import { context, diag, DiagLogLevel, propagation, trace, type Tracer } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { UndiciInstrumentation, type UndiciRequest } from '@opentelemetry/instrumentation-undici'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fastifyPlugin from 'fastify-plugin'
import type { Logger } from 'pino'
import type { TracingConfig } from './tracing-config.js'
import { withoutCallbackToken } from '../src/events/callback-token.js'

/** What tracing gives the app. server.ts imports this file only when tracing is on: off, the SDK is never loaded. */
export interface Tracing {
  /** Where the vendor client starts each call's span. */
  readonly tracer: Tracer
  /** A span per request (@fastify/otel) and the trace id on the request's log lines; registered before any route. */
  readonly plugin: (app: FastifyInstance) => Promise<void>
  /** Exports the spans ended so far. */
  flush(): Promise<void>
  /** Exports what is left, then takes back everything this registered in the process. */
  shutdown(): Promise<void>
}

/** Probes, scrapes and the Swagger UI's files: requests that say nothing about a caller's request. */
const UNTRACED = /^\/(healthz|readyz|metrics|docs)(\/|\?|$)/

/**
 * Starts tracing for this process: the SDK's provider registered globally (context kept across awaits with
 * AsyncLocalStorage, W3C `traceparent` read and written), spans batched to the OTLP endpoint (or `exporter`, for
 * tests), undici's HTTP spans. Fails if tracing is already on in this process.
 */
export function startTracing(
  config: TracingConfig,
  options: { logger: Logger; exporter?: SpanExporter },
): Tracing {
  const exporter = options.exporter ?? new OTLPTraceExporter({ url: config.endpoint })
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  })
  provider.register()
  if ((trace.getTracerProvider() as { getDelegate?(): unknown }).getDelegate?.() !== provider)
    throw new Error('tracing is already on in this process')
  // The SDK reports its own trouble (a collector that refuses spans) here, and says nothing otherwise.
  const detail = (args: unknown[]) => ({ detail: args.length > 0 ? args : undefined })
  diag.setLogger(
    {
      error: (message, ...args) => options.logger.error(detail(args), `tracing: ${message}`),
      warn: (message, ...args) => options.logger.warn(detail(args), `tracing: ${message}`),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  )

  const requests = new FastifyOtelInstrumentation({
    ignorePaths: ({ url }) => UNTRACED.test(url),
    instrumentHooks: false,
    // A thrown 4xx is the caller's mistake, not the gateway's: the span's status and the log say enough.
    recordExceptions: false,
    requestHook: (span, request) => {
      span.updateName(`${request.method} ${request.routeOptions.url ?? ''}`.trimEnd())
      span.setAttribute('url.path', withoutCallbackToken(pathOf(request.url)))
    },
    // The handler's span keeps the request's context past the body read; it would be named after the plugin
    // that declared the route, which for an anonymous plugin is its source text.
    lifecycleHook: (span, { hookName, request }) => {
      span.updateName(`${hookName} ${request.routeOptions.url ?? ''}`.trimEnd())
      span.setAttribute('hook.name', hookName)
    },
  })
  const undici = new UndiciInstrumentation({
    // The gateway's calls run inside a vendor call's span; anything else (a test's own client) is not traced.
    requireParentforSpans: true,
    startSpanHook: urlWithoutQueryValues,
  })
  for (const instrumentation of [requests, undici]) instrumentation.setTracerProvider(provider)

  return {
    tracer: provider.getTracer('psa-gateway'),
    plugin: fastifyPlugin(async (app) => {
      await app.register(requests.plugin())
      app.addHook('onRequest', logWithTraceIds)
    }),
    flush: () => provider.forceFlush(),
    async shutdown() {
      requests.disable()
      undici.disable()
      await provider.shutdown()
      trace.disable()
      context.disable()
      propagation.disable()
      diag.disable()
    },
  }
}

const pathOf = (url: string) => url.split('?', 1)[0]!

/**
 * undici's span records the URL as sent, query string included: the values go (a vendor may take a key or a
 * customer's name there), the names stay, as the HTTP conventions ask of sensitive query values.
 */
function urlWithoutQueryValues(request: UndiciRequest) {
  const url = new URL(request.path, request.origin)
  const names = [...url.searchParams.keys()]
  url.search = names.map((name) => `${encodeURIComponent(name)}=REDACTED`).join('&')
  return { 'url.full': url.toString(), 'url.query': url.search.slice(1) }
}

/** Every line the request logs (its access line, its vendor calls) carries its trace and span ids. */
function logWithTraceIds(request: FastifyRequest, reply: FastifyReply, done: () => void) {
  const { span } = request.opentelemetry()
  if (span) {
    const { traceId, spanId } = span.spanContext()
    request.log = reply.log = request.log.child({ trace_id: traceId, span_id: spanId })
  }
  done()
}
