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
  _info?: CwInfo
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
