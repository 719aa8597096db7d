import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The import rules of eslint.config.js, on made-up files at real places in the tree. */
const eslint = new ESLint()
const refusedImports = async (filePath: string, specifier: string) => {
  const [result] = await eslint.lintText(`import '${specifier}'\n`, { filePath })
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').length
}

describe('layers that point down', () => {
  it.each([
    ['src/http/probe.ts', '../../adapters/types.js'],
    ['src/http/probe.ts', '../../routes/index.js'],
    ['src/state/limiter/probe.ts', '../../../sandbox/index.js'],
    ['src/state/redis/probe.ts', '../../../app/build-app.js'],
    ['src/probe.ts', '../adapters/registry.js'],
    ['src/probe.ts', '../app/config.js'],
    ['src/security/probe.ts', '../../app/build-app.js'],
    ['adapters/syncro/probe.ts', '../../routes/common.js'],
    ['adapters/syncro/probe.ts', '../../sandbox/syncro/index.js'],
    ['adapters/probe.ts', '../app/config.js'],
    ['routes/probe.ts', '../sandbox/index.js'],
    ['src/events/probe.ts', '../../event-sources/event-sources.js'],
    ['adapters/syncro/probe.ts', '../../event-sources/event-sources.js'],
    ['event-sources/probe.ts', '../routes/common.js'],
    ['event-sources/probe.ts', '../app/config.js'],
    ['sandbox/probe.ts', '../event-sources/event-sources.js'],
    ['routes/probe.ts', '../app/build-app.js'],
    ['sandbox/syncro/probe.ts', '../../src/errors.js'],
    ['sandbox/connectwise/inputs/probe.ts', '../../../adapters/connectwise/map.js'],
    ['sandbox/syncro/probe.ts', '../../app/sandbox-mode.js'],
    ['sandbox/probe.ts', '../routes/index.js'],
    // A piece of shared state never imports its assemblies.
    ['src/state/limiter/probe.ts', '../index.js'],
    ['src/state/tokens/probe.ts', '../redis-state.js'],
    ['src/state/redis/probe.ts', '..'],
    ['src/state/idempotency/probe.ts', '../../state/redis-state.js'],
    // The TypeScript client knows the gateway by its OpenAPI document only.
    ['clients/typescript/src/probe.ts', '../../../src/errors.js'],
    ['clients/typescript/src/probe.ts', '../../../routes/common.js'],
    ['clients/typescript/src/probe.ts', '../../../test/helpers/gateway.js'],
  ])('refuses %s importing %s', async (file, specifier) => {
    expect(await refusedImports(file, specifier)).toBe(1)
  })

  it.each([
    ['app/build-app.ts', '../adapters/registry.js'],
    ['app/build-app.ts', '../routes/index.js'],
    ['app/config.ts', '../sandbox/rate-limit-env.js'],
    ['app/server.ts', './sandbox-mode.js'],
    ['app/sandbox-mode.ts', '../sandbox/index.js'],
    ['src/logger.ts', './gateway-config.js'],
    ['src/state/redis-state.ts', './index.js'],
    ['src/state/redis-state.ts', './limiter/redis.js'],
    ['src/state/index.ts', './tokens/token-cache.js'],
    ['src/state/tokens/probe.ts', '../redis/connection.js'],
    ['src/state/reference-data/probe.ts', '../concurrency/single-flight.js'],
    ['src/state/limiter/probe.ts', '../../errors.js'],
    ['src/vendor-http/probe.ts', '../state/limiter/types.js'],
    ['routes/probe.ts', '../adapters/types.js'],
    ['routes/probe.ts', '../event-sources/event-sources.js'],
    ['event-sources/probe.ts', '../adapters/types.js'],
    ['event-sources/probe.ts', '../src/events/types.js'],
    ['adapters/syncro/probe.ts', '../../src/errors.js'],
    ['sandbox/syncro/probe.ts', '../shared/faults.js'],
    ['sandbox/connectwise/probe.ts', './routes/index.js'],
    ['clients/typescript/src/probe.ts', './schema.js'],
  ])('lets %s import %s', async (file, specifier) => {
    expect(await refusedImports(file, specifier)).toBe(0)
  })
})
