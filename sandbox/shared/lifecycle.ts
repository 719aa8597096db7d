import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

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
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}

/** Delays from fault injection, all woken at close so no timer keeps the process alive. */
export function createSleeper() {
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
