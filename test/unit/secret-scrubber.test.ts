import { describe, expect, it } from 'vitest'
import { SecretScrubber } from '../../src/vendor-http/secret-scrubber.js'

describe('SecretScrubber', () => {
  const secret = 'p@ss w/rd+="x"'

  it('replaces the secret as it is, URL-encoded in either case, form-encoded and JSON-escaped', () => {
    const scrubber = new SecretScrubber(() => [secret])
    const text = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).toLowerCase(),
      new URLSearchParams({ k: secret }).toString(),
      JSON.stringify({ k: secret }),
    ].join(' | ')
    const scrubbed = scrubber.scrub(text)
    expect(scrubbed).not.toContain('rd')
    expect(scrubbed.match(/\[redacted\]/g)).toHaveLength(5)
  })

  it('walks JSON values, keys included, and follows the secrets as they change', () => {
    let secrets = ['token-one']
    const scrubber = new SecretScrubber(() => secrets)
    expect(scrubber.scrubDeep({ 'token-one': ['Bearer token-one'], n: 1, nested: [{ m: null }] })).toEqual({
      '[redacted]': ['Bearer [redacted]'],
      n: 1,
      nested: [{ m: null }],
    })
    secrets = ['token-two', 'token-one']
    expect(scrubber.scrub('token-two then token-one')).toBe('[redacted] then [redacted]')
  })

  it('matches a secret inside another whole (a key inside its encoded credentials)', () => {
    const scrubber = new SecretScrubber(() => ['key', 'a-key-and-more'])
    expect(scrubber.scrub('a-key-and-more')).toBe('[redacted]')
  })

  it('scrubs bytes of any kind, a secret as ASCII, encoded or as UTF-8, and keeps every other byte', () => {
    const scrubber = new SecretScrubber(() => ['clé-secrète', 'plain/key'])
    const bytes = Buffer.concat([
      Buffer.from([0x00, 0xff, 0xc3]),
      Buffer.from('clé-secrète|'),
      Buffer.from(encodeURIComponent('clé-secrète') + '|'),
      Buffer.from('plain%2Fkey|Bearer sent-token'),
      Buffer.from([0xe9, 0x80]),
    ])
    const scrubbed = scrubber.scrubBytes(bytes, { authorization: 'Bearer sent-token' })
    expect(scrubbed).toEqual(
      Buffer.concat([
        Buffer.from([0x00, 0xff, 0xc3]),
        Buffer.from('[redacted]|[redacted]|[redacted]|Bearer [redacted]'),
        Buffer.from([0xe9, 0x80]),
      ]),
    )
    const clean = Buffer.from([0x01, 0x02])
    expect(scrubber.scrubBytes(clean)).toBe(clean)
  })

  it('walks as deep as it is told, dropping what lies below', () => {
    const scrubber = new SecretScrubber(() => ['key'])
    const deep = { a: { b: { c: 'key' } } }
    expect(scrubber.scrubDeep(deep, {}, 2)).toEqual({ a: { b: undefined } })
    expect(scrubber.scrubDeep(deep, {}, 3)).toEqual({ a: { b: { c: '[redacted]' } } })
  })
})
