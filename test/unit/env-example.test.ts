import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { variablesReadIn, variablesTheGatewayReads } from '../helpers/environment-variables.js'

/** The variables .env.example lists, set or commented out (`# NAME=value`). */
const listed = (text: string) =>
  new Set([...text.matchAll(/^#?[ \t]*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!))

describe('.env.example', () => {
  const example = listed(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'))
  const read = variablesTheGatewayReads()

  it('lists every variable the gateway reads', () => {
    expect([...read].filter((name) => !example.has(name))).toEqual([])
  })

  it('lists no variable the gateway does not read', () => {
    expect([...example].filter((name) => !read.has(name))).toEqual([])
  })

  it('finds variables read directly, whatever the form of the read', () => {
    const source = `
      const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT
      const name = env?.OTEL_SERVICE_NAME ?? env['OTEL_RESOURCE_ATTRIBUTES']
      const { OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG: ratio } = process.env`
    expect(variablesReadIn(source).sort()).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_RESOURCE_ATTRIBUTES',
      'OTEL_SERVICE_NAME',
      'OTEL_TRACES_SAMPLER',
      'OTEL_TRACES_SAMPLER_ARG',
    ])
  })

  it('finds the variables whose names the configuration builds (a vendor prefix, an emulator name)', () => {
    expect(read).toContain('CONNECTWISE_DEFAULT_BOARD_ID')
    expect(read).toContain('HALOPSA_TENANT_IN')
    expect(read).toContain('SANDBOX_SYNCRO_RATE_LIMIT')
  })
})
