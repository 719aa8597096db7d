import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import { HALOPSA_SPEC_SUBSET_PATH, type HalopsaSpecSubset } from '../../scripts/halopsa-spec-subset.js'

// HaloPSA's OpenAPI document, the parts the emulator and the adapter are checked against: kept in the repository
// (scripts/extract-halopsa-spec-subset.ts extracts them from ../shared/vendor-specs/halopsa-openapi.json), so
// the checks run on a fresh clone.

export const spec = JSON.parse(readFileSync(HALOPSA_SPEC_SUBSET_PATH, 'utf8')) as HalopsaSpecSubset
const ajv = new Ajv({ strict: false, allErrors: true })
ajv.addSchema({ $id: 'halopsa', definitions: spec.definitions })
const validators = new Map<string, ValidateFunction>()
const validatorOf = (schema: string) => {
  let validate = validators.get(schema)
  if (!validate) {
    validate = ajv.compile({ $ref: `halopsa#/definitions/${schema}` })
    validators.set(schema, validate)
  }
  return validate
}

/** Schema errors of one record, as readable lines (empty when it conforms). */
export function problems(schema: string, record: unknown): string[] {
  const validate = validatorOf(schema)
  if (validate(record)) return []
  return (validate.errors ?? []).map(
    (error) =>
      `${schema}${error.instancePath} ${error.message}${
        error.params && 'additionalProperty' in error.params
          ? ` '${String(error.params.additionalProperty)}'`
          : ''
      }`,
  )
}
