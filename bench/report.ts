import type { MachineLoad } from './machine.js'
import { EVENTS_SHARE, EVENTS_VENDOR_LIMIT, type EventsResult } from './sections/events.js'
import { VENDOR_PAGE_MAX, type FullSyncResult } from './sections/full-sync.js'
import type { LimiterResult } from './sections/limiter.js'
import type { MemoryResult } from './sections/memory.js'
import type { OutageResult } from './sections/outage.js'
import type { OverheadCase, OverheadResult, SetupFigures } from './sections/overhead.js'
import type { OverloadResult } from './sections/overload.js'
import type { UtilisationResult } from './sections/utilisation.js'
import { LATENESS_ABSORBED_MS, VENDOR_LIMIT } from './sections/utilisation.js'

export interface BenchResults {
  date: string
  smoke: boolean
  node: string
  commit: string
  /** Per section, and for the whole run: how long it took and how busy the machine was meanwhile. */
  machine: Partial<Record<string, MachineLoad>>
  overhead?: OverheadResult
  limiter?: LimiterResult
  utilisation?: UtilisationResult[]
  fullSync?: FullSyncResult[]
  memory?: MemoryResult[]
  overload?: OverloadResult
  outage?: OutageResult
  events?: EventsResult[]
}

const mark = (ok: boolean) => (ok ? 'met' : 'missed')
const table = (header: string[], rows: (string | number)[][]) => [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.join(' | ')} |`),
  '',
]
const signed = (value: number | undefined) =>
  value === undefined ? '' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}`
const optional = (value: number | undefined) => (value === undefined ? '' : value)

/** How busy the machine was: what to read a spoiled timing against. */
export function machineNote(load: MachineLoad | undefined): string {
  if (!load) return ''
  const average = `load average ${load.loadAverage[0]} (1 min)`
  if (load.othersCores === undefined) return `${average} on ${load.cores} cores`
  return `${average}; other processes took ${load.othersCores} of ${load.cores} cores, this benchmark ${load.benchCores}`
}

/** Goal 2 of issue 16, per store: each part met or missed, with the figures it was read from. */
function overheadGoals(cases: OverheadCase[]): string[] {
  const lines: string[] = []
  const of = (records: number, setup: string) =>
    cases.find((c) => c.records === records)?.setups.find((figure) => figure.setup === setup)
  for (const setup of ['gateway, memory', 'gateway, Redis']) {
    const rows = cases.map((c) => ({ records: c.records, figure: of(c.records, setup)! }))
    const toParse = rows.map(({ records, figure }) => `${records}: ${figure.costToParseProxy}×`)
    const perRecord = rows.filter((row) => row.records >= 25).map((row) => row.figure.cpuPerRecordUs!)
    const spread = Math.max(...perRecord) / Math.min(...perRecord)
    const latencies = [1, 100].map((records) => ({ records, figure: of(records, setup)! }))
    const one = of(1, setup)!
    lines.push(
      `- **${setup}**`,
      `  - cost per record at most 1.2 × the parse proxy's at every page size: ${toParse.join(', ')} (${mark(rows.every((row) => row.figure.costToParseProxy! <= 1.2))})`,
      `  - flat from 25 to 1000 records (the largest per-record cost at most 1.1 × the smallest): ${perRecord.join(' / ')} µs, ${spread.toFixed(2)}× (${mark(spread <= 1.1)})`,
      ...latencies.map(
        ({ records, figure }) =>
          `  - ${records === 1 ? 'one ticket' : `${records} tickets`}: added p50 ${signed(figure.addedP50Ms)} ms (< 1: ${mark(figure.addedP50Ms! < 1)}), p99 ${signed(figure.addedP99Ms)} ms (< 5: ${mark(figure.addedP99Ms! < 5)})`,
      ),
      `  - one-ticket throughput ${one.throughputRatio} of direct (≥ 0.5: ${mark(one.throughputRatio >= 0.5)})`,
    )
  }
  return lines
}

function overheadCase(c: OverheadCase): string[] {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1)
  return [
    `### ${c.records === 1 ? 'One ticket' : `${c.records} tickets a page`} (\`${c.request}\`)`,
    '',
    `Machine during these rounds: ${machineNote(c.machine)}.${c.notReplayed > 0 ? ` ${c.notReplayed} vendor answers were not replayed but asked of the emulator.` : ''}`,
    '',
    ...table(
      [
        'setup',
        'req/s',
        'of direct',
        'CPU µs / request',
        'CPU µs / record',
        '× parse proxy',
        'vendor µs / request',
        'Redis µs / request',
        'p50 ms',
        'p99 ms',
        'added p50',
        'added p99',
        'answer KB',
      ],
      c.setups.map((figure: SetupFigures) => [
        figure.setup,
        figure.requestsPerSecond,
        figure.throughputRatio,
        optional(figure.cpuPerRequestUs),
        optional(figure.cpuPerRecordUs),
        optional(figure.costToParseProxy),
        figure.vendorCpuPerRequestUs,
        optional(figure.redisCpuPerRequestUs),
        figure.p50Ms,
        `${figure.p99Ms} (n ${figure.latencySamples})`,
        signed(figure.addedP50Ms),
        signed(figure.addedP99Ms),
        kb(figure.answerBytes),
      ]),
    ),
  ]
}

function overhead(result: OverheadResult): string[] {
  const { rounds, throughputSeconds, latencySeconds, concurrency } = result.settings
  return [
    '## 1. Overhead: the gateway against the vendor called directly, a bare proxy and a parse-and-re-serialise proxy',
    '',
    "The vendor is Syncro's answers, recorded from the emulator at the start and replayed from memory, so the figures are",
    "the middle's own cost. Every setup in a process of its own (the gateway as the Docker image runs it, log level info),",
    `measured in ${rounds} interleaved rounds (the order reversed every other round), each ${throughputSeconds} s at ${concurrency}`,
    `requests in flight (throughput; CPU per request: each process's \`process.cpuUsage()\` over the requests completed) and`,
    `${latencySeconds} s one request at a time (latency, Node's clock). "Added" is over direct. See docs/performance.md.`,
    '',
    ...result.cases.flatMap(overheadCase),
    '### Goal 2 of issue 16',
    '',
    ...overheadGoals(result.cases),
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

const latenessNote = [
  `"Worst stall": the longest the emulator or a gateway process was held up (its event loop late) during the run. A`,
  `process held up for more than ${LATENESS_ABSORBED_MS} ms (half the limiter's margin for late sends) can bring calls to the vendor`,
  "closer together than its window allows: vendor 429s in such a run are the busy machine's, reported and not failed.",
  '',
]

function utilisation(results: UtilisationResult[]): string[] {
  const gatewayRows = results.filter((r) => r.setup.includes('Redis') && !r.setup.includes('without'))
  return [
    `## 3. Utilisation of a vendor limit (${VENDOR_LIMIT.limit} calls per ${VENDOR_LIMIT.windowMs / 1000} s, demand far above it)`,
    '',
    ...table(
      [
        'setup',
        'processes',
        'seconds counted',
        'vendor calls/s',
        'fraction of the limit',
        'vendor 429s',
        'callers: ok / refused',
        'worst stall ms',
      ],
      results.map((r) => [
        r.setup,
        r.processes,
        r.seconds,
        r.vendorCallsPerSecond,
        r.fractionOfLimit,
        r.vendor429s,
        r.callerAnswers ? `${r.callerAnswers.ok} / ${r.callerAnswers.refused}` : '',
        r.worstStallMs,
      ]),
    ),
    `Gateway with Redis: ≥ 95% of the limit (${mark(gatewayRows.every((r) => r.fractionOfLimit >= 0.95))}), 0 vendor 429s (${mark(gatewayRows.every((r) => r.vendor429s === 0))}).`,
    '',
    ...latenessNote,
  ]
}

const VENDOR_NAMES: Record<FullSyncResult['vendor'], string> = {
  connectwise: 'ConnectWise',
  autotask: 'Autotask',
}

function fullSync(results: FullSyncResult[]): string[] {
  return [
    '## 4. Full sync of a ConnectWise and an Autotask connection (gateway and emulator in one process)',
    '',
    `Minimum: the tickets over the smaller of the page size and the most one vendor call answers (ConnectWise ${VENDOR_PAGE_MAX.connectwise},`,
    `Autotask ${VENDOR_PAGE_MAX.autotask}), rounded up.`,
    '',
    ...table(
      ['vendor', 'tickets', 'page size', 'seconds', 'vendor calls', 'minimum', 'ratio (goal 1.0)'],
      results.map((r) => [
        VENDOR_NAMES[r.vendor],
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

function events(results: EventsResult[]): string[] {
  const poll = results.find((r) => r.source === 'poll')
  const callback = results.find((r) => r.source === 'callback')
  const seconds = (value: number | null) => (value === null ? 'none' : value)
  return [
    `## 8. Change events (ConnectWise emulator at ${results[0]?.vendorLimitPerMinute ?? EVENTS_VENDOR_LIMIT.limit} calls a minute; the sources' share ${EVENTS_SHARE})`,
    '',
    'Tickets changed at the vendor, and the time until each reached a subscribed receiver: by polling alone, then',
    "with the vendor's callbacks registered. Gateway and emulator in one process.",
    '',
    ...table(
      [
        'found by',
        'poll every (s)',
        'changes',
        'delivered',
        'lag p50 (s)',
        'lag max (s)',
        'event vendor calls',
        'seconds',
        'share of the limit used',
      ],
      results.map((r) => [
        r.source,
        r.pollSeconds,
        r.changes,
        r.delivered,
        seconds(r.lagP50Seconds),
        seconds(r.lagMaxSeconds),
        r.eventVendorCalls,
        r.seconds,
        r.shareOfLimit,
      ]),
    ),
    ...(poll
      ? [
          `Polling: every change within two poll intervals (${mark(poll.delivered === poll.changes && (poll.lagMaxSeconds ?? Infinity) <= 2 * poll.pollSeconds)}).`,
        ]
      : []),
    ...(callback
      ? [
          `Callbacks: every change within 2 s (${mark(callback.delivered === callback.changes && (callback.lagMaxSeconds ?? Infinity) <= 2)}).`,
        ]
      : []),
    `The sources within their share: at most ${EVENTS_SHARE} of the limit (${mark(results.every((r) => r.shareOfLimit <= EVENTS_SHARE * 1.05))}).`,
    '',
  ]
}

function memory(results: MemoryResult[]): string[] {
  return [
    '## 5. Memory of one gateway process (RSS MB)',
    '',
    ...table(
      ['configured connections', 'just started', 'idle', 'under the overhead load (peak)', 'idle after it'],
      results.map((r) => [r.connections, r.startedRssMb, r.idleRssMb, r.loadedRssMb, r.afterRssMb]),
    ),
  ]
}

function overload(result: OverloadResult): string[] {
  const { wholeAnswers: whole, share } = result
  return [
    `## 6. Overload: demand far above the vendor limit (${VENDOR_LIMIT.limit} calls per ${VENDOR_LIMIT.windowMs / 1000} s), one gateway process`,
    '',
    ...table(
      ['load', 'answers', 'vendor calls', 'vendor 429s', 'worst stall ms', 'figure'],
      [
        [
          '50 callers, pages of 100 tickets (4 vendor calls each), asking again at once',
          `${whole.answers2xx} whole / ${whole.answers429} refused`,
          whole.vendorCalls,
          whole.vendor429s,
          whole.worstStallMs,
          `${whole.spentOnWholeAnswers} of the calls ended in a whole answer (goal ≥ 0.8: ${mark(whole.spentOnWholeAnswers >= 0.8)})`,
        ],
        [
          'a key with vendorShare 0.2 (20 callers) while another key floods (50 callers)',
          `${share.shareKeyCalls} share key / ${share.floodKeyCalls} flood key`,
          share.shareKeyCalls + share.floodKeyCalls,
          share.vendor429s,
          share.worstStallMs,
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
      ['load', 'answers', '200', 'fraction answered', 'no answer', 'vendor 429s', 'worst stall ms', 'goal'],
      results.map((r) => {
        const light = r.load.startsWith('30%')
        const met = light ? r.fractionAnswered >= 0.99 && r.vendor429s === 0 : r.vendor429s === 0
        return [
          r.load,
          r.answers,
          r.answered200,
          r.fractionAnswered,
          r.unanswered,
          r.vendor429s,
          r.worstStallMs,
          `${light ? '≥ 0.99 answered, 0 vendor 429s' : '0 vendor 429s'} (${mark(met)})`,
        ]
      }),
    ),
  ]
}

function run(results: BenchResults): string[] {
  const sections = Object.entries(results.machine).filter(([name]) => name !== 'whole')
  return [
    '## The run: how long each section took, and how busy the machine was meanwhile',
    '',
    ...table(
      ['section', 'seconds', 'load average (1 min)', 'other processes (cores)', 'this benchmark (cores)'],
      [...sections, ['whole run, with the build', results.machine.whole] as const].map(([name, load]) => [
        name,
        load?.seconds ?? '',
        load?.loadAverage[0] ?? '',
        optional(load?.othersCores),
        optional(load?.benchCores),
      ]),
    ),
    `Figures that a busy machine spoils (throughput, latency, the share of a limit used) are reported beside this,`,
    'never failed; CPU time per request holds up best. The run fails on errors only.',
    '',
  ]
}

export function summary(results: BenchResults): string {
  return [
    `# Benchmark ${results.date}${results.smoke ? ' (smoke run: timings mean nothing)' : ''}`,
    '',
    `Node ${results.node}, commit ${results.commit}, loopback, one machine: ${machineNote(results.machine.whole)}.`,
    '',
    ...(results.overhead ? overhead(results.overhead) : []),
    ...(results.limiter ? limiter(results.limiter) : []),
    ...(results.utilisation ? utilisation(results.utilisation) : []),
    ...(results.fullSync ? fullSync(results.fullSync) : []),
    ...(results.memory ? memory(results.memory) : []),
    ...(results.overload ? overload(results.overload) : []),
    ...(results.outage ? outage(results.outage) : []),
    ...(results.events ? events(results.events) : []),
    ...run(results),
  ].join('\n')
}

/** Vendor 429s that no stall of the machine explains: the gateway let calls through too close together. */
const unexplained429s = (run: { vendor429s: number; worstStallMs: number }) =>
  run.vendor429s > 0 && run.worstStallMs <= LATENESS_ABSORBED_MS

/**
 * What makes a run fail: errors, never timings. A vendor 429 through the gateway is an error unless a process
 * was held up for longer than the limiter's margin absorbs: then it is the machine's, and a figure.
 */
export function failures(results: BenchResults, expectedTickets: number): string[] {
  const found: string[] = []
  for (const c of results.overhead?.cases ?? []) {
    for (const figure of c.setups) {
      if (figure.failures > 0)
        found.push(`overhead, ${c.request}, ${figure.setup}: ${figure.failures} failed requests`)
    }
  }
  for (const r of results.fullSync ?? []) {
    if (r.tickets !== expectedTickets)
      found.push(
        `full sync, ${VENDOR_NAMES[r.vendor]} at ${r.pageSize}: ${r.tickets} of ${expectedTickets} tickets`,
      )
  }
  for (const r of results.utilisation ?? []) {
    if (r.setup.startsWith('gateway, one bucket') && unexplained429s(r)) {
      found.push(`${r.setup}, ${r.processes} processes: the vendor answered 429 ${r.vendor429s} times`)
    }
  }
  for (const [name, r] of Object.entries(results.overload ?? {})) {
    if (unexplained429s(r)) found.push(`overload, ${name}: the vendor answered 429 ${r.vendor429s} times`)
  }
  for (const r of results.outage ?? []) {
    if (unexplained429s(r)) found.push(`outage, ${r.load}: the vendor answered 429 ${r.vendor429s} times`)
    if (r.gatewaysExited > 0) found.push(`outage, ${r.load}: ${r.gatewaysExited} gateway processes exited`)
    if (r.unanswered > 0)
      found.push(`outage, ${r.load}: ${r.unanswered} requests got no answer (connection failed)`)
  }
  for (const r of results.events ?? []) {
    if (r.delivered < r.changes)
      found.push(
        `events, ${r.source}: ${r.changes - r.delivered} of ${r.changes} changes never reached the receiver`,
      )
  }
  return found
}
