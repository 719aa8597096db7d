import type { CustomFieldValue } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import type { ItemReader } from './item-reader.js'

/**
 * `customfields[]` entries name their field by `id` or `name` and carry a `value`. Sent entries replace the
 * stored ones with the same id or name; the others stay (our choice: Halo updates the fields it is sent).
 */
export function readCustomFields(
  reader: ItemReader,
  errors: FieldError[],
): ((stored: CustomFieldValue[]) => CustomFieldValue[]) | undefined {
  const entries = reader.objects('customfields')
  if (entries === undefined) return undefined
  const sent: CustomFieldValue[] = []
  for (const entry of entries ?? []) {
    const id = typeof entry.id === 'number' && Number.isInteger(entry.id) ? entry.id : null
    const name = typeof entry.name === 'string' && entry.name.trim() !== '' ? entry.name : null
    if (id === null && name === null) {
      errors.push({ field: 'customfields', message: 'A custom field needs an id or a name' })
      continue
    }
    sent.push({ id, name, value: entry.value ?? null })
  }
  const same = (a: CustomFieldValue, b: CustomFieldValue) =>
    (a.id !== null && a.id === b.id) || (a.name !== null && a.name === b.name)
  return (stored) => [...stored.filter((field) => !sent.some((entry) => same(entry, field))), ...sent]
}
