import { toTimestamp } from '../../shared/dates.js'
import type { AutotaskDatabase } from '../database.js'
import type { ConfigurationItemRecord } from '../records.js'
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
import { acceptedValues, recordToUpdate } from './writes.js'

// Required: companyID, productID, isActive; lengths (referenceTitle 200, serialNumber 100, notes 5000…)
// from ecitsolutions/Autotask:Autotask/Functions/New-AtwsInstalledProduct.ps1 (the SOAP InstalledProduct the REST
// ConfigurationItems entity renamed; AccountID became companyID).

function configurationItemFields(db: AutotaskDatabase): FieldDefinition[] {
  return [
    idField(),
    reference('companyID', 'Company', required),
    reference('contactID', 'Contact', watchable),
    reference('productID', 'Product', required),
    picklist('configurationItemType', db.picklist('ConfigurationItems', 'configurationItemType')),
    integer('configurationItemCategoryID'),
    text('referenceTitle', 200, watchable),
    text('referenceNumber', 100),
    text('serialNumber', 100, watchable),
    text('rmmDeviceAuditHostname', 255, readOnly),
    text('location', 100),
    text('notes', 5000),
    boolean('isActive', { ...required, ...watchable }),
    dateTime('installDate'),
    dateTime('warrantyExpirationDate'),
    dateTime('createDate', readOnly),
    dateTime('lastModifiedTime', readOnly),
  ]
}

export const CONFIGURATION_ITEMS: EntityDefinition = {
  name: 'ConfigurationItems',
  info: {
    name: 'ConfigurationItems',
    canCreate: true,
    canUpdate: true,
    canDelete: false,
    canQuery: true,
    hasUserDefinedFields: true,
    supportsWebhookCallouts: true,
  },
  fields: configurationItemFields,
  rows: (db) => db.configurationItems as Map<number, Row>,
  userDefinedFields: (db) => db.userDefinedFields.ConfigurationItems ?? [],
  create(db, body, _parentId, now) {
    const values = acceptedValues(configurationItemFields(db), db, body, 'create')
    const at = toTimestamp(now.getTime())
    return db.insert('configurationItems', {
      contactID: null,
      configurationItemType: null,
      // (unsourced: chosen; the account's default category)
      configurationItemCategoryID: 1,
      referenceTitle: null,
      referenceNumber: null,
      serialNumber: null,
      rmmDeviceAuditHostname: null,
      location: null,
      notes: null,
      installDate: null,
      warrantyExpirationDate: null,
      ...(values as Pick<ConfigurationItemRecord, 'companyID' | 'productID' | 'isActive'>),
      createDate: at,
      lastModifiedTime: at,
      userDefinedFields: userDefinedValues(db, 'ConfigurationItems', body.userDefinedFields, []),
    }) as Row
  },
  update(db, body, _parentId, now) {
    const item = recordToUpdate(db.configurationItems, body)
    // "companyID cannot be updated. Any companyID value provided on update is ignored." (HELP REST
    // Entities/ConfigurationItemsEntity.htm)
    const { companyID: _ignored, ...values } = acceptedValues(
      configurationItemFields(db),
      db,
      body,
      'update',
      item,
    ) as Partial<ConfigurationItemRecord>
    return db.update('configurationItems', item, {
      ...values,
      ...userDefinedUpdate(db, 'ConfigurationItems', body, item.userDefinedFields),
      lastModifiedTime: toTimestamp(now.getTime()),
    }) as Row
  },
}
