import { describe, expect, it } from 'vitest'
import { modulesLoadedBy } from '../helpers/loaded-modules.js'

// What a production gateway leaves unloaded until something needs it (docs/performance.md, section 5): each of
// these costs the process memory for as long as it runs. Machine-independent, where an RSS threshold would not be.
const NOT_AT_START = {
  // sandbox/rate-limit-env.js and activity-env.js are the parsers of SANDBOX_<VENDOR>_RATE_LIMIT and
  // SANDBOX_ACTIVITY_SECONDS that config.ts calls in sandbox mode only.
  emulators: /\/dist\/sandbox\/(?!(rate-limit-env|activity-env)\.js$)/,
  ioredis: /\/node_modules\/ioredis\//,
  docs: /\/node_modules\/(@fastify\/swagger|@fastify\/swagger-ui|@fastify\/static|yaml)\//,
  'OpenTelemetry SDK': /\/node_modules\/(@fastify\/otel|@opentelemetry\/(?!api\/))/,
  'pino-pretty': /\/node_modules\/pino-pretty\//,
}

const matching = (modules: string[], pattern: RegExp) => modules.filter((module) => pattern.test(module))

describe('the modules a production gateway loads (dist/, as the Docker image runs it)', () => {
  it('on the memory store with tracing off: no emulator, no Redis client, no docs library, no OpenTelemetry SDK', async () => {
    const modules = await modulesLoadedBy()
    expect(matching(modules, /\/dist\/app\/server\.js$/)).toHaveLength(1) // the recording itself works
    for (const [name, pattern] of Object.entries(NOT_AT_START))
      expect(matching(modules, pattern), `${name} loaded at start`).toEqual([])
  })

  it('the docs libraries on the first request for the docs', async () => {
    const modules = await modulesLoadedBy({
      meanwhile: async (url) => {
        expect((await fetch(`${url}/docs`)).status).toBe(200)
      },
    })
    expect(matching(modules, /\/node_modules\/@fastify\/swagger-ui\//)).not.toEqual([])
    expect(matching(modules, /\/node_modules\/@fastify\/swagger\//)).not.toEqual([])
  })

  it('ioredis once a Redis store is configured', async () => {
    // Nothing listens there: the gateway waits for it a moment, then serves on its in-process state.
    const modules = await modulesLoadedBy({ env: { REDIS_URL: 'redis://127.0.0.1:1' } })
    expect(matching(modules, NOT_AT_START.ioredis)).not.toEqual([])
  })
})
