import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { buildGateway } from './processes/index.js'
import { failures, summary, type Baseline, type BenchResults } from './report.js'
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
const settings = smoke
  ? { seconds: 1, decisionsPerProcess: 5_000, tickets: 2_000, utilisationSeconds: 2, outageSeconds: 6 }
  : { seconds: 10, decisionsPerProcess: 50_000, tickets: 10_000, utilisationSeconds: 15, outageSeconds: 30 }
const SECTIONS = ['overhead', 'limiter', 'utilisation', 'fullSync', 'memory', 'overload', 'outage'] as const
const chosen = new Set(options.only ? options.only.split(',') : SECTIONS)
const unknown = [...chosen].filter((name) => !(SECTIONS as readonly string[]).includes(name))
if (unknown.length > 0)
  throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`)
const ROOT = fileURLToPath(new URL('..', import.meta.url))

buildGateway()
const results: BenchResults = {
  date: new Date().toISOString(),
  smoke,
  node: process.version,
  commit: execFileSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' }).trim(),
}
if (chosen.has('overhead')) results.overhead = await overhead(settings.seconds)
if (chosen.has('limiter')) results.limiter = await limiter(settings.decisionsPerProcess)
if (chosen.has('utilisation')) results.utilisation = await utilisation(settings.utilisationSeconds)
if (chosen.has('fullSync')) results.fullSync = await fullSync(settings.tickets)
if (chosen.has('memory')) results.memory = await memory(settings.seconds)
if (chosen.has('overload')) results.overload = await overload(settings.utilisationSeconds)
if (chosen.has('outage')) results.outage = await outage(settings.outageSeconds)

const baselinePath = join(ROOT, 'bench', 'baseline.json')
const baseline = existsSync(baselinePath)
  ? (JSON.parse(await readFile(baselinePath, 'utf8')) as Baseline)
  : undefined
const text = summary(results, baseline)
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
