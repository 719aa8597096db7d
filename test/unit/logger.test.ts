import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, redactSecrets } from '../../src/logger.js'

describe('redactSecrets', () => {
  it('censors secret keys at any depth and in any case, in objects, arrays and errors', () => {
    const error = Object.assign(new Error('vendor refused'), {
      request: { headers: { Authorization: 'Basic x' } },
    })
    const redacted = redactSecrets({
      req: { headers: { authorization: 'Bearer a', 'x-api-key': 'k', accept: 'json' } },
      config: {
        connections: [
          { id: 'syncro-1', apiKey: 's1' },
          { id: 'halo', clientSecret: 's2', clientId: 'c' },
        ],
      },
      token: 'abc',
      err: error,
    })
    expect(redacted).toEqual({
      req: { headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', accept: 'json' } },
      config: {
        connections: [
          { id: 'syncro-1', apiKey: '[redacted]' },
          { id: 'halo', clientSecret: '[redacted]', clientId: '[redacted]' },
        ],
      },
      token: '[redacted]',
      err: expect.any(Error),
    })
    expect(redacted.err.message).toBe('vendor refused')
    expect(redacted.err.stack).toBe(error.stack)
    expect(redacted.err.request.headers.Authorization).toBe('[redacted]')
  })

  it('changes nothing it was given, and hands back the same object when there is nothing to censor', () => {
    const line = { req: { method: 'GET', url: '/v1/connections' }, res: { statusCode: 200 }, list: [1, 'a'] }
    expect(redactSecrets(line)).toBe(line)
    const secret = { nested: { password: 'p' }, other: { kept: true } }
    const redacted = redactSecrets(secret)
    expect(secret.nested.password).toBe('p')
    expect(redacted.other).toBe(secret.other)
  })

  it('stops at a cycle', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' }
    cyclic.self = cyclic
    expect(() => redactSecrets(cyclic)).not.toThrow()
  })

  it('is what the gateway logger writes: log objects and child bindings', () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const log = createLogger('info', sink)
      .child({ connection: { id: 'c', privateKey: 'pk' } })
      .child({ requestId: 'r1', token: 't' })
    log.info({ headers: { cookie: 'session=1' }, status: 200 }, 'vendor call')
    const written = JSON.parse(lines[0]!) as Record<string, unknown>
    expect(written).toMatchObject({
      connection: { id: 'c', privateKey: '[redacted]' },
      requestId: 'r1',
      token: '[redacted]',
      headers: { cookie: '[redacted]' },
      status: 200,
      msg: 'vendor call',
    })
  })
})
