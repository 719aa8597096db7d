import type { IncomingMessage } from 'node:http'
import type { FaultAction } from './faults.js'
import { readBodyText } from './http-io.js'
import type { EmulatorReply } from './reply.js'

/** The parts of a request an echo can repeat, by placeholder. */
async function requestParts(request: IncomingMessage): Promise<Record<string, string>> {
  const lines: string[] = []
  for (let i = 0; i < request.rawHeaders.length; i += 2)
    lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`)
  const url = request.url ?? '/'
  const headers = lines.join('\n')
  const body = (await readBodyText(request)) ?? ''
  return {
    '{{url}}': url,
    '{{headers}}': headers,
    '{{body}}': body,
    '{{request}}': `${request.method} ${url} HTTP/${request.httpVersion}\n${headers}\n\n${body}`,
  }
}

function fill(template: unknown, parts: Record<string, string>): unknown {
  if (typeof template === 'string')
    return template.replace(/\{\{(?:request|url|headers|body)\}\}/g, (placeholder) => parts[placeholder]!)
  if (Array.isArray(template)) return template.map((item) => fill(item, parts))
  if (template !== null && typeof template === 'object')
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fill(value, parts)]))
  return template
}

/** The answer of an echo fault: its body with the request's parts put where their placeholders are. */
export async function echoReply(
  request: IncomingMessage,
  fault: Extract<FaultAction, { kind: 'echo' }>,
): Promise<EmulatorReply> {
  return { status: fault.status, body: fill(fault.body, await requestParts(request)), headers: fault.headers }
}
