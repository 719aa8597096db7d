import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'

/** A throwaway Redis for one test file: its own server, so its keyspace starts clean. */
export interface TestRedis {
  url: string
  /** SIGKILL (or container stop): Redis vanishes mid-run, as in an outage. */
  kill(): Promise<void>
  /** Back on the same port, empty. */
  restart(): Promise<void>
  /** SIGSTOP: Redis keeps its connections but answers nothing, as a stalled server does... */
  pause(): Promise<void>
  /** ...until SIGCONT: then it runs what it was sent meanwhile. */
  resume(): Promise<void>
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
  // A fixed host port: a restarted container must come back where the gateway looks for it.
  const port = await freePort()
  const container = await new GenericContainer('redis:7-alpine')
    .withExposedPorts({ container: 6379, host: port })
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .start()
  const url = `redis://${container.getHost()}:${port}`
  return {
    url,
    kill: async () => {
      await container.stop({ remove: false, timeout: 0 })
    },
    restart: async () => {
      await container.restart()
    },
    pause: async () => {
      spawnSync('docker', ['pause', container.getId()])
    },
    resume: async () => {
      spawnSync('docker', ['unpause', container.getId()])
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

/** Starts redis-server on `port` and resolves once it says it accepts connections. */
async function launchRedisServer(
  port: number,
  extraArgs: string[] = [],
  cwd?: string,
): Promise<ChildProcess> {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'ignore'], cwd },
  )
  const output: string[] = []
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: server.stdout! }).on('line', (line) => {
      output.push(line)
      if (line.includes('Ready to accept connections')) resolve()
    })
    server.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output.join('\n')}`)))
  })
  return server
}

async function startRedisProcess(): Promise<TestRedis> {
  const port = await freePort()
  let child: ChildProcess | undefined = await launchRedisServer(port)
  const end = async (signal: NodeJS.Signals) => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null) return
    running.kill(signal)
    await once(running, 'exit')
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    kill: () => end('SIGKILL'),
    restart: async () => {
      child = await launchRedisServer(port)
    },
    pause: async () => {
      child?.kill('SIGSTOP')
    },
    resume: async () => {
      child?.kill('SIGCONT')
    },
    stop: async () => {
      child?.kill('SIGCONT')
      await end('SIGTERM')
    },
  }
}

/** A three-master Redis Cluster on free ports, for the cluster-safety tests (redis-server processes only). */
export async function startRedisCluster(): Promise<{ nodes: string[]; stop(): Promise<void> }> {
  if (spawnSync('redis-server', ['--version']).error) throw new Error(INSTALL_HINT)
  const dir = await mkdtemp(join(tmpdir(), 'psagw-cluster-'))
  const ports = [await freePort(), await freePort(), await freePort()]
  const servers = await Promise.all(
    ports.map((port) =>
      launchRedisServer(
        port,
        ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`)],
        dir,
      ),
    ),
  )
  const nodes = ports.map((port) => `127.0.0.1:${port}`)
  const created = spawnSync('redis-cli', [
    '--cluster',
    'create',
    ...nodes,
    '--cluster-replicas',
    '0',
    '--cluster-yes',
  ])
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr}`)
  const stop = async () => {
    await Promise.all(
      servers.map(async (server) => {
        if (server.exitCode !== null) return
        server.kill('SIGTERM')
        await once(server, 'exit')
      }),
    )
    await rm(dir, { recursive: true, force: true })
  }
  return { nodes, stop }
}
