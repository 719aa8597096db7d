import { isRecord } from '../../src/vendor-http/answer.js'
import type { VendorErrorDescription } from '../../src/vendor-http/vendor-errors.js'

/**
 * HaloPSA's error bodies vary by layer and version (vendors.md), so every shape is read defensively:
 *   {"error":"validation_error","message":"…","details":[{"field":"status_id","message":"…"}]}
 *   {"[0].client_id":["…"]}   (model binding, keyed by field path)
 *   {"resultCode","errorMessage"}, {"ClassName","Message"}, {"Message"}
 * A field path of one item of a write array (`[0].status_id`) names the field alone.
 */
export function describeHaloError(_status: number, body: unknown): VendorErrorDescription {
  if (typeof body === 'string') return { message: body.slice(0, 200), errors: [] }
  if (!isRecord(body)) return { errors: [] }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  if (Array.isArray(body.details)) {
    const errors = body.details.filter(isRecord).map((detail) => ({
      field: text(detail.field) && fieldName(detail.field as string),
      message: text(detail.message) ?? 'is not valid',
    }))
    return { code: text(body.error), message: text(body.message), errors }
  }
  const message = text(body.message) ?? text(body.Message) ?? text(body.errorMessage)
  if (message !== undefined) return { code: text(body.error) ?? text(body.ClassName), message, errors: [] }
  const bound = Object.entries(body).filter(
    (entry): entry is [string, unknown[]] =>
      Array.isArray(entry[1]) && entry[1].every((m) => typeof m === 'string'),
  )
  return {
    errors: bound.flatMap(([path, messages]) =>
      messages.map((entry) => ({ field: path === '' ? undefined : fieldName(path), message: String(entry) })),
    ),
  }
}

const fieldName = (path: string) => path.replace(/^\[\d+\]\./, '')
