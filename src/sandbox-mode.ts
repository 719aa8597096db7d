import { startSandbox } from '../sandbox/index.js'
import type { ConnectionConfig } from '../adapters/registry.js'

export interface SandboxMode {
  connections: ConnectionConfig[]
  close(): Promise<void>
}

/**
 * No connection configured outside production: the vendor emulators start in-process on loopback and
 * the gateway serves them as `<vendor>-sandbox` connections, so one command shows the whole thing working.
 */
export async function startSandboxMode(): Promise<SandboxMode> {
  const sandbox = await startSandbox()
  return {
    connections: sandbox.connections.map((connection): ConnectionConfig => ({ ...connection })),
    close: () => sandbox.close(),
  }
}
