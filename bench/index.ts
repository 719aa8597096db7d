import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { QUIET_MS } from '../app/idle-collection.js'
import { buildGateway } from './processes/index.js'
import { watchMachine } from './machine.js'
import { failures, summary, type BenchResults } from './report.js'
import { events } from './sections/events.js'
import { fullSync } from './sections/full-sync.js'
import { limiter } from './sections/limiter.js'
import { memory } from './sections/memory.js'
import { outage } from './sections/outage.js'
import { overhead } from './sections/overhead.js'
import { overload } from './sections/overload.js'
import { utilisation } from './sections/utilisation.js'

// `npm run bench`: what the gateway adds, measured on loopback, written to bench/results/<date>.{json,md}.
// `--smoke` runs every section briefly (CI: it fails on errors, never on timings) and writes to a temp dir.
// `--only overhead,limiter` runs some sections; `--out DIR` writes elsewhere (both: for work on one section).
const { values: options } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } },
})
const smoke = options.smoke
// The full run's lengths keep it under 6 minutes on a 2-core machine that other programs keep half busy: every
// section's time goes to the figures its goal names (docs/performance.md).
const settings = smoke
  ? {
      overhead: {
        rounds: 2,
        throughputSeconds: 0.2,
        latencySeconds: 0.1,
        warmSeconds: 0.1,
        freshWarmSeconds: 0.2,
      },
      memorySeconds: 1,
      memoryUntilQuietMs: 1_000,
      decisionsPerProcess: 5_000,
      tickets: 2_000,
      utilisationSeconds: 2,
      overloadSeconds: 2,
      outageSeconds: 6,
      events: {
        changes: 2,
        spacingMs: 300,
        pollSeconds: 1,
        deadlineMs: 30_000,
        vendorLimit: { limit: 6_000, windowMs: 60_000 },
      },
    }
  : {
      overhead: {
        rounds: 2,
        throughputSeconds: 1,
        latencySeconds: 0.5,
        warmSeconds: 0.3,
        freshWarmSeconds: 1.5,
      },
      memorySeconds: 5,
      // A quiet process collects QUIET_MS after V8's last collection of its own (it looks every 2 s), and once more
      // QUIET_MS later if V8 kept its young generation the first time (it does after a load): that, and a margin.
      memoryUntilQuietMs: 2 * QUIET_MS + 4_000,
      decisionsPerProcess: 20_000,
      tickets: 5_000,
      utilisationSeconds: 14,
      overloadSeconds: 8,
      outageSeconds: 20,
      // The sandbox's settings: a look every 10 s, half of ConnectWise's own limit.
      events: { changes: 5, spacingMs: 2_000, pollSeconds: 10, deadlineMs: 90_000 },
    }
const SECTIONS = [
  'overhead',
  'limiter',
  'utilisation',
  'fullSync',
  'memory',
  'overload',
  'outage',
  'events',
] as const
const chosen = new Set(options.only ? options.only.split(',') : SECTIONS)
const unknown = [...chosen].filter((name) => !(SECTIONS as readonly string[]).includes(name))
if (unknown.length > 0)
  throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

const whole = watchMachine()
buildGateway()
const results: BenchResults = {
  date: new Date().toISOString(),
  smoke,
  node: process.version,
  commit: execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).trim(),
  machine: {},
}
/** Runs a chosen section, noting how long it took and how busy the machine was meanwhile. */
async function section<T>(name: (typeof SECTIONS)[number], run: () => Promise<T>): Promise<T | undefined> {
  if (!chosen.has(name)) return undefined
  const watch = watchMachine()
  const result = await run()
  results.machine[name] = watch.stop()
  console.error(`bench: ${name} took ${results.machine[name].seconds} s`)
  return result
}
results.overhead = await section('overhead', () => overhead(settings.overhead))
results.limiter = await section('limiter', () => limiter(settings.decisionsPerProcess))
results.utilisation = await section('utilisation', () => utilisation(settings.utilisationSeconds))
results.fullSync = await section('fullSync', () => fullSync(settings.tickets))
results.memory = await section('memory', () => memory(settings.memorySeconds, settings.memoryUntilQuietMs))
results.overload = await section('overload', () => overload(settings.overloadSeconds))
results.outage = await section('outage', () => outage(settings.outageSeconds))
results.events = await section('events', () => events(settings.events))
results.machine.whole = whole.stop()

const text = summary(results)
const dir =
  options.out ?? (smoke || options.only ? join(tmpdir(), 'psagw-bench') : join(ROOT, 'bench', 'results'))
await mkdir(dir, { recursive: true })
const name = results.date.slice(0, 10)
await writeFile(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`)
await writeFile(join(dir, `${name}.md`), `${text}\n`)
console.log(text)
console.log(`written to ${join(dir, name)}.{json,md}`)

const found = failures(results, settings.tickets)
if (found.length > 0) {
  console.error(`the benchmark met errors:\n${found.join('\n')}`)
  process.exit(1)
}
process.exit(0)
