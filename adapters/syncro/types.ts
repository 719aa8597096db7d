/** Syncro's records as its API v1 returns them (only the fields the adapter reads). */

export interface SyncroMeta {
  total_entries?: number
  total_pages?: number
  page?: number
  per_page?: number
}

/** `GET /users/{id}` -> `user`, and a ticket's `user` (`GET /users` answers `[id, full name]` pairs only). */
export interface SyncroUser {
  id: number
  full_name?: string | null
  email?: string | null
}

export interface SyncroComment {
  id: number
  ticket_id: number
  subject?: string | null
  body?: string | null
  hidden?: boolean | null
  tech?: string | null
  user_id?: number | null
  /** Only as GET /tickets/{id}/comments lists it (the spec's example: `"user": {}`). */
  user?: Partial<SyncroUser> | null
  created_at: string
}

export interface SyncroTicket {
  id: number
  number?: number | string | null
  subject?: string | null
  status?: string | null
  priority?: string | null
  /** The Issue Type, one of `GET /settings` -> `ticket.problem_types`. */
  problem_type?: string | null
  customer_id?: number | null
  customer_business_then_name?: string | null
  contact_id?: number | null
  contact_fullname?: string | null
  /** Sent, not read: most accounts leave it empty; the ticket's type is its `problem_type`. */
  ticket_type_id?: number | null
  ticket_type_name?: string | null
  user_id?: number | null
  user?: SyncroUser | null
  due_date?: string | null
  resolved_at?: string | null
  created_at: string
  updated_at: string
  comments?: SyncroComment[]
  /** Its timer entries (`GET /tickets/{id}`; every example has none: their shape is `GET /ticket_timers`'). */
  ticket_timers?: SyncroTicketTimer[]
  /** Custom field values by field name (the fields of the ticket's `ticket_type_id`). */
  properties?: Record<string, unknown> | null
}

/**
 * A ticket timer entry (`GET /ticket_timers`, a ticket's `ticket_timers`, the answer of `POST
 * /tickets/{id}/timer_entry`). `active_duration` is the time recorded, in seconds (600 for the create example's ten
 * minutes; null in the spec's older examples); `billable_time` is what billing counts (120 in examples whose span
 * is an hour), so it is not read. `comment_id` links a comment (null in every example).
 */
export interface SyncroTicketTimer {
  id: number
  ticket_id: number
  user_id?: number | null
  start_time: string
  end_time?: string | null
  billable?: boolean | null
  notes?: string | null
  active_duration?: number | null
  created_at?: string | null
  updated_at?: string | null
}

export interface SyncroCustomer {
  id: number
  business_name?: string | null
  firstname?: string | null
  lastname?: string | null
  fullname?: string | null
  business_then_name?: string | null
  email?: string | null
  phone?: string | null
  mobile?: string | null
  address?: string | null
  address_2?: string | null
  city?: string | null
  state?: string | null
  zip?: string | null
  disabled?: boolean | null
  created_at: string
  updated_at: string
  /** Custom field values by field name (`GET /settings` -> `customers.customer_fields`). */
  properties?: Record<string, unknown> | null
}

export interface SyncroAsset {
  id: number
  name?: string | null
  customer_id?: number | null
  customer?: SyncroCustomer | null
  asset_type?: string | null
  asset_serial?: string | null
  properties?: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

/** A contact: single records come unwrapped (syncro-openapi.json, /contacts/{id}). No active flag. */
export interface SyncroContact {
  id: number
  customer_id?: number | null
  name?: string | null
  email?: string | null
  phone?: string | null
  mobile?: string | null
  /** In the spec's PUT body, not in its (older) answer examples. */
  title?: string | null
  created_at?: string | null
  updated_at?: string | null
}

/**
 * A custom field's definition, in the shape of the spec's `ticket_fields[]` (POST /tickets example); `field_type`
 * `text_field` or `select_box` there, other kinds seen by no source. A record's value is under the field's `name`
 * in its `properties`.
 */
export interface SyncroField {
  id: number
  name?: string | null
  field_type?: string | null
  required?: boolean | null
  ticket_type_id?: number | null
  asset_type_id?: number | null
  /** A drop-down's choices. */
  answers?: { id: number; content?: string | null }[] | null
}

export interface SyncroTicketSettings {
  ticket_status_list?: string[]
}

/** `GET /settings` (the account's settings; only what the adapter reads). */
export interface SyncroAccountSettings {
  customers?: { customer_fields?: SyncroField[] }
  assets?: { asset_types?: { id: number; name?: string | null }[]; asset_type_fields?: SyncroField[] }
  ticket?: {
    /** Each ticket type's custom fields (`ticket_type_id`). */
    ticket_type_fields?: SyncroField[]
    /** The priority texts tickets carry, e.g. `["", "0 Urgent", "1 High", "2 Normal", "3 Low"]`. */
    priorities?: string[]
    /** The Issue Types (`problem_type`), e.g. `["Virus", "Hardware", "Software", "Other"]`. */
    problem_types?: string[]
  }
}
