import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { loadDevelopmentEnvFile } from '../../app/env-file.js'
import { humanReadableLogs, type Stdout } from '../../app/log-destination.js'
import { createLogger } from '../../src/logger.js'

const file = (text: string) => () => text
const missing = () => {
  throw Object.assign(new Error('no such file'), { code: 'ENOENT' })
}

describe('.env in development', () => {
  it('sets what the environment leaves unset; the environment wins', () => {
    const env: NodeJS.ProcessEnv = { PORT: '4000' }
    const loaded = loadDevelopmentEnvFile(env, '.env', file('PORT=3000\nLOG_LEVEL=debug\n# HOST=0.0.0.0\n'))
    expect(env).toEqual({ PORT: '4000', LOG_LEVEL: 'debug' })
    expect(loaded).toEqual(['LOG_LEVEL'])
  })

  it('is read when NODE_ENV is unset or development, never in production or test', () => {
    for (const NODE_ENV of [undefined, 'development']) {
      const env: NodeJS.ProcessEnv = NODE_ENV ? { NODE_ENV } : {}
      expect(loadDevelopmentEnvFile(env, '.env', file('LOG_LEVEL=debug'))).toEqual(['LOG_LEVEL'])
    }
    for (const NODE_ENV of ['production', 'test']) {
      const env: NodeJS.ProcessEnv = { NODE_ENV }
      expect(loadDevelopmentEnvFile(env, '.env', file('LOG_LEVEL=debug'))).toEqual([])
      expect(env).toEqual({ NODE_ENV })
    }
  })

  it('is optional', () => {
    expect(loadDevelopmentEnvFile({}, '.env', missing)).toEqual([])
  })
})

/** A terminal (or not) that keeps what is written to it. */
function stdout(isTTY: boolean): Stdout & { text(): string; written(text: string): Promise<void> } {
  const stream = Object.assign(new PassThrough(), { isTTY })
  let written = ''
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')))
  const contains = (text: string) =>
    new Promise<void>((resolve) => {
      const check = () => written.includes(text) && resolve()
      check()
      stream.on('data', check)
    })
  return Object.assign(stream, { text: () => written, written: contains })
}

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '') // eslint-disable-line no-control-regex

describe('logs a person reads', () => {
  it('in development on a terminal: the Swagger UI address as a line of text, not JSON', async () => {
    const terminal = stdout(true)
    const logger = createLogger('info', await humanReadableLogs('development', terminal))
    logger.info('Swagger UI: http://127.0.0.1:3000/docs')
    logger.info({ token: 'T0ps3cret' }, 'still censored')
    await terminal.written('still censored')
    const lines = plain(terminal.text()).split('\n')
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: Swagger UI: http:\/\/127\.0\.0\.1:3000\/docs$/)
    expect(terminal.text()).not.toContain('T0ps3cret')
    expect(terminal.text()).toContain('[redacted]')
  })

  it('JSON in production, and wherever the lines go to a pipe or a file', async () => {
    expect(await humanReadableLogs('production', stdout(true))).toBeUndefined()
    expect(await humanReadableLogs('test', stdout(true))).toBeUndefined()
    expect(await humanReadableLogs('development', stdout(false))).toBeUndefined()
  })

  it('JSON where pino-pretty is not installed (the Docker image prunes development dependencies)', async () => {
    const notInstalled = () =>
      Promise.reject(
        Object.assign(new Error("Cannot find package 'pino-pretty'"), { code: 'ERR_MODULE_NOT_FOUND' }),
      )
    expect(await humanReadableLogs('development', stdout(true), notInstalled)).toBeUndefined()
  })
})
