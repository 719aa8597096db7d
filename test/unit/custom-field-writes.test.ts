import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CustomFieldDefinition } from '../../src/canonical/custom-field.js'
import { GatewayError } from '../../src/errors.js'
import { checkCustomFieldWrites } from '../../src/mapping/custom-fields.js'

const definitions: CustomFieldDefinition[] = [
  { id: '1', name: 'Floor', type: 'number', required: false, options: null },
  { id: '2', name: 'Notes', type: 'text', required: false, options: null },
  { id: '3', name: 'VIP', type: 'boolean', required: false, options: null },
  { id: '4', name: 'Warranty end', type: 'date', required: false, options: null },
  { id: '5', name: 'Visited', type: 'datetime', required: false, options: null },
  { id: '6', name: 'Building', type: 'select', required: false, options: ['A', 'B'] },
  { id: '7', name: 'Services', type: 'multiselect', required: false, options: ['Backup', 'Email'] },
  { id: '8', name: 'Contract', type: 'text', required: true, options: null },
]

/** The problem a check throws, or undefined when it passes. */
function problemOf(run: () => void): GatewayError | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error
    return error
  }
}

describe('custom field values checked against the definitions', () => {
  it('takes a value of each type, and a null that clears an optional field', () => {
    const writes = [
      { id: '1', value: 3 },
      { id: '2', value: 'by the window' },
      { id: '3', value: true },
      { id: '4', value: '2028-02-29' },
      { id: '5', value: '2026-11-30T09:15:00Z' },
      { id: '6', value: 'B' },
      { id: '7', value: ['Backup', 'Email'] },
      { id: '2', value: null },
    ].filter((write, index, all) => all.findIndex((other) => other.id === write.id) === index)
    expect(problemOf(() => checkCustomFieldWrites(definitions, writes))).toBeUndefined()
  })

  it.each([
    ['1', '3', "'Floor' takes a number"],
    ['2', 7, "'Notes' takes text"],
    ['3', 'yes', "'VIP' takes true or false"],
    ['4', '2027-02-29', "'Warranty end' takes a date (YYYY-MM-DD)"],
    ['5', 'tomorrow', "'Visited' takes a date-time (ISO 8601)"],
    ['6', 'C', "'Building' takes one of: A, B"],
    ['7', ['Backup', 'Fax'], "'Services' takes a list of: Backup, Email"],
  ])('refuses field %s = %j, naming it', (id, value, message) => {
    const problem = problemOf(() => checkCustomFieldWrites(definitions, [{ id, value }]))
    expect(problem?.status).toBe(400)
    expect(problem?.extras.errors).toEqual([{ field: `customFields.${id}`, message }])
  })

  it('refuses an id the connection does not define, one set twice, and clearing a required one', () => {
    const problem = problemOf(() =>
      checkCustomFieldWrites(definitions, [
        { id: '99', value: 'x' },
        { id: '2', value: 'a' },
        { id: '2', value: 'b' },
        { id: '8', value: null },
      ]),
    )
    expect(problem?.extras.errors?.map((error) => error.field)).toEqual([
      'customFields.99',
      'customFields.2',
      'customFields.8',
    ])
  })

  it("leaves a required field's absence to the vendor (required of one kind of record, not of another)", () => {
    expect(problemOf(() => checkCustomFieldWrites(definitions, []))).toBeUndefined()
  })

  it('never accepts a number field given anything but a finite number', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.boolean(), fc.constant(Number.NaN), fc.constant(Infinity)),
        (value) => {
          const problem = problemOf(() => checkCustomFieldWrites(definitions, [{ id: '1', value }]))
          expect(problem?.status).toBe(400)
        },
      ),
    )
  })
})
