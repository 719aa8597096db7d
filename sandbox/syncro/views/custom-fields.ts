import type { CustomFieldRecord, FieldAnswerRecord, TicketFieldRecord, TicketRecord } from '../records.js'
import { ACCOUNT_ID } from './account.js'

/** Which table a field is of: its answers name their field by `<kind>_id` (the spec's answers: `ticket_field_id`). */
export type FieldKind = 'ticket_field' | 'customer_field' | 'asset_type_field'

/**
 * A field definition in the shape of the spec's `ticket_fields[]` (POST /tickets example); a ticket field names its
 * ticket type, an asset type's field its asset type. No source shows a customer or asset type field: they take the
 * ticket field's shape.
 */
export function customFieldView(field: CustomFieldRecord, kind: FieldKind) {
  return {
    id: field.id,
    name: field.name,
    field_type: field.field_type,
    required: field.required,
    account_id: ACCOUNT_ID,
    created_at: field.created_at,
    updated_at: field.updated_at,
    ...('ticket_type_id' in field ? { ticket_type_id: field.ticket_type_id } : {}),
    ...('asset_type_id' in field ? { asset_type_id: field.asset_type_id } : {}),
    hidden: field.hidden,
    position: field.position,
    answers: field.answers.map((answer) => fieldAnswerView(answer, kind, field.id)),
  }
}

export function fieldAnswerView(answer: FieldAnswerRecord, kind: FieldKind, fieldId: number) {
  return {
    id: answer.id,
    [`${kind}_id`]: fieldId,
    content: answer.content,
    created_at: answer.created_at,
    updated_at: answer.updated_at,
    account_id: null,
  }
}

/** The `*_field_answers` lists of the settings: every field's choices, one list. */
export function allAnswersView(fields: Iterable<CustomFieldRecord>, kind: FieldKind) {
  return [...fields].flatMap((field) =>
    field.answers.map((answer) => fieldAnswerView(answer, kind, field.id)),
  )
}

/**
 * A ticket's `ticket_answers`: the chosen answers of its drop-down fields, those whose text is the ticket's value
 * (the spec's example: `properties["Device Type"]` "Hard Drive" and the answer "Hard Drive" of field "Device Type").
 */
export function ticketAnswersView(ticket: TicketRecord, fields: readonly TicketFieldRecord[]) {
  return fields.flatMap((field) => {
    const chosen = field.answers.find((answer) => answer.content === ticket.properties[field.name])
    return chosen ? [fieldAnswerView(chosen, 'ticket_field', field.id)] : []
  })
}
