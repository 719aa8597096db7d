import { Ajv, type Options } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { TSchema } from '@sinclair/typebox'
import type { FastifySchemaCompiler } from 'fastify'

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
  return ({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema)
}

/**
 * ajv-formats' `date-time` is RFC 3339, which allows what JavaScript's Date cannot read (a leap second, an
 * offset without minutes): such a value would fail later, inside an adapter. Only instants both accept pass.
 */
function withFormats(ajv: Ajv): Ajv {
  addFormats(ajv)
  const rfc3339 = ajv.formats['date-time'] as { validate: (text: string) => boolean }
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (text: string) => rfc3339.validate(text) && Number.isFinite(Date.parse(text)),
  })
  return ajv
}
