import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../app/config.js'

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('tracing configuration', () => {
  it('is off without an OTLP endpoint, and when the SDK is disabled', () => {
    expect(loadConfig({}).tracing).toBeUndefined()
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing,
    ).toBeUndefined()
  })

  it("sends to the traces endpoint as given, or to the general endpoint's /v1/traces", () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      endpoint: 'http://collector:4318/v1/traces',
      serviceName: 'psa-gateway',
    })
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/ingest',
        OTEL_SERVICE_NAME: 'psa-gateway-eu',
      }).tracing,
    ).toEqual({ endpoint: 'https://traces.example/ingest', serviceName: 'psa-gateway-eu' })
  })

  it('names an endpoint that is no http URL, and a protocol other than the one shipped', () => {
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:// or https:// URL',
    ])
    expect(
      problemsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL: only http/protobuf is supported (OTLP over HTTP, port 4318 by default)',
    ])
    expect(
      problemsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      }),
    ).toEqual([])
  })
})
