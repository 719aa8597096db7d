import type { SyncroDatabase } from '../database.js'
import type { AssetTypeRecord, TicketTypeRecord, UserRecord } from '../records.js'
import { ACCOUNT_ID } from './account.js'
import { customFieldView } from './custom-fields.js'

export function userView(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    full_name: user.full_name,
    created_at: user.created_at,
    updated_at: user.updated_at,
    group: user.group,
    admin: user.admin,
    color: user.color,
  }
}

/** A ticket type with its fields (the spec's POST /tickets example: `ticket_type.ticket_fields`). */
export function ticketTypeView(db: SyncroDatabase, type: TicketTypeRecord) {
  return {
    id: type.id,
    name: type.name,
    account_id: ACCOUNT_ID,
    created_at: type.created_at,
    updated_at: type.updated_at,
    disabled: type.disabled,
    intake_terms: null,
    skip_intake: false,
    outtake_terms: null,
    skip_outtake: false,
    ticket_fields: db.ticketFieldsOf(type.id).map((field) => customFieldView(field, 'ticket_field')),
  }
}

/** No source shows an asset type's shape: a ticket type's fields that are not about tickets (our reading). */
export function assetTypeView(type: AssetTypeRecord) {
  return {
    id: type.id,
    name: type.name,
    account_id: ACCOUNT_ID,
    created_at: type.created_at,
    updated_at: type.updated_at,
  }
}
