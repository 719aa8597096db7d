import { startSyncroEmulator, type SyncroEmulator, type SyncroEmulatorOptions } from './syncro/index.js'

export interface SandboxConnection {
  id: 'syncro-sandbox'
  vendor: 'syncro'
  baseUrl: string
  apiKey: string
}

export interface SandboxOptions {
  /** Loopback by default. */
  host?: string
  syncro?: Omit<SyncroEmulatorOptions, 'host'>
}

export interface Sandbox {
  syncro: SyncroEmulator
  /** One per running emulator, ready to register as gateway connections. */
  connections: SandboxConnection[]
  close(): Promise<void>
}

/** Starts every vendor emulator that exists (today: Syncro). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const syncro = await startSyncroEmulator({ ...options.syncro, host: options.host ?? '127.0.0.1' })
  const emulators = [syncro]
  return {
    syncro,
    connections: [
      {
        id: 'syncro-sandbox',
        vendor: 'syncro',
        baseUrl: syncro.baseUrl,
        apiKey: syncro.apiKeys[0] as string,
      },
    ],
    close: async () => {
      await Promise.all(emulators.map((emulator) => emulator.close()))
    },
  }
}

export type { SyncroEmulator, SyncroEmulatorOptions } from './syncro/index.js'
