import { startSandbox, type ActivityOptions, type SandboxRateLimits } from '../sandbox/index.js'
import type { ConnectionConfig } from '../adapters/registry.js'

export interface SandboxMode {
  connections: ConnectionConfig[]
  close(): Promise<void>
}

/**
 * No connection configured outside production: the vendor emulators start in-process on loopback and
 * the gateway serves them as `<vendor>-sandbox` connections, so one command shows the whole thing working.
 * An emulator's limit changed by SANDBOX_<VENDOR>_RATE_LIMIT is its connection's limit too. With `activity`,
 * the emulators change records on their own, so change events flow with no client writing anything.
 */
export async function startSandboxMode(
  rateLimits: SandboxRateLimits = {},
  activity?: ActivityOptions,
): Promise<SandboxMode> {
  const sandbox = await startSandbox({
    activity,
    connectwise: { rateLimit: rateLimits.connectwise },
    halopsa: { rateLimit: rateLimits.halopsa },
    syncro: { rateLimit: rateLimits.syncro },
  })
  return {
    connections: sandbox.connections.map((connection): ConnectionConfig => ({ ...connection })),
    close: () => sandbox.close(),
  }
}
