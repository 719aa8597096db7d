import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'

/**
 * `npm start` as a user or a process manager runs it: a SIGTERM to the npm process alone, or a Ctrl-C to the
 * whole process group, stops the server it started and frees the port.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** Starting through npm and tsx on a busy machine; the test fails on what it asserts, not on this. */
const TIMEOUT_MS = 180_000

interface NpmStart {
  npm: ChildProcess
  lines: string[]
  url: string
  serverPid: number
}

const started: ChildProcess[] = []

afterEach(() => {
  // Whatever a failed run left behind: npm was started as a process group leader, and its children stay in the group.
  for (const npm of started.splice(0)) {
    try {
      process.kill(-npm.pid!, 'SIGKILL')
    } catch {
      // the group is gone
    }
  }
})

async function npmStart(): Promise<NpmStart> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) =>
        !/^(SYNCRO|HALOPSA|CONNECTWISE|AUTOTASK|GATEWAY|SANDBOX)_|^(REDIS_URL|NODE_ENV)$/.test(name),
    ),
  )
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...env, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  started.push(npm)
  const lines: string[] = []
  createInterface({ input: npm.stderr! }).on('line', (line) => lines.push(line))
  const listening = await new Promise<{ url: string; serverPid: number }>((resolve, reject) => {
    createInterface({ input: npm.stdout! }).on('line', (line) => {
      lines.push(line)
      const match = /Swagger UI: (http:\/\/[^\s"]+)\/docs/.exec(line)
      if (match) resolve({ url: match[1]!, serverPid: (JSON.parse(line) as { pid: number }).pid })
    })
    npm.once('exit', (code) =>
      reject(new Error(`npm start exited (${code}) before listening:\n${lines.join('\n')}`)),
    )
  })
  return { npm, lines, ...listening }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function portIsFree(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  const probe = createServer()
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject)
      probe.listen({ host: hostname, port: Number(port), exclusive: true }, resolve)
    })
    return true
  } catch {
    return false
  } finally {
    probe.close()
  }
}

async function exited(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null || child.signalCode !== null) return [child.exitCode, child.signalCode]
  return (await once(child, 'exit')) as [number | null, NodeJS.Signals | null]
}

it(
  'stops the server and frees the port on a SIGTERM to the npm process alone',
  async () => {
    const { npm, lines, url, serverPid } = await npmStart()
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    npm.kill('SIGTERM')
    // npm exits once its child has: by then the server is gone, not left running on its own.
    const [code] = await exited(npm)
    expect(alive(serverPid)).toBe(false)
    expect(await portIsFree(url)).toBe(true)
    expect(code).toBe(0) // the server shut down gracefully and npm reports its exit code
    expect(lines.filter((line) => line.includes('shutting down'))).toHaveLength(1)
  },
  TIMEOUT_MS,
)

it(
  'stops the server once, gracefully, on a Ctrl-C (SIGINT to the whole process group, which npm relays too)',
  async () => {
    const { npm, lines, url, serverPid } = await npmStart()
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    process.kill(-npm.pid!, 'SIGINT')
    const [code] = await exited(npm)
    expect(alive(serverPid)).toBe(false)
    expect(await portIsFree(url)).toBe(true)
    expect(code).toBe(0)
    expect(lines.filter((line) => line.includes('shutting down'))).toHaveLength(1)
    expect(lines.some((line) => line.includes('second SIGINT'))).toBe(false)
  },
  TIMEOUT_MS,
)
