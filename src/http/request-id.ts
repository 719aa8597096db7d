import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** Keeps the caller's `x-request-id` when it is a sane token (it ends up in logs), else makes one. */
export function requestIdFor(request: IncomingMessage): string {
  const header = request.headers['x-request-id']
  const given = Array.isArray(header) ? header[0] : header
  return given && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID()
}
