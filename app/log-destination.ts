import type { DestinationStream } from 'pino'
import type PinoPretty from 'pino-pretty'
import type { Config } from './config.js'

type Pretty = typeof PinoPretty

/** Where the gateway writes its lines; a terminal when `isTTY`. */
export interface Stdout extends NodeJS.WritableStream {
  isTTY?: boolean
}

/**
 * Lines a person reads (pino-pretty: time, level, message, then the fields) when the gateway runs in development
 * on a terminal; otherwise undefined, and the lines stay JSON, one object a line, for whatever reads them (a log
 * collector, a pipe, the tests). pino-pretty is a development dependency, loaded only here: the Docker image prunes
 * it, and a development run without it (`docker run -it -e NODE_ENV=development`) keeps JSON.
 */
export async function humanReadableLogs(
  nodeEnv: Config['nodeEnv'],
  stdout: Stdout = process.stdout,
  loadPretty: () => Promise<{ default: Pretty }> = () => import('pino-pretty'),
): Promise<DestinationStream | undefined> {
  if (nodeEnv !== 'development' || !stdout.isTTY) return undefined
  let pretty: Pretty
  try {
    pretty = (await loadPretty()).default
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined
    throw error
  }
  return pretty({
    destination: stdout,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  })
}
