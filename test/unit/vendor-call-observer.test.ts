import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { GatewayMetrics } from '../../src/metrics.js'
import { metricsAndLogs } from '../../src/vendor-http/layers/observer.js'
import { answered, exchangeOf } from '../helpers/vendor-layers.js'

const metricText = async (metrics: GatewayMetrics, name: string) =>
  metrics.registry.getSingleMetricAsString(name)

describe('metrics and logs of vendor calls', () => {
  it('counts each attempt by status or failure, with its duration, and logs it at debug level', async () => {
    const lines: Array<Record<string, unknown>> = []
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) })
    const metrics = new GatewayMetrics(() => [])
    const observer = metricsAndLogs(metrics, 'conn', 'testvendor')
    const exchange = exchangeOf({ method: 'POST', path: '/tickets' }, { log })
    exchange.attempt = 2
    observer.attempted(exchange, answered(503), 250)
    observer.attempted(exchange, { kind: 'transport', failure: { reachedVendor: true, timedOut: true } }, 10)
    const calls = await metricText(metrics, 'psagw_vendor_calls_total')
    expect(calls).toContain('{connection="conn",vendor="testvendor",method="POST",outcome="503"} 1')
    expect(calls).toContain('outcome="timeout"} 1')
    expect(await metricText(metrics, 'psagw_vendor_call_duration_seconds')).toContain(
      'psagw_vendor_call_duration_seconds_count{connection="conn",vendor="testvendor"} 2',
    )
    expect(lines[0]).toMatchObject({
      msg: 'vendor call',
      vendor: 'testvendor',
      connection: 'conn',
      method: 'POST',
      path: '/tickets',
      attempt: 2,
      status: 503,
      ms: 250,
    })
    expect(lines[1]).toMatchObject({ transportError: { reachedVendor: true, timedOut: true } })
  })

  it("counts the limiter's grants, refusals and late turns by connection", async () => {
    const metrics = new GatewayMetrics(() => [])
    const observer = metricsAndLogs(metrics, 'conn', 'testvendor')
    observer.turnGranted(500)
    observer.turnRefused()
    observer.lateTurn()
    expect(await metricText(metrics, 'psagw_limiter_wait_seconds')).toContain(
      'psagw_limiter_wait_seconds_sum{connection="conn"} 0.5',
    )
    expect(await metricText(metrics, 'psagw_limiter_refusals_total')).toContain('{connection="conn"} 1')
    expect(await metricText(metrics, 'psagw_limiter_late_turns_total')).toContain('{connection="conn"} 1')
  })

  it('still logs without metrics', () => {
    const lines: string[] = []
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) })
    metricsAndLogs(undefined, 'conn', 'testvendor').attempted(exchangeOf({}, { log }), answered(200), 1)
    metricsAndLogs(undefined, 'conn', 'testvendor').turnRefused()
    expect(lines).toHaveLength(1)
  })
})
