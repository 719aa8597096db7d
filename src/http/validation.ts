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
  const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }))
  const exact = addFormats(new Ajv({ ...common, coerceTypes: false }))
  for (const schema of sharedSchemas) {
    coercing.addSchema(schema)
    exact.addSchema(schema)
  }
  return ({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema)
}
