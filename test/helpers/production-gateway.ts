import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServerProcess, type ServerProcess } from './server-process.js'

const CONFIG = {
  // Its vendor is never reached: the warm start's failure is logged and changes nothing else.
  connections: [{ id: 'syncro', vendor: 'syncro', apiKey: 'key', baseUrl: 'http://127.0.0.1:9/api/v1' }],
  apiKeys: [{ name: 'test', keyHash: `sha256:${'ab'.repeat(32)}` }],
}

/**
 * A gateway process as the Docker image runs it (`dist/app/server.js`, after `npm run build`), in production, with
 * one configured connection: the production path, no emulator in it. `stop` also removes its config file.
 */
export async function startProductionGateway(
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'psagw-production-'))
  try {
    const configPath = join(dir, 'gateway.json')
    await writeFile(configPath, JSON.stringify(CONFIG))
    const server = await startServerProcess(
      { NODE_ENV: 'production', GATEWAY_CONFIG: configPath, ...env },
      { built: true, nodeArgs },
    )
    return {
      ...server,
      stop: async () => {
        const code = await server.stop()
        await rm(dir, { recursive: true, force: true })
        return code
      },
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}
