import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startProductionGateway } from './production-gateway.js'

const RECORDER = fileURLToPath(new URL('./module-recorder.mjs', import.meta.url))

/**
 * Every module (URL or path) a production gateway process (`startProductionGateway`) loaded with `env`, from its
 * start until it is stopped after `meanwhile`.
 */
export async function modulesLoadedBy(
  options: { env?: Record<string, string>; meanwhile?: (url: string) => Promise<void> } = {},
): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'psagw-modules-'))
  try {
    const listPath = join(dir, 'modules.txt')
    const server = await startProductionGateway({ PSAGW_LOADED_MODULES: listPath, ...options.env }, [
      '--import',
      RECORDER,
    ])
    try {
      await options.meanwhile?.(server.url)
    } finally {
      await server.stop()
    }
    return (await readFile(listPath, 'utf8')).split('\n')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
