import { isRecord } from '../../src/vendor-http/answer.js'
import type { VendorErrorDescription } from '../../src/vendor-http/vendor-errors.js'

/**
 * Syncro answers errors in several shapes:
 *   {"error":"Validation failed","errors":[{"field":"customer_id","message":"is required"}]}
 *   {"error":"Customer required field"}
 *   {"success":false,"message":["Subject can't be blank"]}
 *   {"message":"Not found"}
 *   {"record":{…},"errors":"Email is not an email"} (contacts; several messages joined by ", ")
 * Messages of the last kinds start with the humanised attribute ("Asset type can't be blank"), which is
 * turned back into the attribute name (asset_type) so the core can translate it to a canonical field.
 */

const ATTRIBUTE_PREFIX =
  /^([A-Z][A-Za-z]*(?: [a-z_]+)*?) (?:can't|cannot|is|are|must|has|have|does|required|should|was|only|not)\b/

export function attributeOfMessage(message: string): string | undefined {
  const match = ATTRIBUTE_PREFIX.exec(message)
  return match?.[1]?.toLowerCase().replace(/ /g, '_')
}

const fromMessage = (message: string) => ({ field: attributeOfMessage(message), message })

export function describeSyncroError(_status: number, body: unknown): VendorErrorDescription {
  if (typeof body === 'string') return { message: body.slice(0, 200), errors: [] }
  if (!isRecord(body)) return { errors: [] }
  if (Array.isArray(body.errors)) {
    const errors = body.errors.filter(isRecord).map((error) => ({
      field: typeof error.field === 'string' ? error.field : undefined,
      message: typeof error.message === 'string' ? error.message : 'is not valid',
    }))
    return { message: typeof body.error === 'string' ? body.error : undefined, errors }
  }
  if (typeof body.errors === 'string') {
    const messages = body.errors.split(/, (?=[A-Z])/)
    return { message: body.errors, errors: messages.map(fromMessage) }
  }
  if (typeof body.error === 'string') return { message: body.error, errors: [fromMessage(body.error)] }
  if (Array.isArray(body.message)) {
    const messages = body.message.filter((m): m is string => typeof m === 'string')
    return { message: messages.join('; '), errors: messages.map(fromMessage) }
  }
  if (typeof body.message === 'string') return { message: body.message, errors: [] }
  return { errors: [] }
}
