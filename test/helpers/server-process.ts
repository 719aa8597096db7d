import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/**
 * A server that has not printed its URL by then is killed, so a failed start leaves no process behind: 30 s, or
 * 20 times a start measured on this machine when the run measured one (test/helpers/build-once.ts), so the
 * wait scales with a busy machine.
 */
const startTimeoutMs = () => Math.max(30_000, 20 * Number(process.env.PSAGW_TEST_START_MS ?? 0))

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234 */
  url: string
  lines: string[]
  child: ChildProcess
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
}

/**
 * Runs `app/server.ts` as `npm start` does, on a free port, and resolves once it prints its Swagger URL.
 * `built`: `dist/app/server.js` instead, as the Docker image runs it (after `npm run build`). `nodeArgs` go to
 * node itself (the benchmark's `--cpu-prof`). `keepOutput: false` drains and drops the output
 * once listening (a benchmark's access log would only fill memory).
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  options: { nodeArgs?: string[]; keepOutput?: boolean; built?: boolean } = {},
): Promise<ServerProcess> {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(SYNCRO|HALOPSA|CONNECTWISE|AUTOTASK|GATEWAY)_|^(REDIS_URL|NODE_ENV)$/.test(name),
    ),
  )
  const entry = options.built ? ['dist/app/server.js'] : ['--import', 'tsx', 'app/server.ts']
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: ROOT,
    // In sandbox mode the emulators' records stay as seeded unless a test asks for their activity, and no poller
    // adds its calls to those a test counts at the vendor unless it asks for them.
    env: {
      ...cleanEnv,
      PORT: '0',
      LOG_LEVEL: 'info',
      SANDBOX_ACTIVITY_SECONDS: '0',
      EVENT_POLL_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const stderr = createInterface({ input: child.stderr! }).on('line', (line) => lines.push(line))
  const stdout = createInterface({ input: child.stdout! })
  const listening = new Promise<string>((resolve, reject) => {
    stdout.on('line', (line) => {
      lines.push(line)
      const match = /Swagger UI: (http:\/\/[^\s"]+)\/docs/.exec(line)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening:\n${lines.join('\n')}`)),
    )
  })
  const gaveUp = setTimeout(() => child.kill('SIGKILL'), startTimeoutMs())
  const url = await listening.finally(() => clearTimeout(gaveUp))
  if (options.keepOutput === false) {
    for (const reader of [stdout, stderr]) reader.close()
    child.stdout!.resume()
    child.stderr!.resume()
  }
  return {
    url,
    lines,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const [code] = await once(child, 'exit')
      return code as number | null
    },
  }
}

/** A gateway process's resident memory in bytes, read from its own `/metrics`. */
export async function residentBytes(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text()
  const line = metrics.split('\n').find((l) => l.startsWith('psagw_process_resident_memory_bytes'))
  return Number(line?.split(' ')[1])
}
