import {
  destination as fileDestination,
  pino,
  type DestinationStream,
  type Logger,
  type LoggerOptions,
} from 'pino'
import type { LogLevel } from './gateway-config.js'

/**
 * Keys whose values never reach a log line (down to MAX_DEPTH), in any case: request headers, vendor credentials,
 * tokens. Secrets are also kept out of log calls in the first place (vendor calls log method and path, never
 * headers or query strings); this is the net under that.
 */
const SECRET_KEYS = new Set([
  'authorization',
  'x-api-key',
  'cookie',
  'apikey',
  'api_key',
  'apikeys',
  'clientsecret',
  'client_secret',
  'clientid',
  'publickey',
  'privatekey',
  'password',
  'token',
  'accesstoken',
  'access_token',
  'refreshtoken',
  'refresh_token',
  // An event subscription's signing secret (POST /v1/subscriptions answers it once).
  'secret',
  // Node's HTTP parser error carries the bytes received (API key and body included).
  'rawpacket',
])
const CENSOR = '[redacted]'
/** Deep enough for a whole config (config.connections[n].apiKey); deeper fields are written as they are. */
const MAX_DEPTH = 8
/** The password of `scheme://user:password@host` (a Redis URL, a base URL with credentials in it). */
const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^/\s@]+@/i

/**
 * `value` with the value of every secret key censored, and URL passwords, down to depth 8; the very same
 * object when it holds none, and never a change to the caller's objects (a censored level is a copy).
 * Should a field be unreadable (a getter that throws), the line's fields are dropped: never a crash, never
 * an unchecked field.
 *
 * Why not pino's `redact`: it takes paths, so "this key anywhere" means one wildcard path per key, and 14 of
 * them cost about 7 µs on every line (8 times the line itself; the profile of the hot path showed it). This
 * walk costs well under a microsecond on an access line, and reaches deeper than the paths did.
 */
export function redactSecrets<T>(value: T): T {
  try {
    return censored(value, 0, new Set()) as T
  } catch {
    return { redaction: 'the fields of this line could not be checked for secrets and were dropped' } as T
  }
}

/** `ancestors`: the objects on the way down, so that a cycle ends at once (pino prints it as circular). */
function censored(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return value.replace(URL_PASSWORD, `$1${CENSOR}@`)
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || ancestors.has(value)) return value
  if (ArrayBuffer.isView(value)) return value
  ancestors.add(value)
  try {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined
      value.forEach((item: unknown, index) => {
        const redacted = censored(item, depth + 1, ancestors)
        if (redacted !== item) (copy ??= [...value])[index] = redacted
      })
      return copy ?? value
    }
    const record = value as Record<string, unknown>
    let copy: Record<string, unknown> | undefined
    for (const key of keysOf(record)) {
      const item = record[key]
      const redacted = SECRET_KEYS.has(key.toLowerCase()) ? CENSOR : censored(item, depth + 1, ancestors)
      if (redacted === item) continue
      copy ??= copyOf(record)
      const enumerable = Object.getOwnPropertyDescriptor(record, key)?.enumerable ?? true
      Object.defineProperty(copy, key, { value: redacted, enumerable, writable: true, configurable: true })
    }
    return copy ?? value
  } finally {
    ancestors.delete(value)
  }
}

/** The fields a log line shows of an object: its own enumerable ones, and an error's cause and errors. */
function keysOf(record: object): string[] {
  const keys = Object.keys(record)
  if (record instanceof Error) {
    for (const key of ['cause', 'errors'])
      if (Object.hasOwn(record, key) && !keys.includes(key)) keys.push(key)
  }
  return keys
}

/**
 * A copy to censor. An error keeps its prototype and every property (message, stack), so that it still
 * reads as an error; anything else becomes a plain object of its own enumerable fields, which is what a
 * log line shows of it. Every property of the copy can be redefined, whatever the original's were.
 */
function copyOf(record: object): Record<string, unknown> {
  if (!(record instanceof Error)) return { ...record }
  const copy = Object.create(Object.getPrototypeOf(record) as object) as Record<string, unknown>
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(record))) {
    Object.defineProperty(copy, key, { ...descriptor, configurable: true })
  }
  return copy
}

function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    formatters: {
      bindings: (bindings) => redactSecrets(bindings),
      log: (object) => redactSecrets(object),
    },
  }
}

/** Lines go to stdout in writes of at least this many bytes (pino's asynchronous logging)... */
const LOG_BUFFER_BYTES = 4_096
/** ...or after this long, so that a quiet gateway's lines still show promptly. */
const LOG_FLUSH_INTERVAL_MS = 1_000
/** While stdout takes nothing (a stalled reader), lines past this much are dropped instead of held. */
const LOG_BUFFER_MAX_BYTES = 16 * 1_048_576

/** Stdout without blocking, in few writes: pino flushes what is left when the process exits. */
function bufferedStdout(): DestinationStream {
  return fileDestination({
    dest: 1,
    sync: false,
    minLength: LOG_BUFFER_BYTES,
    periodicFlush: LOG_FLUSH_INTERVAL_MS,
    maxLength: LOG_BUFFER_MAX_BYTES,
  })
}

/**
 * The gateway's logger: secrets censored in every line (`redactSecrets`), to `destination` or to stdout in
 * buffered writes (one system call per line cost more than the line itself under load).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const logger = pino(loggerOptions(level), destination ?? bufferedStdout())
  // pino hands a child's bindings past the formatters; children (fastify's per request, theirs) inherit this.
  const child = logger.child // pino's own, from the prototype: called on whichever logger is the parent
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, redactSecrets(bindings), options)
  } as Logger['child']
  return logger
}
