import { toTimestamp } from '../../shared/dates.js'
import type { ContactRecord } from '../records.js'
import type { EntityDefinition, FieldDefinition, Row } from './entity.js'
import {
  boolean,
  dateTime,
  idField,
  integer,
  readOnly,
  reference,
  required,
  text,
  watchable,
} from './fields.js'
import { userDefinedUpdate, userDefinedValues } from './user-defined-fields.js'
import { acceptedValues, recordToUpdate, refused } from './writes.js'

// Required: companyID, firstName (≤ 50), lastName (≤ 50), isActive; other lengths likewise
// (ecitsolutions/Autotask:Autotask/Functions/New-AtwsContact.ps1). `isActive` is an integer on this entity
// (KelvinTegelaar/AutotaskAPI:v1.json ContactModel `IsActive integer int32`). Reached under its company too:
// `/Companies/{id}/Contacts`.

function contactFields(): FieldDefinition[] {
  return [
    idField(),
    reference('companyID', 'Company', required),
    text('firstName', 50, { ...required, ...watchable }),
    text('lastName', 50, { ...required, ...watchable }),
    text('title', 50),
    text('emailAddress', 254, watchable),
    text('phone', 25, watchable),
    text('mobilePhone', 25),
    integer('isActive', { ...required, ...watchable }),
    boolean('primaryContact'),
    dateTime('createDate', readOnly),
    dateTime('lastActivityDate', readOnly),
    dateTime('lastModifiedDate', readOnly),
  ]
}

/** 1 active, 0 inactive. (unsourced: chosen because no other value means anything) */
function checkIsActive(values: Record<string, unknown>): void {
  if (values.isActive !== undefined && values.isActive !== 0 && values.isActive !== 1)
    throw refused(`Invalid value for field isActive: ${JSON.stringify(values.isActive)}`)
}

export const CONTACTS: EntityDefinition = {
  name: 'Contacts',
  info: {
    name: 'Contacts',
    canCreate: true,
    canUpdate: true,
    // DELETE /Companies/{parentId}/Contacts/{id} (SWAGGER, facts §4); not emulated (routes/index.ts).
    canDelete: true,
    canQuery: true,
    // SWAGGER ContactModel carries UserDefinedFields (KelvinTegelaar/AutotaskAPI:v1.json).
    hasUserDefinedFields: true,
    supportsWebhookCallouts: true,
  },
  parent: { entity: 'Companies', idField: 'companyID', childPath: 'Contacts' },
  fields: contactFields,
  userDefinedFields: (db) => db.userDefinedFields.Contacts ?? [],
  rows: (db) => db.contacts as Map<number, Row>,
  create(db, body, parentId, now) {
    const values = acceptedValues(
      contactFields(),
      db,
      parentId === undefined ? body : { ...body, companyID: parentId },
      'create',
    )
    checkIsActive(values)
    const at = toTimestamp(now.getTime())
    return db.insert('contacts', {
      title: null,
      emailAddress: null,
      phone: null,
      mobilePhone: null,
      primaryContact: false,
      ...(values as Pick<ContactRecord, 'companyID' | 'firstName' | 'lastName' | 'isActive'>),
      createDate: at,
      lastActivityDate: at,
      lastModifiedDate: at,
      userDefinedFields: userDefinedValues(db, 'Contacts', body.userDefinedFields, []),
    }) as Row
  },
  update(db, body, parentId, now) {
    const contact = recordToUpdate(db.contacts, body, { idField: 'companyID', parentId })
    const values = acceptedValues(contactFields(), db, body, 'update', contact)
    checkIsActive(values)
    const at = toTimestamp(now.getTime())
    return db.update('contacts', contact, {
      ...(values as Partial<ContactRecord>),
      ...userDefinedUpdate(db, 'Contacts', body, contact.userDefinedFields),
      lastActivityDate: at,
      lastModifiedDate: at,
    }) as Row
  },
}
