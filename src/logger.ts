import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino'
import type { LogLevel } from './config.js'

/**
 * Paths pino blanks out wherever they appear in a log line. Secrets are also kept out of log calls in the
 * first place (vendor calls log method and path, never headers or query strings); this is the net under that.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.authorization',
  '*.apiKey',
  '*.api_key',
  '*.apiKeys',
  '*.clientSecret',
  '*.client_secret',
  '*.clientId',
  '*.clientid',
  '*.publicKey',
  '*.privateKey',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.access_token',
  'config.connections',
]

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  }
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(level), destination) : pino(loggerOptions(level))
}
