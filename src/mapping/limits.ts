import { validationFailed } from '../errors.js'

/**
 * Field lengths a vendor accepts: a longer value is a 400 naming the canonical field before any vendor call,
 * rather than the vendor's refusal after one (or, with some vendors, a silent cut).
 */
export function checkLengths(
  vendor: string,
  fields: Record<string, [value: string | null | undefined, max: number]>,
) {
  const errors = Object.entries(fields)
    // UTF-16 units, as the vendors' databases count them (an emoji takes two).
    .filter(([, [value, max]]) => typeof value === 'string' && value.length > max)
    .map(([field, [, max]]) => ({ field, message: `${vendor} takes at most ${max} characters` }))
  if (errors.length)
    throw validationFailed(`too long for ${vendor}: ${errors.map((e) => e.field).join(', ')}`, errors)
}
