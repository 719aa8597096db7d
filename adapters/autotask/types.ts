/**
 * Autotask REST v1.0 records as the adapter reads them: Autotask's own field names (vendors.md, Autotask row; the
 * entity pages of Autotask's developer help, e.g. .../APIs/REST/Entities/TicketsEntity.htm). Ids are integers,
 * picklist fields hold a picklist value (an integer), dates are UTC. Every field may be absent: a query with
 * IncludeFields answers only those.
 */

/** A user-defined field's value on a record (`userDefinedFields: [{name, value}]`). */
export interface AutotaskUdfValue {
  name: string
  value?: string | null
}

interface WithUdfs {
  userDefinedFields?: AutotaskUdfValue[] | null
}

export interface AutotaskTicket extends WithUdfs {
  id: number
  ticketNumber?: string | null
  title?: string | null
  description?: string | null
  status?: number | null
  priority?: number | null
  ticketType?: number | null
  queueID?: number | null
  companyID?: number | null
  contactID?: number | null
  assignedResourceID?: number | null
  createDate?: string | null
  lastActivityDate?: string | null
  lastTrackedModificationDateTime?: string | null
  dueDateTime?: string | null
  completedDate?: string | null
}

export interface AutotaskTicketNote {
  id: number
  ticketID: number
  description?: string | null
  publish?: number | null
  createDateTime?: string | null
  creatorResourceID?: number | null
  createdByContactID?: number | null
}

export interface AutotaskCompany extends WithUdfs {
  id: number
  companyName?: string | null
  phone?: string | null
  webAddress?: string | null
  address1?: string | null
  address2?: string | null
  city?: string | null
  state?: string | null
  postalCode?: string | null
  isActive?: boolean | null
  createDate?: string | null
  lastActivityDate?: string | null
  lastTrackedModifiedDateTime?: string | null
}

export interface AutotaskContact extends WithUdfs {
  id: number
  companyID?: number | null
  firstName?: string | null
  lastName?: string | null
  emailAddress?: string | null
  phone?: string | null
  mobilePhone?: string | null
  title?: string | null
  /** 1 or 0 (an integer, unlike the other entities' booleans); a boolean is read alike. */
  isActive?: number | boolean | null
  createDate?: string | null
  lastActivityDate?: string | null
  lastModifiedDate?: string | null
}

export interface AutotaskConfigurationItem extends WithUdfs {
  id: number
  companyID?: number | null
  productID?: number | null
  referenceTitle?: string | null
  serialNumber?: string | null
  configurationItemType?: number | null
  isActive?: boolean | null
  createDate?: string | null
  lastModifiedTime?: string | null
}

/** The product a configuration item is an instance of: it carries the make and model. */
export interface AutotaskProduct {
  id: number
  name?: string | null
  manufacturerName?: string | null
  manufacturerProductName?: string | null
  isActive?: boolean | null
}

export interface AutotaskResource {
  id: number
  firstName?: string | null
  lastName?: string | null
  email?: string | null
  userName?: string | null
  isActive?: boolean | null
  /** The role a ticket assigned to this resource, and its time, are worked in unless another is named. */
  defaultServiceDeskRoleID?: number | null
}

export interface AutotaskTimeEntry {
  id: number
  ticketID?: number | null
  resourceID?: number | null
  dateWorked?: string | null
  startDateTime?: string | null
  endDateTime?: string | null
  hoursWorked?: number | null
  summaryNotes?: string | null
  isNonBillable?: boolean | null
  createDateTime?: string | null
  lastModifiedDateTime?: string | null
}

/** One `{Kind}Webhooks` callout (the facts, §8: HELP REST_WebhooksEntity.htm; SWAGGER CompanyWebhookModel). */
export interface AutotaskWebhook {
  id: number
  name?: string | null
  webhookUrl?: string | null
  deactivationUrl?: string | null
  secretKey?: string | null
  isActive?: boolean | null
  isSubscribedToCreateEvents?: boolean | null
  isSubscribedToUpdateEvents?: boolean | null
  isSubscribedToDeleteEvents?: boolean | null
}

/** One field of a callout, `/{Kind}Webhooks/{id}/Fields` (the facts, §8: Datto's Postman collection, step 2). */
export interface AutotaskWebhookField {
  id: number
  fieldID: number
  isSubscribedField?: boolean | null
}
