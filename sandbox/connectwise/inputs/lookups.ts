import type { ConnectWiseDatabase } from '../database.js'
import type { CompanyRecord, MemberRecord } from '../records.js'
import type { ReferenceKey } from './validation.js'

// Records a reference may name by identifier; identifiers match case-insensitively, as the vendor's SQL
// collation compares them.

export function findCompany(db: ConnectWiseDatabase, key: ReferenceKey): CompanyRecord | undefined {
  if ('id' in key) return db.companies.get(key.id)
  if (!('identifier' in key)) return undefined
  const wanted = key.identifier.toLowerCase()
  return [...db.companies.values()].find((company) => company.identifier.toLowerCase() === wanted)
}

export function findMember(db: ConnectWiseDatabase, key: ReferenceKey): MemberRecord | undefined {
  if ('id' in key) return db.members.get(key.id)
  if (!('identifier' in key)) return undefined
  const wanted = key.identifier.toLowerCase()
  return [...db.members.values()].find((member) => member.identifier.toLowerCase() === wanted)
}
