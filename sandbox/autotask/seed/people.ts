import { DAY_MS, toTimestamp } from '../../shared/dates.js'
import { utc } from '../../shared/seed.js'
import type { FieldDefinition } from '../entities/entity.js'
import type {
  BillingCodeRecord,
  ProductRecord,
  ResourceRecord,
  ResourceRoleRecord,
  RoleRecord,
} from '../records.js'

// The MSP's own side of the sandbox database: its resources (technicians, one inactive, and the API user, a
// resource of the "API User (API-only)" kind: HELP REST_Security_Auth.htm as cited in the facts file), the roles
// they work as, work types (billing codes) and products. Ids are of the size Autotask gives (queues such as
// 29682833 in WYRE-AI/msp-claude-plugins#31's live create); each entity's ids start elsewhere, so an id of one
// kind names nothing of another. (unsourced: the ranges chosen)

const ACCOUNT_CREATED_MS = utc('2023-02-01T09:00:00.000Z')
export const MSP_DOMAIN = 'northwind-it.example'

/** The `resourceType` of an API user's resource. (unsourced: the text chosen) */
export const API_ONLY_RESOURCE_TYPE = 'API Only'

/** The first active technician: what a sandbox connection names as its default resource (an owner, a worker). */
export function firstTechnician(resources: Iterable<ResourceRecord>): ResourceRecord {
  return [...resources]
    .filter((resource) => resource.isActive && resource.resourceType !== API_ONLY_RESOURCE_TYPE)
    .sort((a, b) => a.id - b.id)[0]!
}

const FIRST_RESOURCE_ID = 29682885
const FIRST_ROLE_ID = 29683450
const FIRST_RESOURCE_ROLE_ID = 29683500
const FIRST_BILLING_CODE_ID = 29682801
const FIRST_PRODUCT_ID = 9001

const TECHNICIANS = [
  { firstName: 'Dana', lastName: 'Whitfield', title: 'Service Desk Lead', roles: [0, 1] },
  { firstName: 'Marco', lastName: 'Ruiz', title: 'Technician', roles: [0] },
  { firstName: 'Priya', lastName: 'Natarajan', title: 'Network Engineer', roles: [1, 2] },
  { firstName: 'Tom', lastName: 'Okafor', title: 'Technician', roles: [0] },
  // Left the company: inactive, kept because old tickets and time name him.
  { firstName: 'Gregor', lastName: 'Lindqvist', title: 'Technician', roles: [0], inactive: true },
] as const

const ROLES = [
  { name: 'Service Desk', hourlyRate: 95 },
  { name: 'Engineer', hourlyRate: 135 },
  { name: 'Network Specialist', hourlyRate: 150 },
  { name: 'Retired Role', hourlyRate: 80, inactive: true },
] as const

export interface SeededPeople {
  resources: ResourceRecord[]
  roles: RoleRecord[]
  resourceRoles: ResourceRoleRecord[]
  /** The resource the API user is. */
  apiResourceID: number
}

export function seedPeople(): SeededPeople {
  const roles = ROLES.map((role, index) => ({
    id: FIRST_ROLE_ID + index,
    name: role.name,
    description: null,
    hourlyRate: role.hourlyRate,
    isActive: !('inactive' in role),
    isSystemRole: false,
  }))
  const resources: ResourceRecord[] = TECHNICIANS.map((tech, index) => ({
    id: FIRST_RESOURCE_ID + index,
    firstName: tech.firstName,
    lastName: tech.lastName,
    userName: `${tech.firstName}.${tech.lastName}`.toLowerCase(),
    email: `${tech.firstName.toLowerCase()}@${MSP_DOMAIN}`,
    title: tech.title,
    officePhone: `+1 555 010 ${String(100 + index)}`,
    mobilePhone: null,
    isActive: !('inactive' in tech),
    resourceType: 'Employee',
    licenseType: 1,
    userType: 10,
    defaultServiceDeskRoleID: (roles[tech.roles[0]] as RoleRecord).id,
  }))
  const apiResourceID = FIRST_RESOURCE_ID + TECHNICIANS.length
  resources.push({
    id: apiResourceID,
    firstName: 'Gateway',
    lastName: 'API',
    userName: `gateway-api@${MSP_DOMAIN}`,
    email: `gateway-api@${MSP_DOMAIN}`,
    title: null,
    officePhone: null,
    mobilePhone: null,
    isActive: true,
    resourceType: API_ONLY_RESOURCE_TYPE,
    licenseType: 7,
    userType: 17,
    defaultServiceDeskRoleID: (roles[0] as RoleRecord).id,
  })
  const links: [number, number][] = TECHNICIANS.flatMap((tech, index) =>
    tech.roles.map((role): [number, number] => [FIRST_RESOURCE_ID + index, role]),
  )
  links.push([apiResourceID, 0])
  const resourceRoles = links.map(([resourceID, role], index) => ({
    id: FIRST_RESOURCE_ROLE_ID + index,
    resourceID,
    roleID: (roles[role] as RoleRecord).id,
    isActive: true,
    isDefault: role === 0,
  }))
  return { resources, roles, resourceRoles, apiResourceID }
}

export function seedBillingCodes(): BillingCodeRecord[] {
  const codes = [
    { name: 'Remote Support', useType: 1, unitPrice: 95 },
    { name: 'Onsite Support', useType: 1, unitPrice: 125 },
    { name: 'Project Work', useType: 1, unitPrice: 135 },
    // Not a work type (a material code): a time entry may not take it.
    { name: 'Hardware Materials', useType: 3, unitPrice: null },
    { name: 'Legacy Support', useType: 1, unitPrice: 85, inactive: true },
  ]
  return codes.map((code, index) => ({
    id: FIRST_BILLING_CODE_ID + index,
    name: code.name,
    description: null,
    useType: code.useType,
    isActive: !code.inactive,
    unitPrice: code.unitPrice,
  }))
}

export function seedProducts(): ProductRecord[] {
  const products = [
    ['Business Laptop 14"', 'Lenovo', 'ThinkPad T14'],
    ['Tower Server', 'Dell', 'PowerEdge T350'],
    ['Managed Switch 24-port', 'Ubiquiti', 'USW-Pro-24'],
    ['Laser Printer', 'HP', 'LaserJet Pro 4001'],
    ['Firewall', 'Fortinet', 'FortiGate 60F'],
  ] as const
  return products.map(([name, manufacturerName, manufacturerProductName], index) => ({
    id: FIRST_PRODUCT_ID + index,
    name,
    description: null,
    sku: `SKU-${1000 + index}`,
    manufacturerName,
    manufacturerProductName,
    isActive: true,
  }))
}

/** The user-defined fields the account defines, as `/{Entity}/entityInformation/userDefinedFields` lists them. */
export function seedUserDefinedFields(): Record<string, FieldDefinition[]> {
  const udf = (name: string, dataType: 'string' | 'integer', length: number): FieldDefinition => ({
    name,
    dataType,
    length,
    isRequired: false,
    isReadOnly: false,
    isQueryable: true,
    isReference: false,
    referenceEntityType: '',
    isPickList: false,
    picklistValues: null,
    picklistParentValueField: '',
    isSupportedWebhookField: false,
  })
  return {
    Tickets: [udf('Customer Reference', 'string', 100), udf('Affected Users', 'integer', 0)],
    Companies: [udf('Contract Tier', 'string', 50)],
    ConfigurationItems: [udf('Asset Tag', 'string', 50)],
    Contacts: [udf('Preferred Channel', 'string', 50)],
  }
}

/** When the account's reference data was made: a day apart per record from this instant. */
export function accountDay(index: number): string {
  return toTimestamp(ACCOUNT_CREATED_MS + index * DAY_MS)
}
