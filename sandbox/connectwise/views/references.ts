import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema } from '../field-schema.js'
import type { ContactRecord, InfoStamp, MemberRecord } from '../records.js'

// The small objects one record uses to point at another, names looked up live. A reference whose record is
// gone keeps its id only.

export const ID_NAME = { id: 'integer', name: 'string' } as const satisfies FieldSchema
export const ID_IDENTIFIER_NAME = {
  id: 'integer',
  identifier: 'string',
  name: 'string',
} as const satisfies FieldSchema
export const INFO = {
  lastUpdated: 'datetime',
  dateEntered: 'datetime',
  enteredBy: 'string',
  updatedBy: 'string',
} as const satisfies FieldSchema

export function memberName(member: MemberRecord): string {
  return `${member.firstName} ${member.lastName}`
}

export function contactName(contact: ContactRecord): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ')
}

/** The contact's default email (its first email if none is the default); null without one. */
export function contactEmail(contact: ContactRecord): string | null {
  const emails = contact.communicationItems.filter((item) => item.communicationType === 'Email')
  return (emails.find((item) => item.defaultFlag) ?? emails[0])?.value ?? null
}

export function infoView(info: InfoStamp) {
  return { ...info }
}

type Lookup = { id: number; name: string }

/** `{id, name}` from any table of records with a name. */
export function namedRef(table: ReadonlyMap<number, Lookup>, id: number | null) {
  return id === null ? null : { id, name: table.get(id)?.name }
}

export function companyRef(db: ConnectWiseDatabase, id: number | null) {
  if (id === null) return null
  const company = db.companies.get(id)
  return { id, identifier: company?.identifier, name: company?.name }
}

export function memberRef(db: ConnectWiseDatabase, id: number | null) {
  if (id === null) return null
  const member = db.members.get(id)
  return { id, identifier: member?.identifier, name: member && memberName(member) }
}

export function contactRef(db: ConnectWiseDatabase, id: number | null) {
  if (id === null) return null
  const contact = db.contacts.get(id)
  return { id, name: contact && contactName(contact) }
}
