import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultInjector } from './faults.js'
import { createStats, resetStats } from './stats.js'

/** Listens on host:port (0 = a free port) and returns the origin, e.g. `http://127.0.0.1:41234`. */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const { port: bound } = server.address() as AddressInfo
      resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`)
    })
  })
}

/** Stops accepting and cuts open connections (keep-alive ones included), so close never waits on a client. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}

/** Delays from fault injection, all woken at close so no timer keeps the process alive. */
function createSleeper() {
  const pending = new Map<NodeJS.Timeout, () => void>()
  return {
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(timer)
          resolve()
        }, ms)
        pending.set(timer, resolve)
      }),
    wakeAll: () => {
      for (const [timer, resolve] of pending) {
        clearTimeout(timer)
        resolve()
      }
      pending.clear()
    },
  }
}

/**
 * What every emulator runs with besides its routes: the request stats, the injected faults and the `sleep`
 * their delays wait on, for its request pipeline; `resetStats` and `close` for its handle. `close` wakes the
 * pending delays, then stops `server` and cuts its connections.
 */
export function createEmulatorRuntime(server: Server) {
  const stats = createStats()
  const faults = new FaultInjector()
  const sleeper = createSleeper()
  return {
    stats,
    faults,
    sleep: sleeper.sleep,
    resetStats: () => resetStats(stats),
    close: async () => {
      sleeper.wakeAll()
      await closeServer(server)
    },
  }
}
