import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ConfigError, loadConfig } from '../../app/config.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** The gateway's sources (the emulators' own settings, read by `npm run sandbox` alone, are not the gateway's). */
const SOURCE_FOLDERS = ['app', 'src', 'routes', 'adapters']
const NAME = '[A-Z][A-Z0-9_]*'

/** `process.env.NAME`, `env.NAME`, `env?.NAME`, `env['NAME']`, `const { NAME, OTHER: x } = env`. */
const DIRECT_READS = [
  new RegExp(`\\benv\\??\\.(${NAME})\\b`, 'g'),
  new RegExp(`\\benv\\[\\s*['"\`](${NAME})['"\`]\\s*\\]`, 'g'),
]
const DESTRUCTURED = /\{([^{}]*)\}\s*=\s*(?:process\.)?env\b/g

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(ROOT, folder, file))
}

/** The variables a source file names where it reads the environment. */
export function variablesReadIn(source: string): string[] {
  const names = DIRECT_READS.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!))
  for (const [, fields] of source.matchAll(DESTRUCTURED)) {
    names.push(
      ...[...fields!.matchAll(new RegExp(`(?:^|,)\\s*(${NAME})\\s*(?=[:,]|$)`, 'g'))].map((m) => m[1]!),
    )
  }
  return names
}

/**
 * What `loadConfig` asks the environment for, recorded: once with nothing set and once with everything set, so
 * that each branch on a variable is taken both ways (a connection's optional variables are read only once one of
 * its variables is set; the emulators' only in sandbox mode). Whatever it names is read, however its name is built.
 */
function variablesLoadConfigReads(): Set<string> {
  const read = new Set<string>()
  for (const value of [undefined, 'x']) {
    const env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_, name) => {
        if (typeof name === 'string' && new RegExp(`^${NAME}$`).test(name)) read.add(name)
        return value
      },
    })
    try {
      loadConfig(env, () => '{}')
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
    }
  }
  return read
}

/** Every environment variable the gateway reads: through its configuration, or directly anywhere in its sources. */
export function variablesTheGatewayReads(): Set<string> {
  const read = variablesLoadConfigReads()
  for (const folder of SOURCE_FOLDERS)
    for (const file of sourceFiles(folder))
      for (const name of variablesReadIn(readFileSync(file, 'utf8'))) read.add(name)
  return read
}
