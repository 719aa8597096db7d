import { describe, expect, it } from 'vitest'
import { failures, summary, type BenchResults } from '../../bench/report.js'
import { minimumCalls, VENDOR_PAGE_MAX, type FullSyncResult } from '../../bench/sections/full-sync.js'
import type { OverheadCase, SetupFigures, SetupName } from '../../bench/sections/overhead.js'
import type { UtilisationResult } from '../../bench/sections/utilisation.js'

const machine = { seconds: 10, cores: 2, loadAverage: [1, 1, 1], othersCores: 0.5, benchCores: 1.2 }
const run = (extra: Partial<BenchResults>): BenchResults => ({
  date: '2026-12-03T00:00:00.000Z',
  smoke: false,
  node: 'v20',
  commit: 'abc',
  machine: { whole: machine },
  ...extra,
})

const sharedBucket = (vendor429s: number, worstStallMs: number): UtilisationResult => ({
  setup: 'gateway, one bucket in Redis',
  processes: 2,
  seconds: 13,
  vendorCallsPerSecond: 19.2,
  fractionOfLimit: 0.96,
  vendor429s,
  worstStallMs,
})

/** A page size's figures: the gateway's cost per record `gatewayPerRecord`, the parse proxy's 10 µs. */
function overheadCase(records: number, gatewayPerRecord: number, failures = 0): OverheadCase {
  const figure = (setup: SetupName, perRecord?: number): SetupFigures => ({
    setup,
    requests: 1000,
    requestsPerSecond: setup === 'direct' ? 1000 : 600,
    throughputRatio: setup === 'direct' ? 1 : 0.6,
    ...(perRecord === undefined
      ? {}
      : {
          cpuPerRequestUs: perRecord * records,
          cpuPerRecordUs: perRecord,
          costToParseProxy: perRecord / 10,
          addedP50Ms: 0.5,
          addedP99Ms: 2,
        }),
    vendorCpuPerRequestUs: 50,
    latencySamples: 500,
    p50Ms: 1,
    p99Ms: 3,
    failures: setup === 'gateway, memory' ? failures : 0,
    answerBytes: 1024,
  })
  return {
    records,
    request: `GET /tickets?pageSize=${records}`,
    machine,
    notReplayed: 0,
    setups: [
      figure('direct'),
      figure('bare proxy', 4),
      figure('parse proxy', 10),
      figure('gateway, memory', gatewayPerRecord),
      figure('gateway, Redis', gatewayPerRecord),
    ],
  }
}

describe('the benchmark fails on errors only', () => {
  it('takes vendor 429s through the shared bucket for the machine’s when a process stalled past the margin', () => {
    expect(failures(run({ utilisation: [sharedBucket(3, 300)] }), 0)).toEqual([])
  })

  it('fails on vendor 429s that no stall explains', () => {
    expect(failures(run({ utilisation: [sharedBucket(3, 20)] }), 0)).toEqual([
      'gateway, one bucket in Redis, 2 processes: the vendor answered 429 3 times',
    ])
  })

  it('fails on a failed request in the overhead section, naming the setup and the request', () => {
    const overhead = { settings: {} as never, cases: [overheadCase(25, 11, 2)] }
    expect(failures(run({ overhead }), 0)).toEqual([
      'overhead, GET /tickets?pageSize=25, gateway, memory: 2 failed requests',
    ])
  })
})

describe('the summary marks goal 2 of issue 16', () => {
  const settings = {
    rounds: 2,
    throughputSeconds: 1,
    latencySeconds: 0.5,
    warmSeconds: 0.3,
    freshWarmSeconds: 1.5,
    concurrency: 10,
  }
  /** The marks of the goal's lines containing `phrase`, one per store, from a run with these costs per record. */
  const marks = (perRecord: number[], phrase: string) =>
    summary(
      run({
        overhead: { settings, cases: [1, 25, 100, 1000].map((n, i) => overheadCase(n, perRecord[i]!)) },
      }),
    )
      .split('\n')
      .filter((line) => line.includes(phrase))
      .map((line) => /\((met|missed)\)$/.exec(line)?.[1])

  it('met: within 1.2 × the parse proxy at every page size, and flat from 25 to 1000', () => {
    expect(marks([11, 11, 11.5, 12], "1.2 × the parse proxy's")).toEqual(['met', 'met'])
    expect(marks([11, 11, 11.5, 12], 'flat from 25')).toEqual(['met', 'met'])
  })

  it('missed: a page size above 1.2 ×, and a cost per record that grows with the page', () => {
    expect(marks([11, 11, 12, 13], "1.2 × the parse proxy's")).toEqual(['missed', 'missed'])
    expect(marks([11, 11, 12, 13], 'flat from 25')).toEqual(['missed', 'missed'])
  })
})

describe('the full sync, per vendor', () => {
  const sync = (vendor: FullSyncResult['vendor'], pageSize: number, vendorCalls: number, tickets = 5000) => {
    const minimum = minimumCalls(5000, pageSize, VENDOR_PAGE_MAX[vendor])
    return {
      vendor,
      tickets,
      pageSize,
      seconds: 0.5,
      vendorCalls,
      minimumCalls: minimum,
      callRatio: vendorCalls / minimum,
    }
  }

  it('counts the fewest calls by the smaller of the page asked and the most a vendor call answers', () => {
    expect(minimumCalls(5000, 1000, VENDOR_PAGE_MAX.connectwise)).toBe(5)
    expect(minimumCalls(5000, 1000, VENDOR_PAGE_MAX.autotask)).toBe(10)
    expect(minimumCalls(5001, 1000, VENDOR_PAGE_MAX.autotask)).toBe(11)
    expect(minimumCalls(5000, 25, VENDOR_PAGE_MAX.autotask)).toBe(200)
    expect(minimumCalls(0, 25, VENDOR_PAGE_MAX.connectwise)).toBe(1)
  })

  it('reports a row per vendor and page size, each marked against the minimum', () => {
    const rows = summary(
      run({
        fullSync: [
          sync('connectwise', 1000, 5),
          sync('connectwise', 25, 200),
          sync('autotask', 1000, 11),
          sync('autotask', 25, 200),
        ],
      }),
    )
      .split('\n')
      .filter((line) => /^\| (ConnectWise|Autotask) \|/.test(line))
    expect(rows).toEqual([
      '| ConnectWise | 5000 | 1000 | 0.5 | 5 | 5 | 1 (met) |',
      '| ConnectWise | 5000 | 25 | 0.5 | 200 | 200 | 1 (met) |',
      '| Autotask | 5000 | 1000 | 0.5 | 11 | 10 | 1.1 (missed) |',
      '| Autotask | 5000 | 25 | 0.5 | 200 | 200 | 1 (met) |',
    ])
  })

  it('fails a walk that lost tickets, naming the vendor and the page size', () => {
    expect(
      failures(run({ fullSync: [sync('connectwise', 1000, 5), sync('autotask', 1000, 10, 4999)] }), 5000),
    ).toEqual(['full sync, Autotask at 1000: 4999 of 5000 tickets'])
  })
})
