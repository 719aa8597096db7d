/** Syncro's records as its API v1 returns them (only the fields the adapter reads). */

export interface SyncroMeta {
  total_entries?: number
  total_pages?: number
  page?: number
  per_page?: number
}

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

export interface SyncroTicketSettings {
  ticket_status_list?: string[]
}

/** `GET /settings` (the account's settings; only what the adapter reads). */
export interface SyncroAccountSettings {
  ticket?: {
    /** The priority texts tickets carry, e.g. `["", "0 Urgent", "1 High", "2 Normal", "3 Low"]`. */
    priorities?: string[]
    /** The Issue Types (`problem_type`), e.g. `["Virus", "Hardware", "Software", "Other"]`. */
    problem_types?: string[]
  }
}
