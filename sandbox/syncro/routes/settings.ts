import type { RouteHandler } from '../http-types.js'
import { notFound } from '../vendor-errors.js'
import { ticketTypeView, userView } from '../views/reference.js'
import { recordId } from './record-id.js'

/**
 * `GET /settings`, the account's settings in the shape of the spec's example (syncro-openapi.json, /settings):
 * `ticket.priorities` are the priority texts tickets carry, after a blank choice (`""`, `"0 Urgent"`, …), and
 * `ticket.problem_types` the Issue Types (`problem_type` on every ticket). Lists whose element shape no source
 * shows (asset types, customer and ticket-type fields) are empty, as in that example.
 */
export const getAccountSettings: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: {
    customers: { required_fields: null, customer_fields: [], customer_field_answers: [] },
    assets: { asset_types: [], asset_type_fields: [], asset_type_field_answers: [] },
    locale: {
      iso_code: 'en',
      currency_symbol: '$',
      date_format: 'mm-dd-yy',
      time_format: 'hh:mm tt',
      time_zone: 'America/Los_Angeles',
      time_offset: '-08:00',
    },
    ticket: {
      ticket_types: [...db.ticketTypes.values()].map(ticketTypeView),
      ticket_type_fields: [],
      ticket_type_field_answers: [],
      problem_types: [...db.problemTypes],
      priorities: ['', ...db.priorities],
    },
    business_hours_enabled: true,
    business_hours: WEEKDAYS.map((day) => ({ day, start: '09:00', end: '17:00', closed: false })),
    default_holiday_calendar: 'USA',
    msp_addon: null,
  },
})

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** Statuses are names only (Syncro has no status ids); priorities and Issue Types are in `GET /settings`. */
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
