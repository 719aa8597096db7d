import { DAY_MS } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { uniqueEmail } from '../../shared/seed.js'
import { formatTimestamp } from '../dates.js'
import type { CommunicationKind, CompanyRecord, ContactRecord, InfoStamp, NamedRecord } from '../records.js'
import {
  AWKWARD_COMPANY_NAMES,
  COMPANY_NAME_FIRST,
  COMPANY_NAME_SECOND,
  CONTACT_TITLES,
  FIRST_NAMES,
  LAST_NAMES,
  MEMBERS,
  PLACES,
  STREET_NAMES,
} from './catalog.js'
import { idOf } from './reference-data.js'
import { HISTORY_START_MS, instantBetween, SITE_CREATED_MS } from './time.js'

const COMPANY_COUNT = 80
const DELETED_COUNT = 3
const INACTIVE_COUNT = 4
const CONTACT_COUNT = 150

export interface CompanyLookups {
  companyStatuses: readonly NamedRecord[]
  companyTypes: readonly NamedRecord[]
  countries: readonly NamedRecord[]
}

export interface SeededCompanies {
  companies: CompanyRecord[]
  contacts: ContactRecord[]
}

/** 80 companies (3 deleted, 4 Inactive; the awkward names always among them) with 150 contacts. */
export function seedCompanies(random: Random, lookups: CompanyLookups): SeededCompanies {
  const generated = random.sample(
    COMPANY_NAME_FIRST.flatMap((first) => COMPANY_NAME_SECOND.map((second) => `${first} ${second}`)),
    COMPANY_COUNT - AWKWARD_COMPANY_NAMES.length,
  )
  const names = random.shuffle([...AWKWARD_COMPANY_NAMES, ...generated])
  const ids = names.map((_, index) => index + 1)
  const deleted = new Set(random.sample(ids, DELETED_COUNT))
  const inactive = new Set(
    random.sample(
      ids.filter((id) => !deleted.has(id)),
      INACTIVE_COUNT,
    ),
  )
  const identifiers = new Set<string>()
  const companies = names.map((name, index) =>
    draftCompany(random, lookups, {
      id: index + 1,
      name,
      identifier: uniqueIdentifier(identifiers, name),
      deleted: deleted.has(index + 1),
      inactive: inactive.has(index + 1),
    }),
  )
  return { companies, contacts: seedContacts(random, companies) }
}

interface CompanyBasics {
  id: number
  name: string
  identifier: string
  deleted: boolean
  inactive: boolean
}

function draftCompany(random: Random, lookups: CompanyLookups, basics: CompanyBasics): CompanyRecord {
  const place = random.pick(PLACES)
  const statusName = basics.inactive ? 'Inactive' : 'Active'
  const enteredMs = instantBetween(random, SITE_CREATED_MS, HISTORY_START_MS)
  const typeName = random.pickWeighted([
    ['Client', 80],
    ['Prospect', 10],
    ['Vendor', 6],
    ['Partner', 4],
  ] as const)
  const typeIds = [idOf(lookups.companyTypes, typeName)]
  if (typeName === 'Client' && random.chance(0.05)) typeIds.push(idOf(lookups.companyTypes, 'Partner'))
  return {
    id: basics.id,
    identifier: basics.identifier,
    name: basics.name,
    statusId: idOf(lookups.companyStatuses, statusName),
    addressLine1: `${random.int(1, 999)} ${random.pick(STREET_NAMES)}`,
    addressLine2: random.chance(0.2) ? `Suite ${random.int(100, 450)}` : null,
    city: place.city,
    state: place.state,
    zip: place.zip,
    countryId: idOf(lookups.countries, place.country),
    phoneNumber: phone(random, place.area),
    website: random.chance(0.85) ? `https://www.${slug(basics.name)}.example` : null,
    typeIds,
    deletedFlag: basics.deleted,
    customFieldValues: {},
    info: info(random, enteredMs),
  }
}

/**
 * One contact per company (its default), the rest spread at random over the companies not deleted. Most have an
 * email (type 1, Email) and a direct phone (type 2, Direct); item ids run on across contacts.
 */
function seedContacts(random: Random, companies: readonly CompanyRecord[]): ContactRecord[] {
  const living = companies.filter((company) => !company.deletedFlag)
  const owners = [
    ...companies,
    ...Array.from({ length: CONTACT_COUNT - companies.length }, () => random.pick(living)),
  ].sort((a, b) => a.id - b.id)
  const emails = new Set<string>()
  let itemId = 0
  const item = (typeId: number, communicationType: CommunicationKind, value: string) => ({
    id: (itemId += 1),
    typeId,
    communicationType,
    value,
    extension: null,
    defaultFlag: true,
  })
  return owners.map((company, index) => {
    const firstName = random.pick(FIRST_NAMES)
    const lastName = random.chance(0.97) ? random.pick(LAST_NAMES) : null
    const local = slug([firstName, lastName].filter(Boolean).join('.'))
    const place = random.pick(PLACES)
    const title = random.chance(0.7) ? random.pick(CONTACT_TITLES) : null
    const email = random.chance(0.92) ? uniqueEmail(emails, `${local}@${slug(company.name)}.example`) : null
    const directPhone = random.chance(0.8) ? phone(random, place.area) : null
    return {
      id: index + 1,
      firstName,
      lastName,
      companyId: company.id,
      title,
      communicationItems: [
        ...(email === null ? [] : [item(1, 'Email', email)]),
        ...(directPhone === null ? [] : [item(2, 'Phone', directPhone)]),
      ],
      inactiveFlag: random.chance(0.05),
      defaultFlag: index === 0 || owners[index - 1]?.id !== company.id,
      customFieldValues: {},
      info: info(random, Date.parse(company.info.dateEntered) + DAY_MS),
    }
  })
}

function info(random: Random, enteredMs: number): InfoStamp {
  const updatedMs = instantBetween(random, enteredMs, HISTORY_START_MS + 300 * DAY_MS)
  const by = () => random.pick(MEMBERS.slice(0, 3)).identifier
  return {
    lastUpdated: formatTimestamp(updatedMs),
    dateEntered: formatTimestamp(enteredMs),
    enteredBy: by(),
    updatedBy: by(),
  }
}

/** Letters and digits of the name, up to 25 characters, numbered when taken (`AcmeDentalGroup2`). */
function uniqueIdentifier(taken: Set<string>, name: string): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 25) || 'Company'
  let identifier = base
  for (let n = 2; taken.has(identifier.toLowerCase()); n++)
    identifier = `${base.slice(0, 25 - String(n).length)}${n}`
  taken.add(identifier.toLowerCase())
  return identifier
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
}

function phone(random: Random, area: string): string {
  return `(${area}) 555-01${String(random.int(0, 99)).padStart(2, '0')}`
}
