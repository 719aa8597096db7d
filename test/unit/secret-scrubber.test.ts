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

  it.each([
    ['JSON \\u escapes, upper-case hex', 'ab\\u002Bc\\u002Fd\\u003D\\u003D'],
    ['JSON \\u escapes, lower-case hex', 'ab\\u002bc\\u002fd\\u003d\\u003d'],
    ['JSON escapes, mixed with plain characters', 'ab+c\\/d\\u003d='],
    ['HTML hex character references', 'ab&#x2B;c&#x2f;d&#X3d;&#x003D;'],
    ['HTML decimal character references', 'ab&#43;c&#47;d&#61;&#061;'],
  ])('replaces a secret whose other characters than letters and digits come as %s', (_, written) => {
    const scrubber = new SecretScrubber(() => ['ab+c/d=='])
    expect(scrubber.scrub(`<p>key ${written}</p>`)).toBe('<p>key [redacted]</p>')
    const bytes = Buffer.from(`<xml>${written}</xml>`)
    expect(scrubber.scrubBytes(bytes).toString()).toBe('<xml>[redacted]</xml>')
  })

  it('replaces an escaped character outside the Basic Multilingual Plane, and leaves a near miss', () => {
    const scrubber = new SecretScrubber(() => ['key🔑1'])
    expect(scrubber.scrub('key\\ud83d\\udd111 key&#x1F511;1 key&#128273;1')).toBe(
      '[redacted] [redacted] [redacted]',
    )
    expect(scrubber.scrub('key&#x1F512;1 key\\ud83d1')).toBe('key&#x1F512;1 key\\ud83d1')
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
