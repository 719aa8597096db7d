/** HaloPSA records as its API returns them (only the fields the adapter reads; every field may be null). */

export interface HaloTicket {
  id: number
  summary?: string | null
  details?: string | null
  client_id?: number | null
  client_name?: string | null
  user_id?: number | null
  user_name?: string | null
  agent_id?: number | null
  agent_name?: string | null
  /** The team's name: `Faults` has no team id (the teams are listed at GET /api/Team). */
  team?: string | null
  status_id?: number | null
  status_name?: string | null
  priority_id?: number | null
  priority_name?: string | null
  tickettype_id?: number | null
  tickettype_name?: string | null
  dateoccurred?: string | null
  datecreated?: string | null
  lastactiondate?: string | null
  last_update?: string | null
  fixbydate?: string | null
  dateclosed?: string | null
  customfields?: HaloCustomField[] | null
}

export interface HaloAction {
  id: number
  ticket_id: number
  note?: string | null
  outcome?: string | null
  who_agentid?: number | null
  hiddenfromuser?: boolean | null
  datetime?: string | null
  actiondatecreated?: string | null
  last_updated?: string | null
  /** Hours worked (a double); an action with time taken is a time entry. */
  timetaken?: number | null
  /** Hours of `timetaken` not charged. */
  nonbilltime?: number | null
  actisbillable?: boolean | null
  /** When the work started and ended. */
  actionarrivaldate?: string | null
  actioncompletiondate?: string | null
}

export interface HaloClient {
  id: number
  name?: string | null
  inactive?: boolean | null
  website?: string | null
  /** The site a new end-user of the client goes to. */
  main_site_id?: number | null
  datecreated?: string | null
  alastupdate?: string | null
  customfields?: HaloCustomField[] | null
}

export interface HaloAssetField {
  id?: number | null
  name?: string | null
  value?: string | null
}

export interface HaloAsset {
  id: number
  inventory_number?: string | null
  key_field?: string | null
  client_id?: number | null
  client_name?: string | null
  assettype_id?: number | null
  assettype_name?: string | null
  status_name?: string | null
  inactive?: boolean | null
  fields?: HaloAssetField[] | null
  datecreated?: string | null
  dlastupdate?: string | null
  customfields?: HaloCustomField[] | null
}

export interface HaloStatus {
  id: number
  name: string
  sequence?: number | null
  /** The status's class (`TStatus.type`, int); the spec gives no table of its values. */
  type?: number | null
}

/** One priority of one SLA: tickets hold `priorityid`, not the row's uuid `id`. */
export interface HaloPriority {
  id: string
  priorityid: number
  slaid?: number | null
  name: string
  ishidden?: boolean | null
}

export interface HaloTicketType {
  id: number
  name: string
  visible?: boolean | null
}

/** A team (`GET /api/Team`): tickets name their team by `name`. */
export interface HaloTeam {
  id: number
  name: string
  inactive?: boolean | null
}

/** An asset type (`Xtype`, GET /AssetType/{id}): its `fields[]` (`TypeInfo`) give the asset fields' ids. */
export interface HaloAssetType {
  id: number
  name?: string | null
  fields?: Array<{ field_id?: number | null; field_name?: string | null }> | null
}

/** An agent (`GET /api/Agent`, `Uname`): an action names its author by `who_agentid` only. */
export interface HaloAgent {
  id: number
  name?: string | null
  email?: string | null
  isdisabled?: boolean | null
}

/** An end-user (`Users`): a contact, at one site of one client. */
export interface HaloUser {
  id: number
  name?: string | null
  firstname?: string | null
  surname?: string | null
  /** The job title. */
  title?: string | null
  emailaddress?: string | null
  phonenumber?: string | null
  mobilenumber?: string | null
  site_id?: number | null
  client_id?: number | null
  client_name?: string | null
  inactive?: boolean | null
  datecreated?: string | null
  ulastupdate?: string | null
  customfields?: HaloCustomField[] | null
}

/** A custom field's value on a record (`CustomField`): the field's id, names and type come with it. */
export interface HaloCustomField {
  id: number
  name?: string | null
  label?: string | null
  type?: number | null
  inputtype?: number | null
  value?: unknown
  /** The value as text; a selection's choice name. */
  display?: string | null
}

/** A custom field definition (`FieldInfo`, GET /api/FieldInfo); a selection's `values` with `includevalues`. */
export interface HaloFieldInfo {
  id: number
  name?: string | null
  label?: string | null
  type?: number | null
  inputtype?: number | null
  mandatory?: boolean | null
  values?: Array<{ id?: number | null; name?: string | null }> | null
}
