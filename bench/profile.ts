import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startRedis, type TestRedis } from '../test/helpers/redis.js'
import { load } from './measure.js'
import {
  buildGateway,
  startGatewayProcess,
  startReplayVendor,
  type GatewayProcess,
} from './processes/index.js'

// `npm run bench:profile [seconds] [records]`: one gateway process under `--cpu-prof`, in front of Syncro's
// answers replayed from memory (the overhead section's vendor, so the profile is the gateway's own work), loaded
// by autocannon with one ticket (records 1, the default) or a page of 25, 100 or 1000 tickets; BENCH_REDIS=1
// runs it as a replica on Redis. Prints where its CPU time went (self time by function and by package) and keeps
// the .cpuprofile (open it in Chrome DevTools for the flame graph).

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const seconds = Number(process.argv[2] ?? 10)
const records = Number(process.argv[3] ?? 1)
const PAGE_SIZES = [25, 100, 1000]
if (records !== 1 && !PAGE_SIZES.includes(records))
  throw new Error(`records: 1 or one of ${PAGE_SIZES.join(', ')}`)
const pageSize = records === 1 ? PAGE_SIZES[0]! : records

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
}

buildGateway()
const dir = await mkdtemp(join(tmpdir(), 'psagw-profile-'))
const vendor = await startReplayVendor({ pageSizes: [pageSize], tickets: 1000 })
let redis: TestRedis | undefined
let gateway: GatewayProcess | undefined
try {
  redis = process.env.BENCH_REDIS ? await startRedis() : undefined
  gateway = await startGatewayProcess(
    { baseUrl: vendor.ready.url, apiKey: 'bench-replay-key' },
    {
      vendorPaths: { [`syncro-${pageSize}`]: `/pages-${pageSize}` },
      env: redis ? { REDIS_URL: redis.url } : {},
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
    },
  )
  const firstPage = (await (await fetch(`${gateway.connectionUrl}/tickets`)).json()) as {
    data: { id: string }[]
  }
  const route = records === 1 ? `tickets/${firstPage.data[0]!.id}` : `tickets?pageSize=${records}`
  const url = `${gateway.connectionUrl}/${route}`
  await load(url, 2)
  const result = await load(url, seconds)
  console.log(
    `${route}${redis ? ' (Redis)' : ''}: ${result.requestsPerSecond} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
  )
} finally {
  await gateway?.stop()
  await redis?.stop()
  await vendor.stop()
}
const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'))
if (!file) throw new Error('the gateway process wrote no profile')
const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as Profile
const sampleMs = (profile.endTime - profile.startTime) / 1000 / profile.samples.length

const where = (url: string) => {
  const path = url.startsWith('file://')
    ? relative(ROOT, fileURLToPath(url)).replace(/^dist\//, '')
    : url || '(native)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1]
  return { path, owner: pkg ?? (path.startsWith('node:') ? 'node' : path.split('/')[0]!) }
}
const byFunction = new Map<string, number>()
const byOwner = new Map<string, number>()
for (const node of profile.nodes) {
  const ms = (node.hitCount ?? 0) * sampleMs
  if (ms === 0) continue
  const { path, owner } = where(node.callFrame.url)
  const name = `${node.callFrame.functionName || '(anonymous)'} ${path}:${node.callFrame.lineNumber + 1}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms)
}
const total = [...byOwner.values()].reduce((sum, ms) => sum + ms, 0)
const top = (map: Map<string, number>, count: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
console.log('\nself time by package or folder:\n' + top(byOwner, 15).join('\n'))
console.log('\nself time by function:\n' + top(byFunction, 40).join('\n'))
const kept = join(tmpdir(), 'psagw-gateway.cpuprofile')
await writeFile(kept, JSON.stringify(profile))
await rm(dir, { recursive: true, force: true })
console.log(`\nprofile: ${kept}`)
