/**
 * Tracing is off unless an OTLP endpoint is configured, by the OpenTelemetry SDK's own variable names, so a
 * collector set up for other services works here unchanged. Only OTLP over HTTP with protobuf is shipped.
 */
export interface TracingConfig {
  /** Where spans are sent: the full URL of the collector's traces endpoint. */
  endpoint: string
  /** `service.name` of every span. */
  serviceName: string
}

const DEFAULT_SERVICE_NAME = 'psa-gateway'
const SHIPPED_PROTOCOL = 'http/protobuf'

/** The SDK's rule: a signal-specific endpoint is used as it is, the general one gets the signal's path. */
function endpointOf(env: NodeJS.ProcessEnv): { name: string; url: string } | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()
  if (traces) return { name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', url: traces }
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()
  if (base) return { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', url: `${base.replace(/\/+$/, '')}/v1/traces` }
  return undefined
}

const isHttpUrl = (text: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol)
  } catch {
    return false
  }
}

export function tracingFromEnv(env: NodeJS.ProcessEnv, problems: string[]): TracingConfig | undefined {
  const endpoint = endpointOf(env)
  if (!endpoint || env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined
  if (!isHttpUrl(endpoint.url)) problems.push(`${endpoint.name}: must be an http:// or https:// URL`)
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL?.trim()
    ? { name: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', value: env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL.trim() }
    : { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim() }
  if (protocol.value && protocol.value !== SHIPPED_PROTOCOL)
    problems.push(
      `${protocol.name}: only ${SHIPPED_PROTOCOL} is supported (OTLP over HTTP, port 4318 by default)`,
    )
  return { endpoint: endpoint.url, serviceName: env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME }
}
