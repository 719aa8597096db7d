import { vendorUnavailable } from '../../errors.js'
import type { VendorResponse } from '../call.js'
import type { SecretScrubber } from '../secret-scrubber.js'
import {
  gatewayErrorFromTransport,
  gatewayErrorFromVendor,
  writeOfUnknownOutcome,
  type VendorErrorDescriber,
} from '../vendor-errors.js'
import type { Exchange, FinalAttempt } from './exchange.js'

/**
 * What the adapter gets from how a call ended: a parsed 2xx body, or the GatewayError for the rest. A write
 * that may have happened (no answer after it left, a 502 or 504, an unreadable 2xx) says so.
 */
export interface AnswerOptions {
  vendor: string
  describeError: VendorErrorDescriber
  /** Error bodies are read only once scrubbed of the connection's secrets. */
  scrubber: SecretScrubber
}

export function answerOf<T>(
  options: AnswerOptions,
  { call, authHeaders }: Exchange,
  final: FinalAttempt,
): VendorResponse<T> {
  const { vendor, describeError, scrubber } = options
  const write = call.method !== 'GET'
  if (final.kind === 'no-credentials') throw final.error
  if (final.kind === 'transport') throw gatewayErrorFromTransport(vendor, final.failure, write)
  if (final.status < 300) {
    if (final.unreadable) {
      const error = vendorUnavailable(502, `${vendor} answered with a body that is not valid JSON`)
      throw write ? writeOfUnknownOutcome(error, vendor) : error
    }
    return { status: final.status, headers: final.headers, body: final.body as T }
  }
  const error = gatewayErrorFromVendor(
    vendor,
    final.status,
    // Read after scrubbing: a vendor may echo the credentials it was sent (this attempt's too).
    describeError(final.status, scrubber.scrubDeep(final.body, authHeaders)),
    call.fieldNames ?? {},
    final.retryAfterMs,
  )
  // A 502 or 504 comes from something between us and the vendor's application, which may have acted.
  const mayHaveActed = write && (final.status === 502 || final.status === 504)
  throw mayHaveActed ? writeOfUnknownOutcome(error, vendor) : error
}
