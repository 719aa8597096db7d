/**
 * Keeps a connection's secrets out of whatever a vendor sends back. A vendor (or a proxy in front of it) may echo
 * the request it got in an error body: the Authorization header, the query string, the form body of a token
 * request. Every string read from a vendor answer goes through `scrub` before it can reach a response, a log line
 * or a metric, so an echoed secret never leaves, in any of the forms a request carries it.
 */

const REDACTED = '[redacted]'
/** Deep enough for any error body worth reading; deeper levels are dropped, not passed on unchecked. */
const MAX_DEPTH = 10

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const ALPHANUMERIC = /^[a-z0-9]$/i

/**
 * The ways one character of a secret can be written in an answer, as a pattern: as it is, JSON-escaped (`\"`,
 * `\/`, `\u002B`) and as an HTML or XML character reference (`&#x2B;`, `&#43;`). Letters and digits are taken as
 * they are: an encoder that escapes those escapes the whole secret, which is out of reach.
 */
function characterPattern(character: string): string {
  if (ALPHANUMERIC.test(character)) return escapeRegExp(character)
  const code = character.codePointAt(0)!
  // Each UTF-16 unit of the character, as a JSON string carries one outside the Basic Multilingual Plane.
  const unicodeEscape = [...Array(character.length).keys()]
    .map((index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`)
    .join('')
  const jsonEscaped = JSON.stringify(character).slice(1, -1)
  const literals = new Set([character, jsonEscaped, unicodeEscape, ...(character === '/' ? ['\\/'] : [])])
  const references = [`&#x0*${code.toString(16)};`, `&#0*${code};`]
  return `(?:${[...[...literals].map(escapeRegExp), ...references].join('|')})`
}

/**
 * The ways a secret can appear in an echoed request or an answer, as patterns: URL- or form-encoded, or each of
 * its characters as it is or escaped (inside a JSON string, by an encoder that escapes `+` or `/` as .NET's and
 * PHP's do, or as HTML character references). Case-insensitive, as percent-encoding and hex digits may be either.
 */
function patternsOf(secret: string): string[] {
  const urlEncoded = encodeURIComponent(secret)
  const formEncoded = new URLSearchParams({ s: secret }).toString().slice('s='.length)
  return [...new Set([urlEncoded, formEncoded])]
    .filter((encoded) => encoded !== secret)
    .map(escapeRegExp)
    .concat([...secret].map(characterPattern).join(''))
}

export class SecretScrubber {
  #source = ''
  #pattern: RegExp | null = null

  /** `secrets` is asked on every scrub: a bearer token changes while the connection lives. */
  constructor(private readonly secrets: () => readonly string[]) {}

  /** The text with every form of every secret replaced; case-insensitive, since percent-encoding may be either. */
  scrub(text: string): string {
    const pattern = this.#patternNow()
    return pattern ? text.replace(pattern, REDACTED) : text
  }

  /**
   * A JSON value with every string scrubbed, object keys included (a vendor may key errors by what it got).
   * `sentHeaders`: the auth headers of the call answered, scrubbed too whatever the secrets say now. Levels
   * below `maxDepth` are dropped.
   */
  scrubDeep(value: unknown, sentHeaders: Record<string, string> = {}, maxDepth = MAX_DEPTH): unknown {
    return this.#withSent(sentHeaders).#deep(value, 0, maxDepth)
  }

  /**
   * Bytes of any kind (JSON, text in any charset, a PDF) with every secret replaced, and every other byte as it
   * was: they are read as Latin-1, one character a byte, and a secret is looked for as it is (ASCII, and its
   * encoded forms) and as the Latin-1 reading of its UTF-8 bytes.
   */
  scrubBytes(bytes: Buffer, sentHeaders: Record<string, string> = {}): Buffer {
    const scrubber = this.#withSent(sentHeaders)
    const asBytes = new SecretScrubber(() => {
      const secrets = scrubber.secrets()
      return [...secrets, ...secrets.map((secret) => Buffer.from(secret).toString('latin1'))]
    })
    const text = bytes.toString('latin1')
    const scrubbed = asBytes.scrub(text)
    return scrubbed === text ? bytes : Buffer.from(scrubbed, 'latin1')
  }

  /** This scrubber, or one that also scrubs the credentials of `sentHeaders`, whatever the secrets say now. */
  #withSent(sentHeaders: Record<string, string>): SecretScrubber {
    const extra = Object.values(sentHeaders).map((header) => header.replace(/^(Basic|Bearer) /i, ''))
    return extra.length > 0 ? new SecretScrubber(() => [...this.secrets(), ...extra]) : this
  }

  #deep(value: unknown, depth: number, maxDepth: number): unknown {
    if (typeof value === 'string') return this.scrub(value)
    if (value === null || typeof value !== 'object') return value
    if (depth >= maxDepth) return undefined
    if (Array.isArray(value)) return value.map((item) => this.#deep(item, depth + 1, maxDepth))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [this.scrub(key), this.#deep(item, depth + 1, maxDepth)]),
    )
  }

  #patternNow(): RegExp | null {
    const secrets = [...new Set(this.secrets().filter(Boolean))]
    // Longest first, so that a secret inside another (a key inside its Basic credentials) is matched whole.
    secrets.sort((a, b) => b.length - a.length)
    const source = secrets.flatMap(patternsOf).join('|')
    if (source !== this.#source) {
      this.#source = source
      this.#pattern = source ? new RegExp(source, 'gi') : null
    }
    return this.#pattern
  }
}
