import { isRecord } from '../../src/vendor-http/answer.js'
import type { VendorErrorDescription } from '../../src/vendor-http/vendor-errors.js'

/**
 * Autotask answers `{"errors": ["…"]}`, strings (objects `{message, field}` tolerated), and refuses a business
 * rule, a missing or wrong reference or picklist value with a 500 (the facts, §4: "Value does not reference an
 * existing entity for taskType . ", "When assigning a Resource, you must assign both …"); ASP.NET itself answers
 * `{"Message": "…"}` (a 405). A 500 whose messages are such a refusal is the caller's: it stands for a 400.
 */

/**
 * Messages of a 500 that is Autotask failing, not a refusal: "Something went wrong" (apigrate/autotask-restapi#19),
 * and the .NET and SQL Server failures an ASP.NET API passes on (unsourced wording: chosen so that a timeout, a
 * deadlock or a null reference is never told to the caller as bad input).
 */
const SERVER_FAILURE =
  /^(something went wrong|an error has occurred|internal server error)\b|object reference not set|timeout expired|deadlock|transaction \(process id|a transport-level error|the operation has timed out/i

// An unknown user or integration code answers 500 "Something went wrong" (apigrate/autotask-restapi#19): a failure
// like any other, which no wording tells apart; only a wrong secret is a 401.

/** The thread limit: "Thread Threshold Exceeded" (n8n-nodes-autotask PR #107), with a status that may not be 429. */
const THREAD_LIMIT = /thread threshold/i

/** The field a message names, in the vendor's naming, where its wording is known. */
const FIELD_PATTERNS = [
  // "Value does not reference an existing entity for taskType . " (WYRE-AI/autotask-mcp#46)
  /does not reference an existing entity for (\w+)/i,
  // "Unable to find projectID in the TimeEntry Entity" (WYRE-AI/autotask-mcp PR #282)
  /unable to find (\w+) in the \w+ entity/i,
]

export function fieldOfMessage(message: string): string | undefined {
  for (const pattern of FIELD_PATTERNS) {
    const field = pattern.exec(message)?.[1]
    if (field) return field
  }
  return undefined
}

function messagesIn(body: unknown): string[] | undefined {
  if (typeof body === 'string') return body.trim() ? [body.slice(0, 200)] : undefined
  if (!isRecord(body)) return undefined
  if (Array.isArray(body.errors))
    return body.errors.flatMap((error) => {
      if (typeof error === 'string') return [error]
      return isRecord(error) && typeof error.message === 'string' ? [error.message] : []
    })
  if (typeof body.Message === 'string') return [body.Message]
  return typeof body.message === 'string' ? [body.message] : undefined
}

/** The status a 500 stands for: a refusal (400), a spent thread limit (429), or itself. */
function statusOf500(messages: string[]): number | undefined {
  if (messages.length === 0 || messages.some((message) => SERVER_FAILURE.test(message.trim())))
    return undefined
  if (messages.some((message) => THREAD_LIMIT.test(message))) return 429
  return 400
}

export function describeAutotaskError(status: number, body: unknown): VendorErrorDescription {
  const messages = messagesIn(body)
  if (messages === undefined) return { errors: [] }
  // Only Autotask's own `errors` can be a refusal: a page from a proxy or the web server is a failure.
  const fromAutotask = isRecord(body) && Array.isArray(body.errors)
  const standsFor = status === 500 && fromAutotask ? statusOf500(messages) : undefined
  return {
    ...(standsFor === undefined ? {} : { status: standsFor }),
    message: messages.join('; ') || undefined,
    errors: messages.map((message) => ({ field: fieldOfMessage(message), message })),
  }
}
