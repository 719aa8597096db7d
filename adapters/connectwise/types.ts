/** ConnectWise records as REST API 3.0 returns them (only the fields the adapter reads; null fields are omitted). */

export interface CwRef {
  id: number
  name?: string
  identifier?: string
}

export interface CwInfo {
  lastUpdated?: string
  dateEntered?: string
  enteredBy?: string
  updatedBy?: string
}

/**
 * One of a record's `customFields` (CustomFieldValue: id, caption, type, entryMethod, numberOfDecimals, value);
 * a record lists every field of its screen, null when unset (amp-labs/connectors, a captured new contact).
 */
export interface CwCustomFieldValue {
  id: number
  caption?: string
  type?: string
  entryMethod?: string
  numberOfDecimals?: number
  value?: string | number | boolean | null
}

/** A custom field definition of `/system/userDefinedFields` (UserDefinedField). */
export interface CwUserDefinedField {
  id: number
  caption?: string
  screenId?: string
  fieldTypeIdentifier?: string
  entryTypeIdentifier?: string
  requiredFlag?: boolean
  readOnlyFlag?: boolean
  options?: Array<{ optionValue?: string; inactiveFlag?: boolean; sortOrder?: number }>
}

export interface CwTicket {
  id: number
  summary?: string
  board?: CwRef
  status?: CwRef
  company?: CwRef
  contact?: CwRef
  contactName?: string
  type?: CwRef
  owner?: CwRef
  priority?: CwRef & { sort?: number; level?: string }
  requiredDate?: string
  closedDate?: string
  closedFlag?: boolean
  customFields?: CwCustomFieldValue[]
  _info?: CwInfo
}

export interface CwNote {
  id: number
  ticketId: number
  text?: string
  detailDescriptionFlag?: boolean
  internalAnalysisFlag?: boolean
  resolutionFlag?: boolean
  internalFlag?: boolean
  externalFlag?: boolean
  member?: CwRef
  contact?: CwRef
  createdBy?: string
  dateCreated?: string
}

export interface CwCompany {
  id: number
  identifier?: string
  name?: string
  status?: CwRef
  addressLine1?: string
  addressLine2?: string
  city?: string
  state?: string
  zip?: string
  country?: CwRef
  phoneNumber?: string
  website?: string
  deletedFlag?: boolean
  customFields?: CwCustomFieldValue[]
  _info?: CwInfo
}

export interface CwConfiguration {
  id: number
  name?: string
  type?: CwRef
  status?: CwRef
  company?: CwRef
  serialNumber?: string
  modelNumber?: string
  manufacturer?: CwRef
  activeFlag?: boolean
  customFields?: CwCustomFieldValue[]
  _info?: CwInfo
}

/**
 * A time entry (`/time/entries`, TimeEntry): time charged to a service ticket has `chargeToType` "ServiceTicket"
 * and the ticket's id in `chargeToId`; `actualHours` is the time worked (end - start - `hoursDeduct`).
 */
export interface CwTimeEntry {
  id: number
  company?: CwRef
  chargeToId?: number
  chargeToType?: string
  member?: CwRef
  timeStart?: string
  timeEnd?: string
  hoursDeduct?: number
  actualHours?: number
  billableOption?: string
  notes?: string
  dateEntered?: string
  _info?: CwInfo
}

/** A contact's communication item (ContactCommunicationItem): its kind is `communicationType`. */
export interface CwCommunicationItem {
  id?: number
  type?: CwRef
  value?: string
  extension?: string
  defaultFlag?: boolean
  communicationType?: string
}

export interface CwContact {
  id: number
  firstName?: string
  lastName?: string
  company?: CwRef
  title?: string
  inactiveFlag?: boolean
  communicationItems?: CwCommunicationItem[]
  customFields?: CwCustomFieldValue[]
  _info?: CwInfo
}

/** `/company/communicationTypes` (CommunicationType): what a communication item's `type` names. */
export interface CwCommunicationType {
  id: number
  description?: string
  emailFlag?: boolean
  phoneFlag?: boolean
  faxFlag?: boolean
  defaultFlag?: boolean
}

/** `/system/members`: the people who work tickets. */
export interface CwMember {
  id: number
  identifier?: string
  firstName?: string
  lastName?: string
  officeEmail?: string
  inactiveFlag?: boolean
}

export interface CwBoard {
  id: number
  name: string
  inactiveFlag?: boolean
}

export interface CwBoardStatus {
  id: number
  name: string
  sortOrder?: number
  closedStatus?: boolean
  inactive?: boolean
  defaultFlag?: boolean
}

export interface CwBoardType {
  id: number
  name: string
  inactiveFlag?: boolean
}

export interface CwPriority {
  id: number
  name: string
  sortOrder?: number
  defaultFlag?: boolean
  level?: string
}

/** One JSON Patch operation, as ConnectWise's PATCH takes them. */
export type CwPatchOperation =
  { op: 'replace'; path: string; value: unknown } | { op: 'remove'; path: string }
