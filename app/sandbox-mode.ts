import { randomUUID } from 'node:crypto'
import { startSandbox, type ActivityOptions, type SandboxRateLimits } from '../sandbox/index.js'
import { TICKET_EVENT_NAMES } from '../sandbox/halopsa/webhooks/events.js'
import type { ConnectionConfig } from '../adapters/registry.js'

export interface SandboxMode {
  connections: ConnectionConfig[]
  close(): Promise<void>
}

export interface SandboxModeOptions {
  /** Each emulator's limit where SANDBOX_<VENDOR>_RATE_LIMIT changes it: its connection's limit too. */
  rateLimits?: SandboxRateLimits
  /** The emulators change records on their own, so change events flow with no client writing anything. */
  activity?: ActivityOptions
  /**
   * The gateway's callback URL of each connection: the emulators that stand for an administrator's webhook setup in
   * the vendor's UI (HaloPSA, Syncro) call the gateway back as that administrator would have set them up;
   * ConnectWise's callbacks the gateway registers itself, by API.
   */
  callbackUrlOf?: (connection: string) => string
}

/**
 * No connection configured outside production: the vendor emulators start in-process on loopback and
 * the gateway serves them as `<vendor>-sandbox` connections, so one command shows the whole thing working.
 */
export async function startSandboxMode(options: SandboxModeOptions = {}): Promise<SandboxMode> {
  const { rateLimits = {}, activity, callbackUrlOf } = options
  const sandbox = await startSandbox({
    activity,
    connectwise: { rateLimit: rateLimits.connectwise },
    halopsa: { rateLimit: rateLimits.halopsa },
    syncro: { rateLimit: rateLimits.syncro, webhookUrl: callbackUrlOf?.('syncro-sandbox') },
    autotask: { rateLimit: rateLimits.autotask },
  })
  if (callbackUrlOf) {
    const id = randomUUID()
    sandbox.halopsa.db.webhooks.set(id, {
      id,
      name: 'psa-gateway',
      url: callbackUrlOf('halopsa-sandbox'),
      authentication_type: 0,
      basic_username: null,
      basic_password: null,
      active: true,
      events: Object.values(TICKET_EVENT_NAMES).map((name, index) => ({ id: index + 1, name })),
    })
  }
  return {
    connections: sandbox.connections.map((connection): ConnectionConfig => ({ ...connection })),
    close: () => sandbox.close(),
  }
}
