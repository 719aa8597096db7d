import { toTimestamp } from '../../shared/dates.js'
import type { AutotaskDatabase } from '../database.js'
import type { CompanyRecord } from '../records.js'
import type { EntityDefinition, FieldDefinition, Row } from './entity.js'
import {
  boolean,
  dateTime,
  idField,
  integer,
  picklist,
  readOnly,
  reference,
  required,
  text,
  watchable,
} from './fields.js'
import { userDefinedUpdate, userDefinedValues } from './user-defined-fields.js'
import { acceptedValues, recordToUpdate, refuseApiOnlyResource } from './writes.js'

// Required: companyName (≤ 100), companyType, ownerResourceID, phone (≤ 25); other lengths from the same source
// (ecitsolutions/Autotask:Autotask/Functions/New-AtwsAccount.ps1, the SOAP Account the REST Companies entity
// renamed). Company 0 is the Autotask account's own company (APIGRATE README "Get the root company"; Datto's
// Postman collection, facts §9).

function companyFields(db: AutotaskDatabase): FieldDefinition[] {
  return [
    idField(),
    text('companyName', 100, { ...required, ...watchable }),
    text('companyNumber', 50),
    picklist('companyType', db.picklist('Companies', 'companyType'), { ...required, ...watchable }),
    integer('classification'),
    text('phone', 25, { ...required, ...watchable }),
    text('fax', 25),
    text('address1', 128),
    text('address2', 128),
    text('city', 30),
    text('state', 40),
    text('postalCode', 10),
    integer('countryID'),
    text('webAddress', 255),
    boolean('isActive', watchable),
    reference('ownerResourceID', 'Resource', { ...required, ...watchable }),
    reference('parentCompanyID', 'Company'),
    dateTime('createDate', readOnly),
    dateTime('lastActivityDate', readOnly),
    dateTime('lastTrackedModifiedDateTime', readOnly),
  ]
}

export const COMPANIES: EntityDefinition = {
  name: 'Companies',
  info: {
    name: 'Companies',
    canCreate: true,
    canUpdate: true,
    canDelete: false,
    canQuery: true,
    hasUserDefinedFields: true,
    supportsWebhookCallouts: true,
  },
  fields: companyFields,
  // Company Name = 7, Company Type = 24 (Datto's Postman collection "Webhooks - Step 2", facts §8).
  webhookFieldIDs: { companyName: 7, companyType: 24 },
  rows: (db) => db.companies as Map<number, Row>,
  userDefinedFields: (db) => db.userDefinedFields.Companies ?? [],
  create(db, body, _parentId, now) {
    const values = acceptedValues(companyFields(db), db, body, 'create')
    refuseApiOnlyResource(db, 'ownerResourceID', values.ownerResourceID)
    const at = toTimestamp(now.getTime())
    return db.insert('companies', {
      companyNumber: null,
      classification: null,
      fax: null,
      address1: null,
      address2: null,
      city: null,
      state: null,
      postalCode: null,
      countryID: null,
      webAddress: null,
      // (unsourced: chosen: a new company is active unless the body says otherwise)
      isActive: true,
      parentCompanyID: null,
      ...(values as Pick<CompanyRecord, 'companyName' | 'companyType' | 'phone' | 'ownerResourceID'>),
      createDate: at,
      lastActivityDate: at,
      lastTrackedModifiedDateTime: at,
      userDefinedFields: userDefinedValues(db, 'Companies', body.userDefinedFields, []),
    }) as Row
  },
  update(db, body, _parentId, now) {
    const company = recordToUpdate(db.companies, body)
    const values = acceptedValues(companyFields(db), db, body, 'update', company)
    refuseApiOnlyResource(db, 'ownerResourceID', values.ownerResourceID)
    const at = toTimestamp(now.getTime())
    return db.update('companies', company, {
      ...(values as Partial<CompanyRecord>),
      ...userDefinedUpdate(db, 'Companies', body, company.userDefinedFields),
      lastActivityDate: at,
      lastTrackedModifiedDateTime: at,
    }) as Row
  },
}
