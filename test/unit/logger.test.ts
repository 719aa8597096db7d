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

  it('walks an object once, however many times it points back to itself', () => {
    let reads = 0
    const cyclic: Record<string, unknown> = { name: 'loop', token: 't' }
    Object.defineProperty(cyclic, 'counted', {
      enumerable: true,
      get: () => ++reads,
    })
    for (let i = 0; i < 12; i++) cyclic[`self${i}`] = cyclic
    const redacted = redactSecrets(cyclic)
    expect(redacted.token).toBe('[redacted]')
    // Once by the walk, once by the copy that censors the token.
    expect(reads).toBe(2)
  })

  it('censors frozen objects, getters and class instances without touching them', () => {
    let setterCalls = 0
    class Connection {
      constructor(
        readonly id: string,
        readonly apiKey: string,
      ) {}
    }
    const withAccessors = {
      get password() {
        return 'p1'
      },
      set password(_value: string) {
        setterCalls++
      },
    }
    const redacted = redactSecrets({
      frozen: Object.freeze({ token: 't1', id: 1 }),
      getterOnly: Object.defineProperty({}, 'secretless', { get: () => 'x', enumerable: true }),
      withAccessors,
      instance: new Connection('c', 'k1'),
    })
    expect(redacted).toEqual({
      frozen: { token: '[redacted]', id: 1 },
      getterOnly: { secretless: 'x' },
      withAccessors: { password: '[redacted]' },
      instance: { id: 'c', apiKey: '[redacted]' },
    })
    expect([setterCalls, withAccessors.password]).toEqual([0, 'p1'])
  })

  it("censors URL passwords, and an error's cause", () => {
    const error = new Error('store down', { cause: { url: 'redis://gateway:hunter2@redis:6379/0' } })
    const redacted = redactSecrets({ err: error, target: 'https://api.example.com/v1' })
    expect((redacted.err.cause as { url: string }).url).toBe('redis://gateway:[redacted]@redis:6379/0')
    expect(redacted.target).toBe('https://api.example.com/v1')
  })

  it('drops the fields of a line it cannot read, rather than throw or print them unchecked', () => {
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('unreadable')
      },
    })
    expect(redactSecrets({ hostile, token: 't' })).toEqual({
      redaction: 'the fields of this line could not be checked for secrets and were dropped',
    })
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
