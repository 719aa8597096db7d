import type { RouteHandler } from '../http-types.js'
import { notFound } from '../vendor-errors.js'
import { ticketTypeView, userView } from '../views/reference.js'
import { recordId } from './record-id.js'

/** Statuses are names only (Syncro has no status ids); there is no priority list at all. */
export const getTicketSettings: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: {
    ticket_status_list: [...db.statuses],
    default_labor_product_id: null,
    ticket_timer_charge_by_default: null,
    saved_searches: [],
    ticket_types: [...db.ticketTypes.values()].map(ticketTypeView),
    ticket_type_fields: [],
    ticket_type_field_answers: [],
    appointment_types: [],
    users: [...db.users.values()].map((user) => ({ id: user.id, name: user.full_name })),
    dashboard_settings: null,
    worksheet_templates: [],
    require_ticket_type: null,
    require_intake_form_with_ticket: null,
    require_outtake_form_with_ticket: null,
    ticket_workflow_default_id: null,
  },
})

/** Pairs of `[id, full name]`, as the vendor answers. */
export const listUsers: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: { users: [...db.users.values()].map((user) => [user.id, user.full_name]) },
})

export const getUser: RouteHandler = ({ params }, { db }) => {
  const user = db.users.get(recordId(params.id))
  return user ? { status: 200, body: { user: userView(user) } } : notFound()
}
