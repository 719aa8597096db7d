import type { IncomingHttpHeaders } from 'node:http'

/** The token of an `Authorization: Bearer {token}` header (scheme case-insensitive); nothing else counts. */
export function presentedBearer(headers: IncomingHttpHeaders): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')
  return match?.[1]
}
