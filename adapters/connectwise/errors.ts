import { isRecord } from '../../src/vendor-http/answer.js'
import type { VendorErrorDescription } from '../../src/vendor-http/vendor-errors.js'

/**
 * ConnectWise answers `{"code":"InvalidObject","message":"…","errors":[{"code","message","resource","field"}]}`;
 * `field` is the vendor's field name (`summary`, `company`), translated by the call's field names.
 */
export function describeConnectWiseError(_status: number, body: unknown): VendorErrorDescription {
  if (typeof body === 'string') return { message: body.slice(0, 200), errors: [] }
  if (!isRecord(body)) return { errors: [] }
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(isRecord).map((error) => ({
        field: typeof error.field === 'string' && error.field !== '' ? error.field : undefined,
        message: typeof error.message === 'string' ? error.message : 'is not valid',
      }))
    : []
  return {
    code: typeof body.code === 'string' ? body.code : undefined,
    message: typeof body.message === 'string' ? body.message : undefined,
    errors,
  }
}
