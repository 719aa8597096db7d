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
})
