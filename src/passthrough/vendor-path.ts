import { GatewayError } from '../errors.js'

/**
 * The vendor path a passthrough caller names, checked so that it can only ever reach below the connection's API
 * base on the vendor's own origin. The path is decoded once, segment by segment; a segment that decodes to a dot
 * segment, to a separator (`/`, `\`), to another escape (`%`: double encoding), to a scheme or credentials
 * (`:`, `@`) or to a control character is refused, as are raw backslashes, empty segments (`//`) and anything
 * not printable ASCII. What is sent is each decoded segment encoded again: what was checked is what the vendor gets.
 */
export interface VendorPath {
  /** As sent below the base URL: `/finance/agreements/12`. */
  path: string
  /** Decoded, for the allow-list. */
  segments: string[]
}

const refused = (why: string) =>
  new GatewayError(400, 'validation_failed', `the vendor path is refused: ${why}`, {
    errors: [{ field: 'path', message: why }],
  })

const PRINTABLE_ASCII = /^[\x21-\x7e]*$/
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const REFUSED_DECODED = /[/\\%:@\u0000-\u001f\u007f-\u009f]/

/** `raw`: the request target's path after `/passthrough`, as the caller sent it (starting with `/`). */
export function vendorPathOf(raw: string): VendorPath {
  if (!raw.startsWith('/')) throw refused('it must start with /')
  if (!PRINTABLE_ASCII.test(raw)) throw refused('it holds a space, a control or a non-ASCII character')
  if (raw.includes('\\')) throw refused('it holds a backslash')
  if (BAD_ESCAPE.test(raw)) throw refused('it holds a % that starts no escape')
  const segments = raw.slice(1).split('/').map(decodedSegment)
  return { path: `/${segments.map(encodeURIComponent).join('/')}`, segments }
}

function decodedSegment(raw: string): string {
  if (raw === '') throw refused('it has an empty segment (// or a trailing /)')
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    throw refused('it holds an escape that is not UTF-8')
  }
  if (decoded === '.' || decoded === '..') throw refused('it has a . or .. segment')
  if (REFUSED_DECODED.test(decoded))
    throw refused('a segment holds an encoded /, \\ or %, a :, an @ or a control character')
  return decoded
}

/**
 * The URL a checked path reaches below `baseUrl`, asserted to stay on the base's origin and under its path (a
 * second lock behind `vendorPathOf`, on what the transport will send: `basePath + path`).
 */
export function vendorUrlOf(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl)
  const basePath = base.pathname.replace(/\/+$/, '')
  const url = new URL(basePath + path, base.origin)
  const under = url.pathname === basePath + path && url.pathname.startsWith(`${basePath}/`)
  if (url.origin !== base.origin || !under || url.search !== '' || url.hash !== '')
    throw refused("it leaves the vendor's API base")
  return url
}
