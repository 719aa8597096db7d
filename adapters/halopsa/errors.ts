import { isRecord } from '../../src/vendor-http/answer.js'
import type { VendorErrorDescription } from '../../src/vendor-http/vendor-errors.js'

/**
 * HaloPSA's error bodies vary by layer and version (vendors.md), so every shape is read defensively:
 *   {"error":"validation_error","message":"…","details":[{"field":"status_id","message":"…"}]}
 *   {"[0].client_id":["…"]}                                  (model binding, keyed by field path)
 *   {"title":"…","errors":{"[0].client_id":["…"]}}           (ASP.NET Core problem details)
 *   {"Message":"…","ModelState":{"item[0].client_id":["…"]}} (ASP.NET Web API)
 *   {"error":"invalid_client","error_description":"…"}       (OAuth)
 *   {"resultCode","errorMessage"}, {"ClassName","Message"}, {"Message"}
 * A field path of one item of a write array (`[0].status_id`, `item[0].status_id`) names the field alone.
 */
export function describeHaloError(_status: number, body: unknown): VendorErrorDescription {
  if (typeof body === 'string') return { message: body.slice(0, 200), errors: [] }
  if (!isRecord(body)) return { errors: [] }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const code = text(body.error) ?? text(body.ClassName)
  const message =
    text(body.message) ??
    text(body.Message) ??
    text(body.errorMessage) ??
    text(body.error_description) ??
    text(body.title)
  if (Array.isArray(body.details)) {
    const errors = body.details.filter(isRecord).map((detail) => ({
      field: typeof detail.field === 'string' ? fieldName(detail.field) : undefined,
      message: text(detail.message) ?? 'is not valid',
    }))
    return { code, message, errors }
  }
  const fieldMap = [body.errors, body.ModelState].find(isRecord) ?? (message === undefined ? body : {})
  return { code, message, errors: boundErrors(fieldMap) }
}

/** `{ "<field path>": ["message", …] }`, as model binding reports. */
function boundErrors(map: Record<string, unknown>) {
  return Object.entries(map)
    .filter(
      (entry): entry is [string, string[]] =>
        Array.isArray(entry[1]) && entry[1].every((m) => typeof m === 'string'),
    )
    .flatMap(([path, messages]) =>
      messages.map((message) => ({ field: path === '' ? undefined : fieldName(path), message })),
    )
}

const fieldName = (path: string) => path.replace(/^(?:item|\$)?\[\d+\]\./, '')
