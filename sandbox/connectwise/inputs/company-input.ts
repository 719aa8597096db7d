import { CUSTOM_FIELD_SCREENS } from '../custom-field-screens.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { JsonObject } from '../field-schema.js'
import type { CompanyRecord, NamedRecord } from '../records.js'
import { COMPANY_SCHEMA } from '../views/companies.js'
import type { FieldError } from '../vendor-errors.js'
import type { PatchRules } from './json-patch.js'
import { customFieldsInput, readCustomFields } from './custom-field-input.js'
import { findCompany } from './lookups.js'
import { byIdIn, readReference, readText, referenceKey, Validation } from './validation.js'

export const COMPANY_RESOURCE = 'company'
const IDENTIFIER = /^[A-Za-z0-9_-]+$/
const IDENTIFIER_MAX_LENGTH = 25
const ADDRESS_FIELDS = ['addressLine1', 'addressLine2', 'city', 'state', 'zip'] as const

/** Whether one of these fields already has an error (a value too long is no missing address). */
const fieldFailed = (check: Validation, fields: readonly string[]) =>
  check.errors.some((error) => fields.includes(error.field))

export const COMPANY_PATCH_RULES: PatchRules = {
  resource: COMPANY_RESOURCE,
  schema: COMPANY_SCHEMA,
  writable: {
    identifier: [],
    name: [],
    status: ['id'],
    addressLine1: [],
    addressLine2: [],
    city: [],
    state: [],
    zip: [],
    country: ['id'],
    phoneNumber: [],
    website: [],
    types: [],
    customFields: [],
  },
  collections: { customFields: ['value'] },
}

export type CompanyFields = Omit<CompanyRecord, 'id' | 'deletedFlag' | 'info'>

export type CompanyInput = { ok: true; fields: CompanyFields } | { ok: false; errors: FieldError[] }

/**
 * Checks a whole company in request form; `existingId` is the company being patched, which may keep its own
 * identifier. Identifiers are unique case-insensitively; the status defaults to Active.
 */
export function readCompany(db: ConnectWiseDatabase, fields: JsonObject, existingId?: number): CompanyInput {
  const check = new Validation(COMPANY_RESOURCE)
  // The identifier's limit differs between codebases: ConnectWise's current Company model gives 30
  // (vendors.md), the model of older codebases 25 (spinen/connectwise-company-php-client,
  // lib/Model/Company.php: "must be smaller than or equal to 25"). The sandbox holds the stricter one, so a
  // client that works here works on every codebase.
  const identifier = readText(check, fields, 'identifier', { max: IDENTIFIER_MAX_LENGTH, required: true })
  if (identifier !== null && !IDENTIFIER.test(identifier))
    check.fail('InvalidArgument', 'identifier', 'identifier may hold only letters, digits, - and _.')
  const holder = identifier === null ? undefined : findCompany(db, { identifier })
  if (holder && holder.id !== existingId)
    check.fail('ObjectExists', 'identifier', `A company with identifier '${identifier}' already exists.`)
  const name = readText(check, fields, 'name', { max: 50, required: true })
  const status =
    readReference(check, fields, 'status', byIdIn(db.companyStatuses), {
      required: existingId !== undefined,
    }) ?? [...db.companyStatuses.values()].find((candidate) => candidate.name === 'Active')
  const country = readReference(check, fields, 'country', byIdIn(db.countries))
  const types = readTypes(check, db, fields.types)
  const customFieldValues = readCustomFields(check, db, CUSTOM_FIELD_SCREENS.company, fields.customFields)
  const text = (field: string, max: number) => readText(check, fields, field, { max })
  const address = {
    addressLine1: text('addressLine1', 50),
    addressLine2: text('addressLine2', 50),
    city: text('city', 50),
    state: text('state', 50),
    zip: text('zip', 12),
    phoneNumber: text('phoneNumber', 30),
    website: text('website', 255),
  }
  // ConnectWise's Company model, on each address field: "At least one address field is required --
  // addressLine1, addressLine2, city, state, zip and/or country" (spinen/connectwise-company-php-client,
  // lib/Model/Company.php, generated from ConnectWise's spec). Checked on the whole company, so a PATCH that
  // removes the last one is refused too.
  const hasAddress = country !== null || ADDRESS_FIELDS.some((field) => address[field] !== null)
  if (!hasAddress && !fieldFailed(check, [...ADDRESS_FIELDS, 'country']))
    check.fail(
      'NullOrEmpty',
      'addressLine1',
      'At least one address field is required -- addressLine1, addressLine2, city, state, zip and/or country.',
    )
  if (!check.ok || identifier === null || name === null || !status) return { ok: false, errors: check.errors }
  return {
    ok: true,
    fields: {
      identifier,
      name,
      statusId: status.id,
      countryId: country?.id ?? null,
      typeIds: types,
      ...address,
      customFieldValues,
    },
  }
}

/** The company's writable fields in request form: what a JSON Patch applies to. */
export function companyFields(db: ConnectWiseDatabase, company: CompanyRecord): JsonObject {
  return {
    identifier: company.identifier,
    name: company.name,
    status: { id: company.statusId },
    addressLine1: company.addressLine1,
    addressLine2: company.addressLine2,
    city: company.city,
    state: company.state,
    zip: company.zip,
    country: company.countryId === null ? null : { id: company.countryId },
    phoneNumber: company.phoneNumber,
    website: company.website,
    types: company.typeIds.map((id) => ({ id })),
    customFields: customFieldsInput(db, CUSTOM_FIELD_SCREENS.company, company.customFieldValues),
  }
}

function readTypes(check: Validation, db: ConnectWiseDatabase, value: unknown): number[] {
  if (value === undefined || value === null) return []
  const keys = Array.isArray(value) ? value.map(referenceKey) : [undefined]
  const found = keys.map((key) => (key && 'id' in key ? db.companyTypes.get(key.id) : undefined))
  if (found.every((type): type is NamedRecord => type !== undefined))
    return [...new Set(found.map((type) => type.id))]
  check.fail('InvalidArgument', 'types', 'types must be a list of existing company types, e.g. [{"id": 1}].')
  return []
}
