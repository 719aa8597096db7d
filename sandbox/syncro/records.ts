// Stored records, in Syncro's own field names. Names derived from other records (a ticket's customer name,
// a customer's fullname) are not stored: the views compute them, as the vendor does, so renames show through.

export type JsonObject = Record<string, unknown>

/** ISO 8601 with milliseconds and `Z`, e.g. `2025-03-04T09:15:00.000Z`. */
export type Timestamp = string

export interface UserRecord {
  id: number
  email: string
  full_name: string
  group: string
  admin: boolean
  color: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface TicketTypeRecord {
  id: number
  name: string
  disabled: boolean
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AssetTypeRecord {
  id: number
  name: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CustomerRecord {
  id: number
  firstname: string | null
  lastname: string | null
  business_name: string | null
  email: string | null
  phone: string | null
  mobile: string | null
  address: string | null
  address_2: string | null
  city: string | null
  state: string | null
  zip: string | null
  notes: string | null
  get_sms: boolean
  opt_out: boolean
  no_email: boolean
  disabled: boolean
  referred_by: string | null
  ref_customer_id: number | null
  tax_rate_id: number | null
  notification_email: string | null
  invoice_cc_emails: string | null
  invoice_term_id: number | null
  properties: JsonObject
  portal_key: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface ContactRecord {
  id: number
  customer_id: number
  name: string
  address1: string | null
  address2: string | null
  city: string | null
  state: string | null
  zip: string | null
  email: string | null
  phone: string | null
  mobile: string | null
  /** The spec's PUT /contacts/{id} body documents it; its older answer examples do not show it. */
  title: string | null
  notes: string | null
  opt_out: boolean
  extension: string | null
  properties: JsonObject
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AssetRecord {
  id: number
  name: string
  customer_id: number
  contact_id: number | null
  asset_type_id: number
  asset_serial: string | null
  external_rmm_link: string | null
  properties: JsonObject
  created_at: Timestamp
  updated_at: Timestamp
}

export interface TicketRecord {
  id: number
  number: number
  subject: string
  customer_id: number
  contact_id: number | null
  status: string
  priority: string | null
  problem_type: string | null
  ticket_type_id: number | null
  user_id: number | null
  location_id: number | null
  sla_id: number | null
  due_date: Timestamp | null
  start_at: Timestamp | null
  end_at: Timestamp | null
  resolved_at: Timestamp | null
  properties: JsonObject
  tag_list: string[]
  asset_ids: number[]
  created_at: Timestamp
  updated_at: Timestamp
}

/**
 * A choice of a drop-down (`select_box`) custom field: the spec's `answers[]` element of a ticket field (POST /tickets
 * example, `ticket.ticket_fields[].answers`: `{id, ticket_field_id, content, …}`). A record's value is the choice's
 * text, not its id.
 */
export interface FieldAnswerRecord {
  id: number
  content: string
  created_at: Timestamp
  updated_at: Timestamp
}

/**
 * A custom field's definition, in the shape of the spec's `ticket_fields[]` element (POST /tickets example: `id`,
 * `name`, `field_type`, `required`, `hidden`, `position`, `answers`). Records carry their values in `properties`,
 * keyed by the field's `name` (the same example's `properties: {"Device Type": "Hard Drive", "Maker": "Text field"}`).
 */
export interface CustomFieldRecord {
  id: number
  name: string
  field_type: FieldType
  required: boolean | null
  hidden: boolean
  position: number | null
  answers: FieldAnswerRecord[]
  created_at: Timestamp
  updated_at: Timestamp
}

/**
 * `text_field` and `select_box` are the spec's own (the POST /tickets example). No source shows the names of other
 * kinds: `check_box`, `date_field`, `number_field` and `text_area` are our reading, after the Rails form helpers
 * the first one is named for.
 */
export type FieldType =
  'text_field' | 'select_box' | 'check_box' | 'date_field' | 'number_field' | 'text_area'

/** A ticket type's field (`ticket_type_id`, as the spec's example has it). */
export interface TicketFieldRecord extends CustomFieldRecord {
  ticket_type_id: number
}

/** An asset type's field (`GET /settings` -> `assets.asset_type_fields`). */
export interface AssetTypeFieldRecord extends CustomFieldRecord {
  asset_type_id: number
}

export interface CommentRecord {
  id: number
  ticket_id: number
  subject: string
  body: string
  tech: string | null
  hidden: boolean
  user_id: number | null
  created_at: Timestamp
  updated_at: Timestamp
}

/**
 * A ticket's timer entry, in the fields of the spec's `GET /ticket_timers` example and `POST
 * /tickets/{id}/timer_entry` answer. `active_duration` is in seconds (that answer: 600 for its ten minutes);
 * `recorded` turns true once the entry is charged (`POST /tickets/{id}/charge_timer_entry`'s example).
 */
export interface TicketTimerRecord {
  id: number
  ticket_id: number
  user_id: number
  start_time: Timestamp
  end_time: Timestamp
  recorded: boolean
  billable: boolean
  notes: string | null
  product_id: number | null
  active_duration: number
  created_at: Timestamp
  updated_at: Timestamp
}

/** An invoice's line, with the fields of the spec's line item body (`components/requestBodies/LineItem2`). */
export interface InvoiceLineItemRecord {
  id: number
  item: string
  name: string
  quantity: number
  /** Money as the spec's invoice example writes it: a decimal text, e.g. `"0.0"`. */
  price: string
  cost: string
  taxable: boolean
}

/** An invoice, in the fields of the spec's `GET /invoices` example; totals are decimal texts as there. */
export interface InvoiceRecord {
  id: number
  number: string
  customer_id: number
  ticket_id: number | null
  contact_id: number | null
  user_id: number | null
  location_id: number | null
  date: Timestamp
  due_date: Timestamp
  subtotal: string
  tax: string
  total: string
  verified_paid: boolean
  tech_marked_paid: boolean
  po_number: string | null
  note: string | null
  hardwarecost: number | null
  line_items: InvoiceLineItemRecord[]
  created_at: Timestamp
  updated_at: Timestamp
}

/** The account settings a new customer starts with, seeded or created through the API. */
export function customerAccountDefaults() {
  return {
    get_sms: false,
    opt_out: false,
    no_email: false,
    ref_customer_id: null,
    tax_rate_id: null,
    notification_email: null,
    invoice_cc_emails: null,
    invoice_term_id: null,
    properties: {},
  } satisfies Partial<CustomerRecord>
}
