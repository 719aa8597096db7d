import type { FullSyncResult } from './sections/full-sync.js'
import type { LimiterResult } from './sections/limiter.js'
import type { MemoryResult } from './sections/memory.js'
import type { OutageResult } from './sections/outage.js'
import type { OverheadResult } from './sections/overhead.js'
import type { OverloadResult } from './sections/overload.js'
import type { UtilisationResult } from './sections/utilisation.js'
import { VENDOR_LIMIT } from './sections/utilisation.js'

export interface BenchResults {
  date: string
  smoke: boolean
  node: string
  commit: string
  overhead?: OverheadResult[]
  limiter?: LimiterResult
  utilisation?: UtilisationResult[]
  fullSync?: FullSyncResult[]
  memory?: MemoryResult[]
  overload?: OverloadResult
  outage?: OutageResult
}

/** The overhead section run on the code before the profile-driven changes (bench/baseline.json). */
export interface Baseline {
  commit: string
  date: string
  note: string
  changes: string[]
  overhead: OverheadResult[]
}

const mark = (ok: boolean) => (ok ? 'met' : 'not met')
const table = (header: string[], rows: (string | number)[][]) => [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.join(' | ')} |`),
  '',
]

function overhead(results: OverheadResult[]): string[] {
  return [
    '## 1. Overhead: the same GET direct to the emulator and through the gateway',
    '',
    'Emulator, gateway (`dist/app/server.js` as the Docker image runs it, log level info) and load generator each in a',
    'process of their own, on the same 2 cores. Throughput: autocannon, 10 connections. Latency: Node clock, one request at a time.',
    '',
    ...table(
      [
        'request',
        'gateway state',
        'direct req/s',
        'gateway req/s',
        'ratio (goal ≥ 0.5)',
        'added p50 ms (goal < 1)',
        'added p99 ms (goal < 5)',
      ],
      results.map((r) => [
        r.path,
        r.store,
        r.direct.throughput.requestsPerSecond,
        r.gateway.throughput.requestsPerSecond,
        `${r.throughputRatio} (${mark(r.throughputRatio >= 0.5)})`,
        `${r.addedP50Ms} (${mark(r.addedP50Ms < 1)})`,
        `${r.addedP99Ms} (${mark(r.addedP99Ms < 5)})`,
      ]),
    ),
  ]
}

function beforeAfter(results: OverheadResult[], baseline: Baseline): string[] {
  const rows = results.flatMap((after) => {
    const before = baseline.overhead.find((b) => b.path === after.path && b.store === after.store)
    if (!before) return []
    return [
      [
        `${after.path} (${after.store})`,
        `${before.gateway.throughput.requestsPerSecond} → ${after.gateway.throughput.requestsPerSecond}`,
        `${before.throughputRatio} → ${after.throughputRatio}`,
        `${before.addedP50Ms} → ${after.addedP50Ms}`,
        `${before.addedP99Ms} → ${after.addedP99Ms}`,
      ],
    ]
  })
  return [
    '### Before and after the profile-driven changes',
    '',
    `Before: commit ${baseline.commit}, ${baseline.note}; measured ${baseline.date}.`,
    'After: this run. The direct figures move between runs by about 10%: compare ratios more than req/s.',
    '',
    ...table(['request (gateway state)', 'gateway req/s', 'ratio', 'added p50 ms', 'added p99 ms'], rows),
    'What the profile (`npm run bench:profile`) showed, and what was done:',
    '',
    ...baseline.changes.map((change) => `- ${change}`),
    '',
  ]
}

function limiter(result: LimiterResult): string[] {
  return [
    `## 2. Limiter: decisions per second, ${result.processes} processes on one Redis`,
    '',
    ...table(
      ['limiter', 'per second', 'p99 ms (worst process)'],
      [
        ['in memory (one process)', result.memory.perSecond, result.memory.p99Ms],
        ['Redis (the limiter script, EVALSHA)', result.redis.perSecond, result.redis.p99Ms],
        ...(result.redisBenchmark
          ? [
              [
                `redis-benchmark: EVALSHA \`return 1\`, ${result.processes * 50} clients`,
                result.redisBenchmark.perSecond,
                result.redisBenchmark.p99Ms,
              ],
            ]
          : []),
        [
          'raw EVALSHA `return 1` from the same 4 Node processes (auto-pipelined)',
          result.rawEvalsha.perSecond,
          result.rawEvalsha.p99Ms,
        ],
      ],
    ),
    result.redisToRedisBenchmarkRatio === undefined
      ? 'redis-benchmark is not installed here: no comparison with it.'
      : `Redis limiter / redis-benchmark's raw round trips: ${result.redisToRedisBenchmarkRatio} (goal ≥ 0.5: ${mark(result.redisToRedisBenchmarkRatio >= 0.5)}).`,
    '',
    `Redis limiter / the same processes' raw EVALSHA: ${result.redisToRawRatio} (the same client and its pipelining on both sides, so only the script's own cost differs).`,
    '',
  ]
}

function utilisation(results: UtilisationResult[]): string[] {
  const gatewayRows = results.filter((r) => r.setup.includes('Redis') && !r.setup.includes('without'))
  return [
    `## 3. Utilisation of a vendor limit (${VENDOR_LIMIT.limit} calls per ${VENDOR_LIMIT.windowMs / 1000} s, demand far above it)`,
    '',
    ...table(
      [
        'setup',
        'processes',
        'vendor calls/s',
        'fraction of the limit',
        'vendor 429s',
        'callers: ok / refused',
      ],
      results.map((r) => [
        r.setup,
        r.processes,
        r.vendorCallsPerSecond,
        r.fractionOfLimit,
        r.vendor429s,
        r.callerAnswers ? `${r.callerAnswers.ok} / ${r.callerAnswers.refused}` : '',
      ]),
    ),
    `Gateway with Redis: ≥ 95% of the limit (${mark(gatewayRows.every((r) => r.fractionOfLimit >= 0.95))}), 0 vendor 429s (${mark(gatewayRows.every((r) => r.vendor429s === 0))}).`,
    '',
  ]
}

function fullSync(results: FullSyncResult[]): string[] {
  return [
    '## 4. Full sync of a ConnectWise connection (gateway and emulator in one process)',
    '',
    ...table(
      ['tickets', 'page size', 'seconds', 'vendor calls', 'minimum', 'ratio (goal 1.0)'],
      results.map((r) => [
        r.tickets,
        r.pageSize,
        r.seconds,
        r.vendorCalls,
        r.minimumCalls,
        `${r.callRatio} (${mark(r.callRatio === 1)})`,
      ]),
    ),
  ]
}

function memory(results: MemoryResult[]): string[] {
  return [
    '## 5. Memory of one gateway process (RSS MB)',
    '',
    ...table(
      ['configured connections', 'idle', 'under the overhead load (peak)', 'idle after it'],
      results.map((r) => [r.connections, r.idleRssMb, r.loadedRssMb, r.afterRssMb]),
    ),
  ]
}

function overload(result: OverloadResult): string[] {
  const { wholeAnswers: whole, share } = result
  return [
    `## 6. Overload: demand far above the vendor limit (${VENDOR_LIMIT.limit} calls per ${VENDOR_LIMIT.windowMs / 1000} s), one gateway process`,
    '',
    ...table(
      ['load', 'answers', 'vendor calls', 'vendor 429s', 'figure'],
      [
        [
          '50 callers, pages of 100 tickets (4 vendor calls each), asking again at once',
          `${whole.answers2xx} whole / ${whole.answers429} refused`,
          whole.vendorCalls,
          whole.vendor429s,
          `${whole.spentOnWholeAnswers} of the calls ended in a whole answer (goal ≥ 0.8: ${mark(whole.spentOnWholeAnswers >= 0.8)})`,
        ],
        [
          'a key with vendorShare 0.2 (20 callers) while another key floods (50 callers)',
          `${share.shareKeyCalls} share key / ${share.floodKeyCalls} flood key`,
          share.shareKeyCalls + share.floodKeyCalls,
          share.vendor429s,
          `${share.fractionOfShare} of its share (goal ≥ 0.9: ${mark(share.fractionOfShare >= 0.9)})`,
        ],
      ],
    ),
  ]
}

function outage(results: OutageResult): string[] {
  return [
    '## 7. Redis killed a third of the way into a run: 2 gateway processes sharing one bucket',
    '',
    ...table(
      ['load', 'answers', '200', 'fraction answered', 'vendor 429s', 'goal'],
      results.map((r) => {
        const light = r.load.startsWith('30%')
        const met = light ? r.fractionAnswered >= 0.99 && r.vendor429s === 0 : r.vendor429s === 0
        return [
          r.load,
          r.answers,
          r.answered200,
          r.fractionAnswered,
          r.vendor429s,
          `${light ? '≥ 0.99 answered, 0 vendor 429s' : '0 vendor 429s'} (${mark(met)})`,
        ]
      }),
    ),
  ]
}

export function summary(results: BenchResults, baseline: Baseline | undefined): string {
  return [
    `# Benchmark ${results.date}${results.smoke ? ' (smoke run: timings mean nothing)' : ''}`,
    '',
    `Node ${results.node}, commit ${results.commit}, loopback, one machine.`,
    '',
    ...(results.overhead ? overhead(results.overhead) : []),
    ...(results.overhead && baseline && !results.smoke ? beforeAfter(results.overhead, baseline) : []),
    ...(results.limiter ? limiter(results.limiter) : []),
    ...(results.utilisation ? utilisation(results.utilisation) : []),
    ...(results.fullSync ? fullSync(results.fullSync) : []),
    ...(results.memory ? memory(results.memory) : []),
    ...(results.overload ? overload(results.overload) : []),
    ...(results.outage ? outage(results.outage) : []),
  ].join('\n')
}

/** What makes a run fail: errors, never timings. */
export function failures(results: BenchResults, expectedTickets: number): string[] {
  const found: string[] = []
  for (const r of results.overhead ?? []) {
    const failed =
      r.direct.throughput.errors +
      r.direct.throughput.non2xx +
      r.direct.latency.failures +
      r.gateway.throughput.errors +
      r.gateway.throughput.non2xx +
      r.gateway.latency.failures
    if (failed > 0) found.push(`overhead ${r.path} (${r.store}): ${failed} failed requests`)
  }
  for (const r of results.fullSync ?? []) {
    if (r.tickets !== expectedTickets)
      found.push(`full sync at ${r.pageSize}: ${r.tickets} of ${expectedTickets} tickets`)
  }
  for (const r of results.utilisation ?? []) {
    if (r.setup.startsWith('gateway, one bucket') && r.vendor429s > 0) {
      found.push(`${r.setup}, ${r.processes} processes: the vendor answered 429 ${r.vendor429s} times`)
    }
  }
  if (results.overload && results.overload.wholeAnswers.vendor429s + results.overload.share.vendor429s > 0)
    found.push('overload: the vendor answered 429')
  for (const r of results.outage ?? []) {
    if (r.vendor429s > 0) found.push(`outage, ${r.load}: the vendor answered 429 ${r.vendor429s} times`)
  }
  return found
}
