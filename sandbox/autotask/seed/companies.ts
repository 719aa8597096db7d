import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween, uniqueEmail, utc } from '../../shared/seed.js'
import type { CompanyRecord, ConfigurationItemRecord, ContactRecord, ProductRecord } from '../records.js'
import { accountDay, MSP_DOMAIN } from './people.js'
import { CONFIGURATION_ITEM_TYPES, CUSTOMER_COMPANY_TYPE } from './picklists.js'

// The MSP's customers with their contacts and configuration items. Company 0 is the account's own company
// (APIGRATE README "Get the root company": `api.Companies.get(0)`; Datto's Postman collection, facts §9).

const FIRST_COMPANY_ID = 174
const FIRST_CONTACT_ID = 30684600
const FIRST_CONFIGURATION_ITEM_ID = 500
const PARTNER_COMPANY_TYPE = 8
const PROSPECT_COMPANY_TYPE = 3

const CUSTOMERS = [
  { name: 'Acme Logistics', city: 'Albany', state: 'NY' },
  { name: 'Bluebird Dental', city: 'Troy', state: 'NY' },
  { name: 'Cedar & Finch Law', city: 'Boston', state: 'MA' },
  { name: 'Delta Machining', city: 'Hartford', state: 'CT' },
  { name: 'Evergreen Realty', city: 'Burlington', state: 'VT' },
  { name: 'Fulton Bakery', city: 'Schenectady', state: 'NY' },
  { name: 'Granite Insurance', city: 'Concord', state: 'NH' },
  // A former customer: inactive, its old tickets remain.
  { name: 'Harbor Freight Brokers', city: 'Portland', state: 'ME', inactive: true },
  { name: 'Ironwood Architects', city: 'Providence', state: 'RI', prospect: true },
] as const

const FIRST_NAMES = [
  'Alex',
  'Jamie',
  'Morgan',
  'Riley',
  'Casey',
  'Jordan',
  'Avery',
  'Quinn',
  'Taylor',
  'Skyler',
]
const LAST_NAMES = [
  'Bennett',
  'Chen',
  'Delgado',
  'Evans',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
]

export interface SeededCompanies {
  companies: CompanyRecord[]
  contacts: ContactRecord[]
  configurationItems: ConfigurationItemRecord[]
}

function domainOf(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`
}

export function seedCompanies(
  random: Random,
  ownerResourceID: number,
  products: readonly ProductRecord[],
): SeededCompanies {
  const companies: CompanyRecord[] = [
    company(0, 'Northwind IT', PARTNER_COMPANY_TYPE, 'Albany', 'NY', 0, ownerResourceID),
    ...CUSTOMERS.map((customer, index) => ({
      ...company(
        FIRST_COMPANY_ID + index,
        customer.name,
        'prospect' in customer ? PROSPECT_COMPANY_TYPE : CUSTOMER_COMPANY_TYPE,
        customer.city,
        customer.state,
        index + 1,
        ownerResourceID,
      ),
      isActive: !('inactive' in customer),
    })),
  ]
  companies[0] = { ...(companies[0] as CompanyRecord), webAddress: `www.${MSP_DOMAIN}` }
  const contacts: ContactRecord[] = []
  const configurationItems: ConfigurationItemRecord[] = []
  const taken = new Set<string>()
  for (const customer of companies.slice(1)) {
    const count = random.int(2, 4)
    for (let n = 0; n < count; n++) {
      const firstName = random.pick(FIRST_NAMES)
      const lastName = random.pick(LAST_NAMES)
      const at = toTimestamp(Date.parse(customer.createDate) + (n + 1) * DAY_MS)
      contacts.push({
        id: FIRST_CONTACT_ID + contacts.length,
        companyID: customer.id,
        firstName,
        lastName,
        title: n === 0 ? 'Office Manager' : null,
        emailAddress: uniqueEmail(
          taken,
          `${firstName}.${lastName}@${domainOf(customer.companyName)}`.toLowerCase(),
        ),
        phone: customer.phone,
        mobilePhone: random.chance(0.5)
          ? `+1 555 02${String(random.int(0, 99)).padStart(2, '0')} ${random.int(1000, 9999)}`
          : null,
        // The last contact of a former customer left too.
        isActive: customer.isActive || n < count - 1 ? 1 : 0,
        primaryContact: n === 0,
        createDate: at,
        lastActivityDate: at,
        lastModifiedDate: at,
        userDefinedFields: [
          { name: 'Preferred Channel', value: random.pick(['Phone', 'E-mail', 'Portal', null]) },
        ],
      })
    }
    if (customer.companyType !== CUSTOMER_COMPANY_TYPE) continue
    for (let n = random.int(1, 3); n > 0; n--) {
      const product = random.pick(products)
      const type = random.pick(CONFIGURATION_ITEM_TYPES)
      const installedMs = instantBetween(
        random,
        utc('2023-03-01T00:00:00.000Z'),
        utc('2024-12-31T00:00:00.000Z'),
      )
      const hostname = `${customer.companyName.slice(0, 3).toUpperCase()}-${type.label.slice(0, 2).toUpperCase()}${String(configurationItems.length + 1).padStart(2, '0')}`
      configurationItems.push({
        id: FIRST_CONFIGURATION_ITEM_ID + configurationItems.length,
        companyID: customer.id,
        contactID: null,
        productID: product.id,
        configurationItemType: Number(type.value),
        configurationItemCategoryID: 1,
        referenceTitle: `${product.name} (${hostname})`,
        referenceNumber: null,
        serialNumber: random.alphanumeric(10),
        rmmDeviceAuditHostname: hostname,
        location: null,
        notes: null,
        isActive: customer.isActive,
        installDate: toTimestamp(installedMs),
        warrantyExpirationDate: toTimestamp(installedMs + 3 * 365 * DAY_MS),
        createDate: toTimestamp(installedMs),
        lastModifiedTime: toTimestamp(installedMs),
        userDefinedFields: [{ name: 'Asset Tag', value: `AT-${random.int(10000, 99999)}` }],
      })
    }
  }
  return { companies, contacts, configurationItems }
}

function company(
  id: number,
  companyName: string,
  companyType: number,
  city: string,
  state: string,
  day: number,
  ownerResourceID: number,
): CompanyRecord {
  const at = accountDay(day)
  return {
    id,
    companyName,
    companyNumber: id === 0 ? null : String(1000 + id),
    companyType,
    classification: null,
    phone: `+1 555 01${String(day).padStart(2, '0')} 0000`,
    fax: null,
    address1: `${10 + day} Main Street`,
    address2: null,
    city,
    state,
    postalCode: String(12000 + day * 7),
    countryID: 237,
    webAddress: id === 0 ? null : `www.${domainOf(companyName)}`,
    isActive: true,
    ownerResourceID,
    parentCompanyID: null,
    createDate: at,
    lastActivityDate: at,
    lastTrackedModifiedDateTime: at,
    userDefinedFields: [
      { name: 'Contract Tier', value: id === 0 ? null : (['Gold', 'Silver', 'Bronze'][day % 3] ?? null) },
    ],
  }
}
