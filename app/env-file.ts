import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'

/**
 * Development only (NODE_ENV unset or `development`): the variables of `.env` in the working directory that the
 * real environment leaves unset, so the real environment always wins. Production and test runs never read it (a
 * developer's file must not change a deployment or a test). Answers the names it set, never their values.
 *
 * `process.loadEnvFile` would do the same on Node 20.12+, but into `process.env` only; `--env-file-if-exists` needs
 * Node 22.
 */
export function loadDevelopmentEnvFile(
  env: NodeJS.ProcessEnv = process.env,
  path = '.env',
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): string[] {
  if (env.NODE_ENV !== undefined && env.NODE_ENV !== 'development') return []
  let text: string
  try {
    text = readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const loaded: string[] = []
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined || value === undefined) continue
    env[name] = value
    loaded.push(name)
  }
  return loaded
}
