import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fullSync } from './sections/full-sync.js'
import { limiter } from './sections/limiter.js'
import { memory } from './sections/memory.js'
import { overhead } from './sections/overhead.js'

// `npm run bench`: what the gateway adds, measured on loopback, written to bench/results/<date>.{json,md}.
// `--smoke` runs every section briefly (CI: it fails on errors, never on timings) and writes to a temp dir.
const smoke = process.argv.includes('--smoke')
const settings = smoke
  ? { seconds: 1, decisions: 2_000, tickets: 2_000 }
  : { seconds: 10, decisions: 20_000, tickets: 10_000 }

const results = {
  date: new Date().toISOString(),
  smoke,
  node: process.version,
  overhead: await overhead(settings.seconds),
  limiter: await limiter(settings.decisions),
  fullSync: await fullSync(settings.tickets),
  memory: await memory(),
}

const mark = (ok: boolean) => (ok ? 'met' : 'not met')
const summary = [
  `# Benchmark ${results.date}${smoke ? ' (smoke run: timings mean nothing)' : ''}`,
  '',
  `Node ${results.node}, loopback, one machine.`,
  '',
  '## Overhead: the same GET direct to the emulator and through the gateway',
  '',
  '| request | direct req/s | gateway req/s | ratio (goal ≥ 0.5) | added p50 ms (goal < 1) | added p99 ms (goal < 5) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.overhead.map(
    (r) =>
      `| ${r.path} | ${r.direct.requestsPerSecond} | ${r.gateway.requestsPerSecond} | ${r.throughputRatio} (${mark(r.throughputRatio >= 0.5)}) | ${r.addedP50Ms} (${mark(r.addedP50Ms < 1)}) | ${r.addedP99Ms} (${mark(r.addedP99Ms < 5)}) |`,
  ),
  '',
  '## Limiter: decisions per second',
  '',
  '| limiter | per second | p99 ms |',
  '| --- | --- | --- |',
  `| in memory | ${results.limiter.memory.decisionsPerSecond} | ${results.limiter.memory.p99Ms} |`,
  `| Redis (one process, 50 in flight) | ${results.limiter.redis.decisionsPerSecond} | ${results.limiter.redis.p99Ms} |`,
  `| raw EVALSHA round trips, same Redis | ${results.limiter.rawEvalsha.callsPerSecond} | ${results.limiter.rawEvalsha.p99Ms} |`,
  '',
  `Redis limiter / raw EVALSHA: ${results.limiter.redisToRawRatio} (goal ≥ 0.5: ${mark(results.limiter.redisToRawRatio >= 0.5)}).`,
  '',
  '## Full sync of a ConnectWise connection',
  '',
  '| tickets | page size | seconds | vendor calls | minimum | ratio (goal 1.0) |',
  '| --- | --- | --- | --- | --- | --- |',
  ...results.fullSync.map(
    (r) =>
      `| ${r.tickets} | ${r.pageSize} | ${r.seconds} | ${r.vendorCalls} | ${r.minimumCalls} | ${r.callRatio} (${mark(r.callRatio === 1)}) |`,
  ),
  '',
  '## Memory of one idle gateway process',
  '',
  '| configured connections | RSS MB |',
  '| --- | --- |',
  ...results.memory.map((r) => `| ${r.connections} | ${r.idleRssMb} |`),
  '',
].join('\n')

const dir = smoke ? join(tmpdir(), 'psagw-bench') : fileURLToPath(new URL('./results/', import.meta.url))
await mkdir(dir, { recursive: true })
const name = results.date.slice(0, 10)
await writeFile(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`)
await writeFile(join(dir, `${name}.md`), summary)
console.log(summary)
console.log(`written to ${join(dir, name)}.{json,md}`)

const errors = results.overhead.reduce(
  (sum, r) => sum + r.direct.errors + r.gateway.errors + r.gateway.non2xx,
  0,
)
if (errors > 0 || results.fullSync.some((r) => r.tickets < settings.tickets)) {
  console.error(`the benchmark met errors (${errors} failed requests) or lost tickets`)
  process.exit(1)
}
process.exit(0)
