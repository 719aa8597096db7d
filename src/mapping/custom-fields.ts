import type {
  CustomFieldDefinition,
  CustomFieldType,
  CustomFieldValue,
  CustomFieldWrite,
} from '../canonical/custom-field.js'
import { validationFailed, type FieldError } from '../errors.js'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

const isRealDate = (text: string) => {
  const parts = DATE.exec(text)
  if (!parts) return false
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])))
  return date.toISOString().startsWith(text)
}

/** What a value of each type must be, said the way a caller reads it; null when `value` is one. */
function typeProblem(definition: CustomFieldDefinition, value: CustomFieldValue): string | null {
  const options = definition.options ?? []
  const checks: Record<CustomFieldType, () => string | null> = {
    text: () => (typeof value === 'string' ? null : 'takes text'),
    number: () => (typeof value === 'number' && Number.isFinite(value) ? null : 'takes a number'),
    boolean: () => (typeof value === 'boolean' ? null : 'takes true or false'),
    date: () => (typeof value === 'string' && isRealDate(value) ? null : 'takes a date (YYYY-MM-DD)'),
    datetime: () =>
      typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'takes a date-time (ISO 8601)',
    select: () =>
      typeof value === 'string' && options.includes(value) ? null : `takes one of: ${options.join(', ')}`,
    multiselect: () =>
      Array.isArray(value) && value.every((one) => options.includes(one))
        ? null
        : `takes a list of: ${options.join(', ')}`,
  }
  return checks[definition.type]()
}

/**
 * Custom field values of a create or update, checked against the connection's definitions before any vendor
 * call: each id defined and set once, each value of its field's type, and no required field cleared. A create
 * missing a required field is left to the vendor: where its fields depend on the record's kind (a Syncro ticket
 * type's fields), a field required of one kind is not of another. A 400 names every field at fault.
 */
export function checkCustomFieldWrites(
  definitions: readonly CustomFieldDefinition[],
  writes: readonly CustomFieldWrite[],
): void {
  const byId = new Map(definitions.map((definition) => [definition.id, definition]))
  const errors: FieldError[] = []
  const seen = new Set<string>()
  for (const write of writes) {
    const field = `customFields.${write.id}`
    const definition = byId.get(write.id)
    if (!definition) {
      errors.push({ field, message: 'no such custom field here (GET .../meta/{resource} lists them)' })
    } else if (seen.has(write.id)) {
      errors.push({ field, message: `'${definition.name}' is set twice` })
    } else if (write.value === null) {
      if (definition.required) errors.push({ field, message: `'${definition.name}' is required` })
    } else {
      const problem = typeProblem(definition, write.value)
      if (problem) errors.push({ field, message: `'${definition.name}' ${problem}` })
    }
    seen.add(write.id)
  }
  if (errors.length > 0) {
    throw validationFailed(
      `custom fields: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}`,
      errors,
    )
  }
}
