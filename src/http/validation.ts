import { Ajv, type Options } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { TSchema } from '@sinclair/typebox'
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify'

// ajv-formats ships CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

const common: Options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false }

/**
 * Two validators: query strings and path params arrive as text and are coerced to the schema's types;
 * JSON bodies are not coerced (`"subject": 123` is an error, not "123"). Neither strips unknown fields:
 * an unknown field is an error the caller should see.
 */
export function validatorCompiler(sharedSchemas: TSchema[]): FastifySchemaCompiler<TSchema> {
  const coercing = withFormats(new Ajv({ ...common, coerceTypes: 'array' }))
  const exact = withFormats(new Ajv({ ...common, coerceTypes: false }))
  for (const schema of sharedSchemas) {
    coercing.addSchema(schema)
    exact.addSchema(schema)
  }
  return ({ schema, httpPart }) => {
    if (httpPart === 'body') return exact.compile(schema)
    return digitsOnlyForIntegers(schema, coercing.compile(schema))
  }
}

interface ValidatorFunction {
  (data: unknown): boolean
  errors?: FastifySchemaValidationError[] | null
}

const DIGITS = /^-?\d{1,15}$/

/**
 * Coercion reads `1e2` and `0x10` as numbers (Ajv tests `x == +x`); an integer in a query string or path is
 * written in decimal digits, nothing else.
 */
function digitsOnlyForIntegers(schema: TSchema, validate: ValidatorFunction): ValidatorFunction {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {}
  const integers = Object.keys(properties).filter((name) => properties[name]!.type === 'integer')
  if (integers.length === 0) return validate
  const checked: ValidatorFunction = (data) => {
    const values = data as Record<string, unknown> | null
    const wrong = integers.filter((name) => typeof values?.[name] === 'string' && !DIGITS.test(values[name]))
    if (wrong.length > 0) {
      checked.errors = wrong.map((name) => ({
        keyword: 'type',
        instancePath: `/${name}`,
        schemaPath: `#/properties/${name}/type`,
        message: 'must be a whole number in decimal digits',
        params: {},
      }))
      return false
    }
    const valid = validate(data)
    checked.errors = validate.errors ?? null
    return valid
  }
  return checked
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/
/** Control characters but tab, LF and CR. */
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
/** In a `u` pattern a surrogate pair is one code point, so this finds only halves of none. */
const UNPAIRED_SURROGATE = /[\ud800-\udfff]/u
/** Dates before this year are placeholders or typos (Halo stores 1900-01-01 for none); vendors refuse or misfile them. */
const EARLIEST_YEAR = 1900

/** What each text format of src/canonical/common.ts allows; also the messages a caller reads when it fails. */
export const FORMAT_MESSAGES: Record<string, string> = {
  'single-line': 'must be one line of text: no control characters (CR, LF, NUL…) and no unpaired surrogates',
  'non-blank-line':
    'must be one line with a visible character: not blank, no control characters (CR, LF, NUL…), no unpaired surrogates',
  'multi-line': 'must be text: no control characters but tab, CR and LF, and no unpaired surrogates',
  'date-time': `must be an ISO 8601 date-time, year ${EARLIEST_YEAR} to 9999`,
}

const singleLine = (text: string) => !CONTROL.test(text) && !UNPAIRED_SURROGATE.test(text)

/**
 * ajv-formats' `date-time` is RFC 3339, which allows what JavaScript's Date cannot read (a leap second, an
 * offset without minutes): such a value would fail later, inside an adapter. Only instants both accept pass,
 * from EARLIEST_YEAR on. The text formats keep out what no vendor field should receive.
 */
function withFormats(ajv: Ajv): Ajv {
  addFormats(ajv)
  const rfc3339 = ajv.formats['date-time'] as { validate: (text: string) => boolean }
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text: string) =>
      rfc3339.validate(text) &&
      Number.isFinite(Date.parse(text)) &&
      Number(text.slice(0, 4)) >= EARLIEST_YEAR,
  })
  ajv.addFormat('single-line', { type: 'string', validate: singleLine })
  ajv.addFormat('non-blank-line', {
    type: 'string',
    validate: (text: string) => singleLine(text) && /\S/.test(text),
  })
  ajv.addFormat('multi-line', {
    type: 'string',
    validate: (text: string) => !CONTROL_BUT_LINE_BREAKS.test(text) && !UNPAIRED_SURROGATE.test(text),
  })
  return ajv
}
