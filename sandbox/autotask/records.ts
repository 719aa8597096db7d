// The emulator's records, in Autotask's own field names (camelCase as the REST API writes them: `companyID`,
// `createDate`; the swagger's PascalCase names, KelvinTegelaar/AutotaskAPI:v1.json `definitions`, lower-cased at
// the first letter). Ids are integers; a field with no value is null, as the API answers it. Date-times are
// ISO 8601 in UTC ("The REST API stores and returns all time data in Coordinated Universal Time (UTC)":
// DeveloperHelp/Content/APIs/REST/Entities/TicketsEntity.htm). Only the fields the emulator defines are kept:
// each entity's field definitions (entities/) name the same fields.
//
// Object type aliases, not interfaces: they are assignable to the engine's generic `Row`.

/** A user-defined field's value on a record: `userDefinedFields: [{ name, value }]`. */
export type UserDefinedFieldValue = { name: string; value: string | null }

export type TicketRecord = {
  id: number
  /** `T20250314.0001`: the creation day and its sequence, given by Autotask (read only). */
  ticketNumber: string
  title: string
  description: string | null
  companyID: number
  contactID: number | null
  configurationItemID: number | null
  status: number
  priority: number
  queueID: number | null
  issueType: number | null
  subIssueType: number | null
  ticketType: number | null
  source: number | null
  ticketCategory: number | null
  assignedResourceID: number | null
  assignedResourceRoleID: number | null
  billingCodeID: number | null
  creatorResourceID: number | null
  /** 1 Resource, 2 Contact (who created it). */
  creatorType: number
  createDate: string
  dueDateTime: string
  completedDate: string | null
  completedByResourceID: number | null
  estimatedHours: number | null
  resolution: string | null
  lastActivityDate: string
  lastActivityResourceID: number | null
  lastActivityPersonType: number
  lastTrackedModificationDateTime: string
  userDefinedFields: UserDefinedFieldValue[]
}

export type TicketNoteRecord = {
  id: number
  ticketID: number
  title: string | null
  description: string
  noteType: number
  publish: number
  creatorResourceID: number | null
  createDateTime: string
  lastActivityDate: string
  /** Always empty: the entity has no UDFs, but its swagger model (TicketNoteModel) carries the list. */
  userDefinedFields: UserDefinedFieldValue[]
}

export type CompanyRecord = {
  id: number
  companyName: string
  companyNumber: string | null
  companyType: number
  classification: number | null
  phone: string
  fax: string | null
  address1: string | null
  address2: string | null
  city: string | null
  state: string | null
  postalCode: string | null
  countryID: number | null
  webAddress: string | null
  isActive: boolean
  ownerResourceID: number
  parentCompanyID: number | null
  createDate: string
  lastActivityDate: string
  lastTrackedModifiedDateTime: string
  userDefinedFields: UserDefinedFieldValue[]
}

export type ContactRecord = {
  id: number
  companyID: number
  firstName: string
  lastName: string
  title: string | null
  emailAddress: string | null
  phone: string | null
  mobilePhone: string | null
  /** An integer on this entity, 1 active and 0 inactive (swagger: `IsActive integer int32`). */
  isActive: number
  primaryContact: boolean
  createDate: string
  lastActivityDate: string
  lastModifiedDate: string
  userDefinedFields: UserDefinedFieldValue[]
}

export type ConfigurationItemRecord = {
  id: number
  companyID: number
  contactID: number | null
  productID: number
  configurationItemType: number | null
  configurationItemCategoryID: number
  referenceTitle: string | null
  referenceNumber: string | null
  serialNumber: string | null
  rmmDeviceAuditHostname: string | null
  location: string | null
  notes: string | null
  isActive: boolean
  installDate: string | null
  warrantyExpirationDate: string | null
  createDate: string
  lastModifiedTime: string
  userDefinedFields: UserDefinedFieldValue[]
}

export type ResourceRecord = {
  id: number
  firstName: string
  lastName: string
  userName: string
  email: string
  title: string | null
  officePhone: string | null
  mobilePhone: string | null
  isActive: boolean
  /** 'Employee', 'Contractor', 'Temporary', 'API Only'… (a string on this entity). */
  resourceType: string
  licenseType: number
  userType: number
  defaultServiceDeskRoleID: number | null
}

export type TimeEntryRecord = {
  id: number
  ticketID: number | null
  taskID: number | null
  resourceID: number
  roleID: number
  billingCodeID: number | null
  contractID: number | null
  dateWorked: string
  startDateTime: string | null
  endDateTime: string | null
  hoursWorked: number
  hoursToBill: number
  offsetHours: number
  summaryNotes: string
  internalNotes: string | null
  isNonBillable: boolean
  showOnInvoice: boolean
  /** 2 ticket time (ITEntry), 6 task time… read only: the API derives it from ticketID/taskID. */
  timeEntryType: number
  creatorUserID: number | null
  createDateTime: string
  lastModifiedUserID: number | null
  lastModifiedDateTime: string
  /** Always empty: the entity has no UDFs, but its swagger model (TimeEntryModel) carries the list. */
  userDefinedFields: UserDefinedFieldValue[]
}

export type RoleRecord = {
  id: number
  name: string
  description: string | null
  hourlyRate: number
  isActive: boolean
  isSystemRole: boolean
}

/** What a resource may work as: a time entry or a ticket assignment takes one of the resource's roles. */
export type ResourceRoleRecord = {
  id: number
  resourceID: number
  roleID: number
  isActive: boolean
  isDefault: boolean
}

/** Billing codes (work types) a time entry is billed under. */
export type BillingCodeRecord = {
  id: number
  name: string
  description: string | null
  /** 1 work type (labour), the only kind a time entry takes. */
  useType: number
  isActive: boolean
  unitPrice: number | null
}

export type ProductRecord = {
  id: number
  name: string
  description: string | null
  sku: string | null
  manufacturerName: string | null
  manufacturerProductName: string | null
  isActive: boolean
}
