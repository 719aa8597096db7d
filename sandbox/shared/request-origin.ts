import type { IncomingMessage } from 'node:http'

/**
 * The origin the client reached the emulator at, for the absolute URLs an answer names: the scheme of the
 * connection (https behind TLS), or the one a proxy in front reports in `X-Forwarded-Proto` (with
 * `X-Forwarded-Host`), and the request's Host; undefined without any host.
 */
export function requestOrigin(request: IncomingMessage): string | undefined {
  const forwarded = (name: string) => {
    const value = request.headers[name]
    const first = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim()
    return first === '' ? undefined : first
  }
  const proto = forwarded('x-forwarded-proto')?.toLowerCase()
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true
  const scheme = proto === 'https' || proto === 'http' ? proto : encrypted ? 'https' : 'http'
  const host = forwarded('x-forwarded-host') ?? request.headers.host
  return host ? `${scheme}://${host}` : undefined
}
