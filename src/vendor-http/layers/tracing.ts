import { SpanKind, SpanStatusCode, type Attributes, type Tracer } from '@opentelemetry/api'
import { GatewayError } from '../../errors.js'
import type { Exchange, FinalAttempt, SendCall } from './exchange.js'

interface TracingOptions {
  tracer: Tracer
  vendor: string
  connectionId: string
}

/**
 * One span per vendor call, around everything the call goes through (breaker, retries, turns at the rate limit,
 * credentials), active while it runs, so that undici's HTTP span of each attempt (and of a token request) nests
 * under it. INTERNAL, not CLIENT: the HTTP client spans are undici's. Its attributes say what the layers did and
 * how the call ended; nothing in them comes from a header, a query string or a body, so no secret can be there.
 */
export const tracingLayer =
  (options: TracingOptions) =>
  (next: SendCall): SendCall => {
    const { tracer, vendor, connectionId } = options
    return (exchange) => {
      const { method, path } = exchange.call
      const url = new URL(exchange.baseUrl)
      const basePath = url.pathname.replace(/\/+$/, '')
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
      const attributes: Attributes = {
        'psa.vendor': vendor,
        'psa.connection': connectionId,
        'http.request.method': method,
        'server.address': url.hostname,
        'server.port': port,
        'url.path': basePath + path,
      }
      return tracer.startActiveSpan(
        `${vendor} ${method}`,
        { kind: SpanKind.INTERNAL, attributes },
        async (span) => {
          try {
            const final = await next(exchange)
            span.setAttributes({ ...whatTheLayersDid(exchange), ...outcomeOf(final) })
            if (failed(final)) span.setStatus({ code: SpanStatusCode.ERROR })
            return final
          } catch (error) {
            // The call was not made, or stopped: the breaker open, no turn in time, the caller gone.
            span.setAttributes({ ...whatTheLayersDid(exchange), 'error.type': errorTypeOf(error) })
            span.setStatus({ code: SpanStatusCode.ERROR })
            throw error
          } finally {
            span.end()
          }
        },
      )
    }
  }

function whatTheLayersDid(exchange: Exchange): Attributes {
  return {
    'psa.attempts': exchange.attempt,
    'psa.limiter.wait_ms': exchange.limiterWaitMs,
    ...(exchange.slotWaitMs > 0 ? { 'psa.concurrency.wait_ms': exchange.slotWaitMs } : {}),
    ...(exchange.retryReasons.length > 0 ? { 'psa.retry.reasons': exchange.retryReasons } : {}),
    ...(exchange.probe ? { 'psa.breaker.probe': true } : {}),
  }
}

/** Per the HTTP conventions: the status, and as `error.type` the status of a 4xx or 5xx or the failure's kind. */
function outcomeOf(final: FinalAttempt): Attributes {
  switch (final.kind) {
    case 'response':
      return {
        'http.response.status_code': final.status,
        ...(final.status >= 400 ? { 'error.type': String(final.status) } : {}),
      }
    case 'transport':
      return { 'error.type': final.failure.timedOut ? 'timeout' : 'network' }
    case 'no-credentials':
      return { 'error.type': 'no_credentials' }
  }
}

const failed = (final: FinalAttempt) => final.kind !== 'response' || final.status >= 400

/** A stable code, never a message: a message may quote what a vendor said. */
const errorTypeOf = (error: unknown) =>
  error instanceof GatewayError ? error.code : error instanceof Error ? error.name : 'unknown'
