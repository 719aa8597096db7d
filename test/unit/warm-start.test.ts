import { setImmediate as nextTurn } from 'node:timers/promises'
import { afterEach, expect, it } from 'vitest'
import type { App } from '../../app/build-app.js'
import { warmConnections } from '../../app/warm-start.js'
import { GatewayError, rateLimited } from '../../src/errors.js'
import type { CallContext } from '../../adapters/types.js'
import { CallCancellation } from '../../src/vendor-http/cancellation.js'

const warnings: Error[] = []
const onWarning = (warning: Error) => warnings.push(warning)
afterEach(() => {
  process.off('warning', onWarning)
  warnings.length = 0
})

/** A gateway of these connections' warm-ups, logging into `lines`. */
function appWith(warmUps: Array<(ctx: CallContext) => Promise<void>>, lines: unknown[][]): App {
  const log = {
    child: () => log,
    debug: () => undefined,
    warn: (...args: unknown[]) => void lines.push(args),
  }
  const adapters = warmUps.map((warmUp, index) => ({ connectionId: `c${index}`, warmUp }))
  return { log, registry: { list: () => adapters } } as unknown as App
}

it('runs every connection warm-up call under one signal without a MaxListenersExceededWarning', async () => {
  process.on('warning', onWarning)
  let started = 0
  const warmUp = async (ctx: CallContext) => {
    // Each vendor call listens to the signal while it runs: four connections with several loads each.
    const calls = Array.from({ length: 4 }, () => new CallCancellation(60_000, ctx.signal))
    started += calls.length
    await nextTurn()
    for (const call of calls) call.dispose()
  }
  await warmConnections(appWith([warmUp, warmUp, warmUp, warmUp], []), new AbortController().signal)
  await nextTurn()
  expect(started).toBe(16)
  expect(warnings.map((warning) => warning.name)).toEqual([])
})

it('logs a warm-up stopped by the vendor rate limit without a stack (expected at start), other failures with it', async () => {
  const lines: unknown[][] = []
  const limited = async () => {
    throw rateLimited(
      11,
      'the connectwise rate limit is reached; more calls are queued than can be served in time',
    )
  }
  const broken = async () => {
    throw new GatewayError(502, 'vendor_unavailable', 'halopsa failed')
  }
  await warmConnections(appWith([limited, broken], lines), new AbortController().signal)
  const [[limitedFields], [brokenFields]] = lines as [[Record<string, unknown>], [Record<string, unknown>]]
  expect(JSON.stringify(limitedFields)).not.toContain('stack')
  expect(limitedFields).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 11 })
  expect(brokenFields.err).toBeInstanceOf(GatewayError)
})
