import { Redis } from 'ioredis'
import { startRedis } from '../../test/helpers/redis.js'
import { watchMachine, type MachineLoad } from '../machine.js'
import { drive, percentile } from '../measure.js'
import {
  gatewayCpuMicros,
  startGatewayProcess,
  startProxy,
  startReplayVendor,
  type BenchChild,
  type GatewayProcess,
} from '../processes/index.js'

/** Records an answer holds: one ticket by id, then list pages of 25, 100 and 1000 tickets. */
export const PAGE_SIZES = [1, 25, 100, 1000] as const
export const SETUPS = ['direct', 'bare proxy', 'parse proxy', 'gateway, memory', 'gateway, Redis'] as const
export type SetupName = (typeof SETUPS)[number]

/** Requests in flight in the throughput runs (closed loop: each sends its next once answered). */
const CONCURRENCY = 10
/** Enough tickets for the largest page. */
const TICKETS = 1_000

export interface OverheadSettings {
  /** Rounds of every setup in turn, the order reversed every other round (A B C, C B A, ...). */
  rounds: number
  /** Per setup and round: at CONCURRENCY in flight (throughput and CPU), then one at a time (latency). */
  throughputSeconds: number
  latencySeconds: number
  /** Per setup and page size, before the rounds: pools, JIT, and the vendor's answers recorded. */
  warmSeconds: number
  /**
   * The same for a page size whose code no earlier one ran: the single ticket (fresh processes) and the first list
   * (a list's own path). V8 needs thousands of requests to settle; larger lists run the code the first one warmed.
   */
  freshWarmSeconds: number
}

export interface SetupFigures {
  setup: SetupName
  /** At CONCURRENCY in flight, summed over the rounds. */
  requests: number
  requestsPerSecond: number
  /** Of direct's requests per second. */
  throughputRatio: number
  /** CPU time of the process between client and vendor (proxy or gateway) per request and per record, µs. */
  cpuPerRequestUs?: number
  cpuPerRecordUs?: number
  /** Its cost per record over the parse-and-re-serialise proxy's. */
  costToParseProxy?: number
  /** CPU time of the vendor (the replay) per request, µs. */
  vendorCpuPerRequestUs: number
  /** CPU time of the Redis server per request, µs (the gateway with the Redis store). */
  redisCpuPerRequestUs?: number
  /** One request at a time, pooled over the rounds: how many, and their p50 and p99. */
  latencySamples: number
  p50Ms: number
  p99Ms: number
  /** Over direct's. */
  addedP50Ms?: number
  addedP99Ms?: number
  /** Requests that failed or were not 2xx (an error: the run fails). */
  failures: number
  /** Bytes of the answer the client read. */
  answerBytes: number
}

export interface OverheadCase {
  records: number
  /** What the client asked the gateway. */
  request: string
  setups: SetupFigures[]
  /** How busy the machine was during this page size's rounds. */
  machine: MachineLoad
  /** Vendor answers the replay had to ask the emulator for during the rounds (0: every one was replayed). */
  notReplayed: number
}

export interface OverheadResult {
  settings: OverheadSettings & { concurrency: number }
  cases: OverheadCase[]
}

/** One way to the vendor: its URL for a page size, and the CPU time of the processes a request goes through. */
interface Route {
  setup: SetupName
  url(records: number): string
  /** µs so far: the process in the middle (none for direct), and Redis (the Redis store only). */
  cpu(): Promise<{ middle?: number; redis?: number }>
}

interface Totals {
  requests: number
  seconds: number
  failures: number
  middleUs: number
  vendorUs: number
  redisUs: number
  timesMs: number[]
  answerBytes: number
}

/** The Redis server's own CPU time so far (INFO cpu: its user and system seconds), µs. */
async function redisCpuMicros(client: Redis): Promise<number> {
  const info = await client.info('cpu')
  const seconds = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0)
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1e6
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits))

async function measureCase(
  records: number,
  routes: Route[],
  vendor: BenchChild<{ url: string }, { recorded: number }>,
  settings: OverheadSettings,
  warmSeconds: number,
): Promise<OverheadCase> {
  const machine = watchMachine()
  for (const route of routes) await drive(route.url(records), warmSeconds, CONCURRENCY)
  const recordedBefore = (await vendor.stats()).recorded
  const totals = new Map<SetupName, Totals>()
  for (let index = 0; index < settings.rounds; index++) {
    for (const route of index % 2 === 0 ? routes : [...routes].reverse()) {
      const cpu = async () => {
        const [middle, { cpuMicros }] = await Promise.all([route.cpu(), vendor.stats()])
        return { ...middle, vendor: cpuMicros }
      }
      const before = await cpu()
      const run = await drive(route.url(records), settings.throughputSeconds, CONCURRENCY)
      const after = await cpu()
      const latency = await drive(route.url(records), settings.latencySeconds, 1)
      const sum = totals.get(route.setup) ?? {
        requests: 0,
        seconds: 0,
        failures: 0,
        middleUs: 0,
        vendorUs: 0,
        redisUs: 0,
        timesMs: [],
        answerBytes: 0,
      }
      sum.requests += run.requests
      sum.seconds += run.seconds
      sum.failures += run.failures + latency.failures
      sum.middleUs += (after.middle ?? 0) - (before.middle ?? 0)
      sum.redisUs += (after.redis ?? 0) - (before.redis ?? 0)
      sum.vendorUs += after.vendor - before.vendor
      sum.timesMs.push(...latency.timesMs)
      sum.answerBytes = run.answerBytes
      totals.set(route.setup, sum)
    }
  }
  const notReplayed = (await vendor.stats()).recorded - recordedBefore
  return {
    records,
    request: requestOf(records),
    setups: figures(routes, totals, records),
    machine: machine.stop(),
    notReplayed,
  }
}

function figures(routes: Route[], totals: Map<SetupName, Totals>, records: number): SetupFigures[] {
  const measured = routes.map((route): SetupFigures => {
    const sum = totals.get(route.setup)!
    const sorted = [...sum.timesMs].sort((a, b) => a - b)
    const hasMiddle = route.setup !== 'direct'
    const perRequest = (us: number) => round(us / Math.max(1, sum.requests))
    return {
      setup: route.setup,
      requests: sum.requests,
      requestsPerSecond: Math.round(sum.requests / sum.seconds),
      throughputRatio: 1,
      ...(hasMiddle
        ? {
            cpuPerRequestUs: perRequest(sum.middleUs),
            cpuPerRecordUs: round(sum.middleUs / Math.max(1, sum.requests) / records, 2),
          }
        : {}),
      vendorCpuPerRequestUs: perRequest(sum.vendorUs),
      ...(route.setup === 'gateway, Redis' ? { redisCpuPerRequestUs: perRequest(sum.redisUs) } : {}),
      latencySamples: sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      failures: sum.failures,
      answerBytes: sum.answerBytes,
    }
  })
  const direct = measured.find((figure) => figure.setup === 'direct')!
  const parse = measured.find((figure) => figure.setup === 'parse proxy')!
  for (const figure of measured) {
    figure.throughputRatio = round(figure.requestsPerSecond / direct.requestsPerSecond, 2)
    if (figure === direct) continue
    figure.addedP50Ms = round(figure.p50Ms - direct.p50Ms, 3)
    figure.addedP99Ms = round(figure.p99Ms - direct.p99Ms, 3)
    figure.costToParseProxy = round(figure.cpuPerRecordUs! / parse.cpuPerRecordUs!, 2)
  }
  return measured
}

const requestOf = (records: number) =>
  records === 1 ? 'GET /tickets/{id}' : `GET /tickets?pageSize=${records}`

/**
 * What the gateway costs beyond the vendor, against honest baselines, each in a process of its own: the vendor
 * called directly; a bare proxy that forwards bytes; a proxy that parses and re-serialises the same bodies; the
 * gateway as production runs it (`dist/app/server.js`, log level info) with the memory store and with Redis.
 * The vendor is Syncro's answers replayed from memory (recorded from the emulator at the start), so that the
 * figures are the gateway's own cost, not the emulator's. A single ticket and pages of 25, 100 and 1000
 * tickets; the setups measured in interleaved rounds, so that a machine busy for a while spoils all alike.
 * CPU time per request of each process, from its own `process.cpuUsage()` (IPC, the gateway's /metrics, Redis's
 * INFO), over the requests completed; throughput at CONCURRENCY in flight; latency one request at a time.
 */
export async function overhead(settings: OverheadSettings): Promise<OverheadResult> {
  const sizes = PAGE_SIZES.filter((records) => records > 1)
  const started: Stoppable[] = []
  try {
    const [vendor, redis] = await together(started, [
      startReplayVendor({ pageSizes: sizes, tickets: TICKETS }),
      startRedis(),
    ])
    const redisClient = new Redis(redis.url)
    started.push({ stop: async () => redisClient.disconnect() })
    const replay = { baseUrl: vendor.ready.url, apiKey: 'bench-replay-key' }
    const vendorPaths = Object.fromEntries(sizes.map((size) => [`syncro-${size}`, `/pages-${size}`]))
    const [bare, parse, memoryGateway, redisGateway] = await together(started, [
      startProxy({ upstream: vendor.ready.url, mode: 'bare' }),
      startProxy({ upstream: vendor.ready.url, mode: 'parse' }),
      startGatewayProcess(replay, { vendorPaths }),
      startGatewayProcess(replay, { vendorPaths, env: { REDIS_URL: redis.url } }),
    ])

    const firstPage = (await (await fetch(`${vendor.ready.url}/pages-25/tickets?page=1`)).json()) as {
      tickets: { id: number }[]
    }
    const id = firstPage.tickets[0]!.id
    const vendorPath = (records: number) =>
      records === 1 ? `/pages-${sizes[0]}/tickets/${id}` : `/pages-${records}/tickets?page=1`
    const gatewayPath = (records: number) =>
      records === 1
        ? `/v1/connections/syncro-${sizes[0]}/tickets/${id}`
        : `/v1/connections/syncro-${records}/tickets?pageSize=${records}`
    const proxyRoute = (setup: SetupName, proxy: typeof bare): Route => ({
      setup,
      url: (records) => `${proxy.ready.url}${vendorPath(records)}`,
      cpu: async () => ({ middle: (await proxy.stats()).cpuMicros }),
    })
    const gatewayRoute = (setup: SetupName, gateway: GatewayProcess, withRedis: boolean): Route => ({
      setup,
      url: (records) => `${gateway.url}${gatewayPath(records)}`,
      cpu: async () => ({
        middle: await gatewayCpuMicros(gateway),
        redis: withRedis ? await redisCpuMicros(redisClient) : undefined,
      }),
    })
    const routes: Route[] = [
      {
        setup: 'direct',
        url: (records) => `${vendor.ready.url}${vendorPath(records)}`,
        cpu: async () => ({}),
      },
      proxyRoute('bare proxy', bare),
      proxyRoute('parse proxy', parse),
      gatewayRoute('gateway, memory', memoryGateway, false),
      gatewayRoute('gateway, Redis', redisGateway, true),
    ]
    for (const records of sizes) await expectRecords(routes.at(-1)!.url(records), records)

    const cases: OverheadCase[] = []
    for (const records of PAGE_SIZES) {
      const fresh = records === 1 || records === Math.min(...PAGE_SIZES.filter((size) => size > 1))
      const warmSeconds = fresh ? settings.freshWarmSeconds : settings.warmSeconds
      cases.push(await measureCase(records, routes, vendor, settings, warmSeconds))
    }
    return { settings: { ...settings, concurrency: CONCURRENCY }, cases }
  } finally {
    for (const part of started.reverse()) await part.stop()
  }
}

interface Stoppable {
  stop(): Promise<unknown>
}

/** Starts them side by side; each that started joins `started` (to be stopped), and a failure is thrown once all settled. */
async function together<T extends Stoppable[]>(
  started: Stoppable[],
  starting: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(starting)
  for (const result of settled) if (result.status === 'fulfilled') started.push(result.value)
  const failed = settled.find((result) => result.status === 'rejected')
  if (failed) throw failed.reason
  return settled.map((result) => (result as PromiseFulfilledResult<Stoppable>).value) as T
}

/** A page that came back short would make every per-record figure wrong. */
async function expectRecords(url: string, records: number): Promise<void> {
  const page = (await (await fetch(url)).json()) as { data?: unknown[] }
  if (page.data?.length !== records)
    throw new Error(`${url} answered ${page.data?.length ?? 'no'} records, not ${records}`)
}
