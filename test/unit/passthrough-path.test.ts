import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import { passthroughAllows, type PassthroughRule } from '../../src/passthrough/allow-list.js'
import { vendorPathOf, vendorUrlOf } from '../../src/passthrough/vendor-path.js'

const BASES = [
  'https://cw.example.com/v4_6_release/apis/3.0',
  'https://halo.example.com/api/',
  'https://acme.syncromsp.com/api/v1',
  'http://127.0.0.1:8080',
]

const refusal = (raw: string) => {
  try {
    vendorPathOf(raw)
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError)
    expect((error as GatewayError).status).toBe(400)
    return (error as GatewayError).message
  }
  return undefined
}

describe('vendorPathOf', () => {
  it.each([
    ['/finance/agreements', '/finance/agreements', ['finance', 'agreements']],
    ['/Invoice/12', '/Invoice/12', ['Invoice', '12']],
    ['/invoices/%31%32', '/invoices/12', ['invoices', '12']],
    ['/a%20b/c~d', '/a%20b/c~d', ['a b', 'c~d']],
    ['/caf%C3%A9/...', '/caf%C3%A9/...', ['café', '...']],
    ['/a;b', '/a%3Bb', ['a;b']],
  ])('accepts %s as %s', (raw, path, segments) => {
    expect(vendorPathOf(raw)).toEqual({ path, segments })
  })

  it.each([
    ['a dot-dot segment', '/a/../b'],
    ['a dot segment', '/a/./b'],
    ['an encoded dot-dot', '/a/%2e%2e/b'],
    ['an encoded dot-dot, upper case', '/a/%2E%2E/b'],
    ['a half-encoded dot-dot', '/a/%2E./b'],
    ['the other half', '/a/.%2e/b'],
    ['a double-encoded dot-dot', '/a/%252e%252e/b'],
    ['a leading dot-dot', '/../system/members'],
    ['an encoded slash', '/a%2fb'],
    ['an encoded slash, upper case', '/a%2Fb'],
    ['an encoded backslash', '/a%5cb'],
    ['a double-encoded slash', '/a%252fb'],
    ['a backslash', '/a\\b'],
    ['a doubled slash', '/a//b'],
    ['a host after two slashes', '//evil.example/x'],
    ['a trailing slash', '/a/'],
    ['nothing', '/'],
    ['no leading slash', 'a/b'],
    ['an absolute URL', 'http://evil.example/x'],
    ['a scheme in a segment', '/http:/evil.example'],
    ['an encoded scheme', '/http%3a%2f%2fevil.example'],
    ['credentials', '/user@evil.example'],
    ['encoded credentials', '/user%40evil.example'],
    ['an encoded NUL', '/a%00b'],
    ['a raw NUL', '/a\u0000b'],
    ['an encoded newline', '/a%0d%0aX-Injected:%201'],
    ['a raw space', '/a b'],
    ['a raw non-ASCII character', '/café'],
    ['a bare %', '/100%'],
    ['an escape that is not UTF-8', '/%c0%ae%c0%ae'],
  ])('refuses %s (%s)', (_what, raw) => {
    expect(refusal(raw)).toMatch(/the vendor path is refused/)
  })
})

describe('vendorUrlOf', () => {
  it('joins below the base path on its origin', () => {
    expect(vendorUrlOf(BASES[0]!, '/finance/agreements').href).toBe(
      'https://cw.example.com/v4_6_release/apis/3.0/finance/agreements',
    )
    expect(vendorUrlOf(BASES[1]!, '/Invoice').href).toBe('https://halo.example.com/api/Invoice')
  })

  it.each([
    ['http://127.0.0.1:8080', '//evil.example/x'],
    [BASES[0]!, '/../x'],
    [BASES[0]!, '/a/%2e%2e/%2e%2e/%2e%2e/x'],
    [BASES[0]!, '/x?y=1'],
    [BASES[0]!, '/x#y'],
    [BASES[2]!, 'x'],
  ])('refuses, below %s, %s, which would leave it', (base, path) => {
    expect(() => vendorUrlOf(base, path)).toThrow(/leaves the vendor's API base/)
  })
})

const TOKENS = [
  '/',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2f',
  '%2F',
  '%5c',
  '%25',
  '%',
  '\\',
  '@',
  ':',
  'http:',
  '//',
  'evil.example',
  'a',
  'Z',
  '0',
  '%00',
  '\u0000',
  '\n',
  '?',
  '#',
  ' ',
  'é',
  '%C3%A9',
  '%c0',
  '%3f',
  '~',
  ';',
]

describe('the path checker, whatever it is given', () => {
  it('accepts only what resolves under the base path, on the base origin', () => {
    const raw = fc.oneof(
      fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((tokens) => tokens.join('')),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.webPath(),
    )
    fc.assert(
      fc.property(raw, fc.constantFrom(...BASES), (path, baseUrl) => {
        let checked
        try {
          checked = vendorPathOf(path)
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayError)
          return
        }
        const base = new URL(baseUrl)
        const basePath = base.pathname.replace(/\/+$/, '')
        const url = vendorUrlOf(baseUrl, checked.path)
        expect(url.origin).toBe(base.origin)
        expect(url.pathname.startsWith(`${basePath}/`)).toBe(true)
        expect(url.pathname).toBe(basePath + checked.path)
        // What undici sends resolves the same way at the vendor (the request line is not parsed again).
        expect(new URL(basePath + checked.path, 'http://vendor.invalid').pathname).toBe(
          basePath + checked.path,
        )
        expect(checked.segments.every((segment) => segment !== '.' && segment !== '..')).toBe(true)
      }),
      { numRuns: 3_000 },
    )
  })
})

describe('passthroughAllows', () => {
  const rules: PassthroughRule[] = [
    { methods: ['GET'], prefix: '/' },
    { methods: ['POST', 'PATCH'], prefix: '/finance/agreements' },
  ]
  const allows = (method: string, path: string) =>
    passthroughAllows(rules, method, vendorPathOf(path).segments)

  it('lets a method through under a prefix, by whole segments', () => {
    expect(allows('GET', '/system/members')).toBe(true)
    expect(allows('POST', '/finance/agreements')).toBe(true)
    expect(allows('PATCH', '/finance/agreements/12')).toBe(true)
    expect(allows('POST', '/finance/agreementsX')).toBe(false)
    expect(allows('POST', '/finance')).toBe(false)
    expect(allows('DELETE', '/finance/agreements/12')).toBe(false)
    expect(allows('POST', '/Finance/Agreements')).toBe(false)
  })

  it('lets nothing through with no rules', () => {
    expect(passthroughAllows([], 'GET', ['tickets'])).toBe(false)
  })
})
