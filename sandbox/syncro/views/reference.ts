import type { TicketTypeRecord, UserRecord } from '../records.js'

/** Every record belongs to the one sandbox account. */
export const ACCOUNT_ID = 1

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

export function ticketTypeView(type: TicketTypeRecord) {
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
    ticket_fields: [],
  }
}
