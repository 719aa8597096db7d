import type { DataType } from './entity.js'

// How a JSON value in a write's body (or a query's MaxRecords) becomes a field's value. Autotask's REST API is
// ASP.NET Web API, whose binder is Json.NET, and values of another JSON type are converted as Json.NET's readers
// convert them (Newtonsoft.Json JsonReader.ReadAsInt32 / ReadAsDouble / ReadAsDecimal / ReadAsBoolean /
// ReadAsString): a numeric string is a number, "True"/"false" a boolean, a number 0 or not 0 a boolean, a number or a
// boolean in a text field its text, an empty string no value. Autotask is seen doing so: Datto's Postman collection
// sends `"id":"4"` and `"IsActive":"True"` (facts §4). What cannot be converted is refused.

/** The value bound; `null` when the JSON gives none (null, or "" for a non-text field); undefined when it fails. */
export type Bound = { value: unknown } | undefined

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 }

export function bind(dataType: DataType, given: unknown): Bound {
  if (given === null) return { value: null }
  switch (dataType) {
    case 'integer':
    case 'short':
      return bindInteger(given, INT32)
    case 'long':
      return bindInteger(given, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
    case 'decimal':
    case 'double':
      return bindNumber(given)
    case 'boolean':
      return bindBoolean(given)
    case 'string':
      if (typeof given === 'string') return { value: given }
      // Json.NET writes a .NET Boolean as "True"/"False" and a number in the invariant culture.
      if (typeof given === 'boolean') return { value: given ? 'True' : 'False' }
      return typeof given === 'number' ? { value: String(given) } : undefined
    case 'date':
    case 'datetime':
      // A date is read from text only (ReadAsDateTime: "Error reading date. Unexpected token").
      if (given === '') return { value: null }
      return typeof given === 'string' ? { value: given } : undefined
  }
}

/** ReadAsInt32: a number is converted (rounded half to even, as .NET's Convert.ToInt32); text parsed as an integer. */
function bindInteger(given: unknown, range: { min: number; max: number }): Bound {
  let number: number
  if (typeof given === 'number') number = roundHalfToEven(given)
  else if (typeof given === 'string') {
    if (given === '') return { value: null }
    // int.TryParse with NumberStyles.Integer: white space around, a leading sign, digits.
    if (!/^\s*[+-]?\d+\s*$/.test(given)) return undefined
    number = Number(given.trim())
  } else return undefined
  return Number.isFinite(number) && number >= range.min && number <= range.max ? { value: number } : undefined
}

/** ReadAsDouble: double.TryParse with NumberStyles.Float | AllowThousands. */
function bindNumber(given: unknown): Bound {
  if (typeof given === 'number') return Number.isFinite(given) ? { value: given } : undefined
  if (typeof given !== 'string') return undefined
  if (given === '') return { value: null }
  const text = given.trim()
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d*)(\.\d*)?([eE][+-]?\d+)?$/.test(text) || !/\d/.test(text)) return undefined
  const number = Number(text.replaceAll(',', ''))
  return Number.isFinite(number) ? { value: number } : undefined
}

/** ReadAsBoolean: a number is true unless 0; text is bool.TryParse's "true"/"false" in any case. */
function bindBoolean(given: unknown): Bound {
  if (typeof given === 'boolean') return { value: given }
  if (typeof given === 'number') return { value: given !== 0 }
  if (typeof given !== 'string') return undefined
  if (given === '') return { value: null }
  const text = given.trim().toLowerCase()
  return text === 'true' || text === 'false' ? { value: text === 'true' } : undefined
}

function roundHalfToEven(number: number): number {
  const floor = Math.floor(number)
  const fraction = number - floor
  if (fraction !== 0.5) return Math.round(number)
  return floor % 2 === 0 ? floor : floor + 1
}
