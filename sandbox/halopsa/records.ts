// Stored records, in HaloPSA's own field names. Names derived from other records (a ticket's client name, an
// asset's type name) are not stored: the views look them up, as the vendor joins them, so renames show through.

/** Internally ISO 8601 UTC with milliseconds and `Z`; the views emit Halo's zone-less form. */
export type Timestamp = string

/** What a status means for a ticket: the emulator's values for `TStatus.type`. */
export const STATUS_TYPE = { open: 0, pending: 1, closed: 2 } as const

export interface StatusRecord {
  id: number
  name: string
  shortname: string
  type: number
  sequence: number
  colour: string
}

export interface SlaRecord {
  id: number
  name: string
}

/** One priority of one SLA (`Policy`): the uuid `id` is the row, `priorityid` is what tickets hold. */
export interface PriorityRecord {
  id: string
  slaid: number
  priorityid: number
  name: string
  colour: string
  /** Hours. */
  fixtime: number
  /** Hours. */
  responsetime: number
  ishidden: boolean
}

export interface TicketTypeRecord {
  id: number
  name: string
  sequence: number
  visible: boolean
  initial_status: number
  default_sla: number
  default_priority: number
}

export interface TeamRecord {
  id: number
  name: string
  sequence: number
}

export interface AgentRecord {
  id: number
  firstname: string
  surname: string
  email: string
  jobtitle: string
  colour: string
  isdisabled: boolean
  team_id: number
}

export interface TopLevelRecord {
  id: number
  name: string
}

/**
 * Which records a custom field belongs to: the `typeid` GET /FieldInfo filters by (1 tickets, 2 clients, 3 sites,
 * 5 assets: redanthrax/halopsa-node docs/field-info.md). 4 for end-users is inferred (the gap in that numbering,
 * which follows Halo's table ids: its N-central links use table_id 2 for clients and 3 for sites); no source shows it.
 */
export const CUSTOM_FIELD_USAGE = { ticket: 1, client: 2, site: 3, user: 4, asset: 5 } as const
export type CustomFieldUsage = (typeof CUSTOM_FIELD_USAGE)[keyof typeof CUSTOM_FIELD_USAGE]

/**
 * `FieldInfo.type`, the codes in the order the HaloPSA guide's custom field table lists the types (halopsa.com
 * guides, kbid 1938: Text, Memo, Single Selection, Multiple Selection, Date, Time, Checkbox); the numbers
 * themselves are inferred, no source shows them. The emulator defines no multiple-selection or time fields.
 */
export const CUSTOM_FIELD_TYPE = { text: 0, memo: 1, singleSelection: 2, date: 4, checkbox: 6 } as const

/** `FieldInfo.inputtype` of a text field: what it accepts (inferred codes, as above). */
export const TEXT_INPUT_TYPE = { anything: 0, integer: 1, decimal: 4 } as const

/** A tenant's custom field definition (`FieldInfo`). Values on records refer to it by `id`. */
export interface CustomFieldRecord {
  id: number
  /** What the API names it: `CF` and the name given at creation (the guide: "money" is `cfmoney`). */
  name: string
  /** What agents see; it may be renamed, the id and name stay. */
  label: string
  type: number
  inputtype: number
  usage: CustomFieldUsage
  /** A selection field's choices (`Lookup`: `id`, `name`); empty for the others. */
  values: Array<{ id: number; name: string }>
}

/** A record's value of one custom field, as stored: text, a number (a selection's lookup id), a boolean or null. */
export interface CustomFieldValue {
  id: number
  value: string | number | boolean | null
}

export interface ClientRecord {
  id: number
  name: string
  toplevel_id: number
  inactive: boolean
  is_vip: boolean
  website: string | null
  notes: string | null
  ref: string | null
  main_site_id: number | null
  customfields: CustomFieldValue[]
  datecreated: Timestamp
  /** The vendor's column name (`Area.alastupdate`). */
  alastupdate: Timestamp
}

export interface SiteRecord {
  id: number
  client_id: number
  name: string
  /** The SLA the site's tickets get by default; null falls back to the ticket type's. */
  sla_id: number | null
}

/** An end-user (`Users`) at one site: the fields of the spec's `Users` schema the emulator keeps. */
export interface EndUserRecord {
  id: number
  site_id: number
  firstname: string
  surname: string
  emailaddress: string | null
  phonenumber: string | null
  mobilenumber: string | null
  /** The job title (`Users.title`; the schema has no `jobtitle`). */
  title: string | null
  inactive: boolean
  customfields: CustomFieldValue[]
  datecreated: Timestamp
  /** The vendor's column name (`Users.ulastupdate`). */
  ulastupdate: Timestamp
}

export interface AssetTypeRecord {
  id: number
  name: string
}

export interface AssetStatusRecord {
  id: number
  name: string
}

/** An asset field the tenant defines (`FieldHelper`); assets carry values for some of them. */
export interface AssetFieldRecord {
  id: number
  name: string
}

export interface AssetFieldValue {
  id: number
  value: string | null
}

export interface AssetRecord {
  id: number
  inventory_number: string | null
  key_field: string | null
  key_field2: string | null
  key_field3: string | null
  client_id: number
  site_id: number | null
  username: string | null
  assettype_id: number
  status_id: number
  inactive: boolean
  warranty_end: Timestamp | null
  notes: string | null
  fields: AssetFieldValue[]
  customfields: CustomFieldValue[]
  /** The vendor's column name (`Device.dlastupdate`). */
  dlastupdate: Timestamp
}

export interface TicketRecord {
  id: number
  summary: string
  details: string | null
  details_html: string | null
  client_id: number
  site_id: number | null
  user_id: number | null
  agent_id: number | null
  /**
   * The team's name: Halo's `Faults` schema has `team` (string) and no `team_id` (spec, components.schemas.Faults;
   * the teams themselves are listed at GET /api/Team).
   */
  team: string | null
  status_id: number
  priority_id: number
  tickettype_id: number
  sla_id: number
  dateoccurred: Timestamp
  datecreated: Timestamp
  lastactiondate: Timestamp | null
  last_update: Timestamp
  fixbydate: Timestamp | null
  dateclosed: Timestamp | null
  hasbeenclosed: boolean
  impact: number | null
  urgency: number | null
  category_1: string | null
  category_2: string | null
  category_3: string | null
  category_4: string | null
  customfields: CustomFieldValue[]
  asset_ids: number[]
  tags: string[]
}

export interface ActionRecord {
  id: number
  ticket_id: number
  outcome: string | null
  outcome_id: number | null
  who_agentid: number | null
  note: string | null
  note_html: string | null
  hiddenfromuser: boolean
  important: boolean
  /** Hours worked (spec `Actions.timetaken`, a double). */
  timetaken: number
  /** Hours of `timetaken` not charged (spec `Actions.nonbilltime`). */
  nonbilltime: number
  /** When the work started and ended (spec `Actions.actionarrivaldate`, `actioncompletiondate`); null without time. */
  actionarrivaldate: Timestamp | null
  actioncompletiondate: Timestamp | null
  /** The charge rate's id (spec `Actions.chargerate`, an int32); 0 the default rate (our reading). */
  chargerate: number
  /** Whether the time is billable (spec `Actions.actisbillable`). */
  actisbillable: boolean
  new_status: number | null
  sendemail: boolean
  datetime: Timestamp
  actiondatecreated: Timestamp
  /** The last write (spec `Actions.last_updated`). */
  last_updated: Timestamp
}

/** One line of an invoice (spec `InvoiceDetail`), the fields the emulator keeps. */
export interface InvoiceLineRecord {
  id: number
  item_code: string
  item_shortdescription: string
  qty_order: number
  unit_price: number
  tax_rate: number
  /** The ticket whose time the line bills, if any. */
  ticket_id: number | null
}

/**
 * An invoice (spec `InvoiceHeader`, served by GET /Invoice), the fields the emulator keeps; totals are computed
 * from its lines by the view. `paymentstatus`: 0 unpaid, 1 part paid, 2 paid (our reading; the spec gives no values).
 */
export interface InvoiceRecord {
  id: number
  invoicenumber: string
  client_id: number
  /** The site (`sitenumber` is the site's id in the spec's naming). */
  sitenumber: number | null
  ticket_id: number | null
  invoice_date: Timestamp
  duedate: Timestamp
  posted: boolean
  dateposted: Timestamp | null
  paymentstatus: number
  amountpaid: number
  datepaid: Timestamp | null
  notes_1: string | null
  lines: InvoiceLineRecord[]
  last_modified: Timestamp
}

/**
 * An outbound webhook (`Webhook` in vendor-specs/halopsa-openapi.json), the fields the emulator acts on.
 * `authentication_type` 1 is Basic (redanthrax/halopsa-node docs/webhooks.md: 0 none, 1 basic, ...; inferred).
 */
export interface WebhookRecord {
  id: string
  name: string | null
  url: string
  authentication_type: number
  basic_username: string | null
  basic_password: string | null
  active: boolean
  /** Notification rules, by their `name`; see webhooks/events.ts for the names the emulator raises. */
  events: Array<{ id: number; name: string }>
}
