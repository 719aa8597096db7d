// Stored records, in ConnectWise's own field names. References hold ids only: the views look the related
// record up on every answer (as the vendor's joins do), so a rename shows through everywhere.

/** `YYYY-MM-DDTHH:mm:ssZ`: UTC, whole seconds, the vendor's date format. */
export type Timestamp = string

/** The vendor's `_info` block. */
export interface InfoStamp {
  lastUpdated: Timestamp
  dateEntered: Timestamp
  /** Member identifiers. */
  enteredBy: string
  updatedBy: string
}

export interface BoardRecord {
  id: number
  name: string
  inactiveFlag: boolean
}

export type EscalationStatus = 'NotResponded' | 'Responded' | 'ResolutionPlan' | 'Resolved' | 'NoEscalation'

export interface StatusRecord {
  id: number
  boardId: number
  name: string
  sortOrder: number
  closedStatus: boolean
  inactive: boolean
  defaultFlag: boolean
  escalationStatus: EscalationStatus
  timeEntryNotAllowed: boolean
}

export interface TicketTypeRecord {
  id: number
  boardId: number
  name: string
  inactiveFlag: boolean
}

export type PriorityLevel = 'High' | 'Medium' | 'Low' | 'NotApplicable'

/**
 * A priority's colour is an enum name in ConnectWise's Priority model (`color`: Black, Blue, Cyan, Gray, Green,
 * Lime, Orange, Pink, Purple, Red, White, Yellow, Custom; src/ManageTypes.ts of connectwise-rest 1.3.0, generated
 * from ConnectWise's spec), never a hex code.
 */
export type PriorityColor =
  | 'Black'
  | 'Blue'
  | 'Cyan'
  | 'Gray'
  | 'Green'
  | 'Lime'
  | 'Orange'
  | 'Pink'
  | 'Purple'
  | 'Red'
  | 'White'
  | 'Yellow'
  | 'Custom'

export interface PriorityRecord {
  id: number
  name: string
  color: PriorityColor
  sortOrder: number
  defaultFlag: boolean
  level: PriorityLevel
}

/** ConnectWise's Member `licenseClass`: F = Full, A = API, C = StreamlineIT, X = Subcontractor member. */
export type LicenseClass = 'A' | 'C' | 'F' | 'X'

export interface MemberRecord {
  id: number
  identifier: string
  firstName: string
  lastName: string
  officeEmail: string
  title: string | null
  inactiveFlag: boolean
  licenseClass: LicenseClass
  hireDate: Timestamp
  info: InfoStamp
}

/** Small lookup lists: company statuses and types, countries, manufacturers, configuration statuses. */
export interface NamedRecord {
  id: number
  name: string
}

export interface CompanyRecord {
  id: number
  identifier: string
  name: string
  statusId: number
  addressLine1: string | null
  addressLine2: string | null
  city: string | null
  state: string | null
  zip: string | null
  countryId: number | null
  phoneNumber: string | null
  website: string | null
  typeIds: number[]
  deletedFlag: boolean
  customFieldValues: CustomFieldValues
  info: InfoStamp
}

/**
 * `/company/communicationTypes` (CommunicationType: id, description, phoneFlag, faxFlag, emailFlag, defaultFlag;
 * pyconnectwise models/manage, and a captured answer in amp-labs/connectors providers/connectwise/test/metadata/
 * communication-items/1-first-page.json). A contact's item points at one; its `name` in the item is `description`.
 */
export interface CommunicationTypeRecord {
  id: number
  description: string
  phoneFlag: boolean
  faxFlag: boolean
  emailFlag: boolean
  defaultFlag: boolean
}

export type CommunicationKind = 'Email' | 'Phone' | 'Fax'

/**
 * One of a contact's `communicationItems` (ContactCommunicationItem: id, type, value, extension, defaultFlag,
 * domain, communicationType). `communicationType` is the kind its type's flags give, kept here so a contact's
 * email is found without the types table.
 */
export interface CommunicationItemRecord {
  id: number
  typeId: number
  communicationType: CommunicationKind
  value: string
  extension: string | null
  defaultFlag: boolean
}

/** A record's custom field values by definition id (`/system/userDefinedFields`); an absent id is null. */
export type CustomFieldValues = Record<number, CustomFieldValue>

export type CustomFieldValue = string | number | boolean

export interface ContactRecord {
  id: number
  firstName: string
  lastName: string | null
  /** A contact may belong to no company (amp-labs/connectors test/read/contact-frank-fenrir.json has none). */
  companyId: number | null
  title: string | null
  communicationItems: CommunicationItemRecord[]
  inactiveFlag: boolean
  defaultFlag: boolean
  customFieldValues: CustomFieldValues
  info: InfoStamp
}

/** UserDefinedField's `fieldTypeIdentifier` (and CustomFieldValue's `type`): pyconnectwise models/manage. */
export type CustomFieldType =
  | 'TextArea'
  | 'Button'
  | 'Currency'
  | 'Date'
  | 'Hyperlink'
  | 'IPAddress'
  | 'Checkbox'
  | 'Number'
  | 'Percent'
  | 'Text'
  | 'Password'

/** UserDefinedField's `entryTypeIdentifier` (and CustomFieldValue's `entryMethod`). */
export type CustomFieldEntry = 'Date' | 'EntryField' | 'List' | 'Option'

/** UserDefinedFieldOption: id, optionValue, defaultFlag, inactiveFlag, sortOrder. */
export interface CustomFieldOption {
  id: number
  optionValue: string
  defaultFlag: boolean
  inactiveFlag: boolean
  sortOrder: number
}

/**
 * A custom field definition of `/system/userDefinedFields` (UserDefinedField in ai-connor/connectwise
 * model_user_defined_field.go and pyconnectwise, generated from ConnectWise's spec; the answer's shape as captured in
 * amp-labs/connectors providers/connectwise/test/custom-fields/definitions.json, which adds podDescription,
 * screenDescription and displayScreenInASIO). `screenId` says which records carry it.
 */
export interface UserDefinedFieldRecord {
  id: number
  podId: number
  podDescription: string
  caption: string
  sequenceNumber: number
  screenId: string
  screenDescription: string
  helpText: string | null
  fieldTypeIdentifier: CustomFieldType
  numberDecimals: number
  entryTypeIdentifier: CustomFieldEntry
  requiredFlag: boolean
  displayOnScreenFlag: boolean
  readOnlyFlag: boolean
  listViewFlag: boolean
  options: CustomFieldOption[]
  connectWiseID: string
  dateCreated: Timestamp
}

export interface ConfigurationTypeRecord {
  id: number
  name: string
  inactiveFlag: boolean
}

export interface ConfigurationRecord {
  id: number
  name: string
  typeId: number
  statusId: number
  companyId: number
  contactId: number | null
  serialNumber: string | null
  modelNumber: string | null
  tagNumber: string | null
  manufacturerId: number | null
  ipAddress: string | null
  macAddress: string | null
  osType: string | null
  warrantyExpirationDate: Timestamp | null
  activeFlag: boolean
  customFieldValues: CustomFieldValues
  info: InfoStamp
}

export type Rating = 'Low' | 'Medium' | 'High'

export interface TicketRecord {
  id: number
  summary: string
  boardId: number
  statusId: number
  companyId: number
  contactId: number | null
  contactName: string | null
  contactEmailAddress: string | null
  typeId: number | null
  ownerId: number | null
  priorityId: number
  severity: Rating
  impact: Rating
  requiredDate: Timestamp | null
  closedDate: Timestamp | null
  closedFlag: boolean
  dateResolved: Timestamp | null
  customFieldValues: CustomFieldValues
  info: InfoStamp
}

/** Written by a member or, through the portal or email, by a contact. */
export interface NoteRecord {
  id: number
  ticketId: number
  text: string
  detailDescriptionFlag: boolean
  internalAnalysisFlag: boolean
  resolutionFlag: boolean
  internalFlag: boolean
  externalFlag: boolean
  memberId: number | null
  contactId: number | null
  dateCreated: Timestamp
  createdBy: string
}

/**
 * A `/system/callbacks` registration (CallbackEntry: ai-connor/connectwise build/docs/CallbackEntry.md, generated
 * from ConnectWise's OpenAPI; pyconnectwise CallbackEntryModel). `type` and `level` are kept as sent.
 */
export interface CallbackEntryRecord {
  id: number
  description: string | null
  url: string
  objectId: number
  type: string
  level: string
  /** The member who registered it. */
  memberId: number
  payloadVersion: string | null
  inactiveFlag: boolean
  isSoapCallbackFlag: boolean
  /** True: changes made by `memberId` itself are not called back. */
  isSelfSuppressedFlag: boolean
  connectWiseID: string
  info: { lastUpdated: Timestamp; updatedBy: string }
}

/**
 * TimeEntry's `billableOption` (sowderca/connectwise-ruby-sdk lib/connectwise-ruby-sdk/models/time_entry.rb,
 * generated from ConnectWise's spec). The same four values bill an agreement's time (Agreement `billTime`).
 */
export type BillableOption = 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault'

/** TimeEntry's `chargeToType`, same source; the emulator keeps time on service tickets only. */
export type ChargeToType = 'ServiceTicket' | 'ProjectTicket' | 'ChargeCode' | 'Activity'

/**
 * A `/time/entries` record charged to a service ticket (TimeEntry, same source: `chargeToId`, `chargeToType`,
 * `company`, `member`, `timeStart`, `timeEnd`, `hoursDeduct`, `actualHours`, `billableOption`, `notes`,
 * `internalNotes`, the three `addTo…Flag`s, `enteredBy`, `dateEntered`, `_info`).
 */
export interface TimeEntryRecord {
  id: number
  ticketId: number
  companyId: number
  memberId: number
  timeStart: Timestamp
  timeEnd: Timestamp
  hoursDeduct: number
  actualHours: number
  billableOption: BillableOption
  notes: string | null
  internalNotes: string | null
  addToDetailDescriptionFlag: boolean
  addToInternalAnalysisFlag: boolean
  addToResolutionFlag: boolean
  info: InfoStamp
}

/** Agreement's `applicationUnits` and `applicationCycle` (models/agreement.rb of the same SDK). */
export type ApplicationUnits = 'Amount' | 'Hours' | 'Incidents'
export type ApplicationCycle =
  | 'Contract2Weeks'
  | 'Contract4Weeks'
  | 'ContractYear'
  | 'CalendarMonth'
  | 'CalendarQuarter'
  | 'CalendarWeek'
  | 'ContractQuarter'
  | 'CalendarYear'
  | 'OneTimeOnly'

/**
 * A `/finance/agreements` record: a subset of Agreement (models/agreement.rb of sowderca/connectwise-ruby-sdk,
 * generated from ConnectWise's spec; `name` required, at most 100 characters; `customerPO` and `reasonCancelled`
 * at most 50). Read-only in the emulator.
 */
export interface AgreementRecord {
  id: number
  name: string
  typeId: number
  companyId: number
  contactId: number | null
  customerPO: string | null
  startDate: Timestamp
  endDate: Timestamp | null
  noEndingDateFlag: boolean
  cancelledFlag: boolean
  dateCancelled: Timestamp | null
  reasonCancelled: string | null
  internalNotes: string | null
  applicationUnits: ApplicationUnits
  applicationLimit: number | null
  applicationCycle: ApplicationCycle | null
  applicationUnlimitedFlag: boolean
  billAmount: number
  billTime: BillableOption
  info: InfoStamp
}
