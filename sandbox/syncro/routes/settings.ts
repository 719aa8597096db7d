import type { SyncroDatabase } from '../database.js'
import type { RouteHandler } from '../http-types.js'
import { notFound } from '../vendor-errors.js'
import { allAnswersView, customFieldView } from '../views/custom-fields.js'
import { assetTypeView, ticketTypeView, userView } from '../views/reference.js'
import { recordId } from './record-id.js'

/**
 * `GET /settings`, the account's settings in the shape of the spec's example (syncro-openapi.json, /settings):
 * `ticket.priorities` are the priority texts tickets carry, after a blank choice (`""`, `"0 Urgent"`, …), and
 * `ticket.problem_types` the Issue Types (`problem_type` on every ticket). The custom field lists (empty in that
 * example) hold the account's definitions in the shape of the spec's ticket fields (views/custom-fields.ts), their
 * drop-down choices in the `*_answers` lists.
 */
export const getAccountSettings: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: {
    customers: {
      required_fields: null,
      customer_fields: [...db.customerFields.values()].map((field) =>
        customFieldView(field, 'customer_field'),
      ),
      customer_field_answers: allAnswersView(db.customerFields.values(), 'customer_field'),
    },
    assets: {
      asset_types: [...db.assetTypes.values()].map(assetTypeView),
      asset_type_fields: [...db.assetTypeFields.values()].map((field) =>
        customFieldView(field, 'asset_type_field'),
      ),
      asset_type_field_answers: allAnswersView(db.assetTypeFields.values(), 'asset_type_field'),
    },
    locale: {
      iso_code: 'en',
      currency_symbol: '$',
      date_format: 'mm-dd-yy',
      time_format: 'hh:mm tt',
      time_zone: 'America/Los_Angeles',
      time_offset: '-08:00',
    },
    ticket: {
      ...ticketTypeLists(db),
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

/** The ticket types, each with its fields, and the same fields and choices as flat lists. */
function ticketTypeLists(db: SyncroDatabase) {
  return {
    ticket_types: [...db.ticketTypes.values()].map((type) => ticketTypeView(db, type)),
    ticket_type_fields: [...db.ticketFields.values()].map((field) => customFieldView(field, 'ticket_field')),
    ticket_type_field_answers: allAnswersView(db.ticketFields.values(), 'ticket_field'),
  }
}

/** Statuses are names only (Syncro has no status ids); priorities and Issue Types are in `GET /settings`. */
export const getTicketSettings: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: {
    ticket_status_list: [...db.statuses],
    default_labor_product_id: null,
    ticket_timer_charge_by_default: null,
    saved_searches: [],
    ...ticketTypeLists(db),
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
