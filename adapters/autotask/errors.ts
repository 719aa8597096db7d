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

/**
 * The field a message names, in the vendor's naming, where its wording is known. Autotask answers a create of many
 * records one message each, suffixed ". ; on record number [1]." (SOAP and REST alike, below), so the name ends at
 * the first character no field name has.
 */
const FIELD_PATTERNS = [
  // "Value does not reference an existing entity for taskType . " (WYRE-AI/autotask-mcp#46)
  /does not reference an existing entity for (\w+)/i,
  // "Unable to find projectID in the TimeEntry Entity" (WYRE-AI/autotask-mcp PR #282)
  /unable to find (\w+) in the \w+ entity/i,
  // "Picklist value [3] does not exist for priority" (a practitioner's notes "Autotask API — Lessons Learned", zone
  // 19); "Picklist value [3] does not exist for noteType. ; on record number [1]." (a third-party client's resilience
  // module quoting Autotask's answers; repository not identified: weak)
  /picklist value \[[^\]]*\] does not exist for (\w+)/i,
  // "Value does not exist for the required field resourceID" (the same notes, TimeEntries); "… for the required
  // field AccountID. ; on record number [1]." (SOAP, quoted by a PHP client of it)
  /value does not exist for the required field (\w+)/i,
  // "When assigning a Resource, you must assign both a assignedResourceID and assignedResourceRoleID."
  // (WYRE-AI/msp-claude-plugins#31, #32): the resource is the field the caller set.
  /you must assign both an? (\w+) and/i,
  // "The specified AssignedResourceID and AssignedRoleID combination is not currently defined" (the same notes)
  /the specified (\w+ID)\b/i,
  // "Must have at least one of hoursWorked or startDateTime/endDateTime" (the same notes, TimeEntries)
  /must have at least one of (\w+)/i,
  // "TimeEntries for Tickets must have a roleID" (the same notes; WYRE-AI/autotask-mcp PR #298)
  /must have an? (\w+)\W*$/i,
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
