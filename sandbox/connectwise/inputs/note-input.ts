import type { JsonObject } from '../field-schema.js'
import type { NoteRecord } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import { readFlag, readText, Validation, writableFields } from './validation.js'

export const NOTE_RESOURCE = 'ticketNote'

const NOTE_FIELDS = [
  'text',
  'detailDescriptionFlag',
  'internalAnalysisFlag',
  'resolutionFlag',
  'internalFlag',
  'externalFlag',
] as const

export type NoteFields = Pick<NoteRecord, (typeof NOTE_FIELDS)[number]>

export type NoteInput = { ok: true; fields: NoteFields } | { ok: false; errors: FieldError[] }

/**
 * A note needs text and at least one of the three kinds (description, internal analysis, resolution).
 * `internalFlag` follows `internalAnalysisFlag` unless sent; `externalFlag` is false unless sent.
 */
export function readNote(body: JsonObject): NoteInput {
  const fields = writableFields(body, NOTE_FIELDS)
  const check = new Validation(NOTE_RESOURCE)
  const text = readText(check, fields, 'text', { max: Number.MAX_SAFE_INTEGER, required: true })
  const detailDescriptionFlag = readFlag(check, fields, 'detailDescriptionFlag', false)
  const internalAnalysisFlag = readFlag(check, fields, 'internalAnalysisFlag', false)
  const resolutionFlag = readFlag(check, fields, 'resolutionFlag', false)
  const internalFlag = readFlag(check, fields, 'internalFlag', internalAnalysisFlag)
  const externalFlag = readFlag(check, fields, 'externalFlag', false)
  if (!detailDescriptionFlag && !internalAnalysisFlag && !resolutionFlag)
    check.fail(
      'InvalidArgument',
      'detailDescriptionFlag',
      'One of detailDescriptionFlag, internalAnalysisFlag or resolutionFlag must be true.',
    )
  if (!check.ok || text === null) return { ok: false, errors: check.errors }
  return {
    ok: true,
    fields: { text, detailDescriptionFlag, internalAnalysisFlag, resolutionFlag, internalFlag, externalFlag },
  }
}
