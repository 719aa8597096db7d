import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'

/** A throwaway Redis for one test file: its own server, so its keyspace starts clean. */
export interface TestRedis {
  url: string
  /** SIGKILL (or container stop): Redis vanishes mid-run, as in an outage. */
  kill(): Promise<void>
  /** Back on the same port, empty. */
  restart(): Promise<void>
  stop(): Promise<void>
}

const INSTALL_HINT =
  'Redis is needed by these tests: install redis-server (Debian/Ubuntu: apt-get install -y redis-server; ' +
  'macOS: brew install redis), or run `npm test`, which installs it; or start a Docker engine (testcontainers).'

export async function startRedis(): Promise<TestRedis> {
  if (dockerEngineLikely()) {
    try {
      return await startRedisContainer()
    } catch {
      // No engine after all: fall back to a local redis-server.
    }
  }
  if (spawnSync('redis-server', ['--version']).error) throw new Error(INSTALL_HINT)
  return startRedisProcess()
}

const dockerEngineLikely = () => Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock')

async function startRedisContainer(): Promise<TestRedis> {
  const { GenericContainer, Wait } = await import('testcontainers')
  const container = await new GenericContainer('redis:7-alpine')
    .withExposedPorts(6379)
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .start()
  const url = `redis://${container.getHost()}:${container.getMappedPort(6379)}`
  return {
    url,
    kill: async () => {
      await container.stop({ remove: false, timeout: 0 })
    },
    restart: async () => {
      await container.restart()
    },
    stop: async () => {
      await container.stop()
    },
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

async function startRedisProcess(): Promise<TestRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const launch = async () => {
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    )
    child = started
    const output: string[] = []
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: started.stdout! }).on('line', (line) => {
        output.push(line)
        if (line.includes('Ready to accept connections')) resolve()
      })
      started.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output.join('\n')}`)))
    })
  }
  const end = async (signal: NodeJS.Signals) => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null) return
    running.kill(signal)
    await once(running, 'exit')
  }
  await launch()
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => end('SIGKILL'),
    restart: launch,
    stop: () => end('SIGTERM'),
  }
}
