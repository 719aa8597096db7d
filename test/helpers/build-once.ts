import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { startServerProcess } from './server-process.js'

/**
 * The slow tier's global setup: builds `dist/` once for the run (gateway processes start from the built code,
 * as the Docker image runs it), then times one start on this machine, so that start waits scale with it.
 */
export default async function buildOnce(): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'inherit',
  })
  const startedAt = performance.now()
  const server = await startServerProcess({}, { built: true })
  process.env.PSAGW_TEST_START_MS = String(Math.ceil(performance.now() - startedAt))
  await server.stop()
}
