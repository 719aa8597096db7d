import type { EntityDefinition, EntityInformation, FieldDefinition, Row } from './entity.js'
import { boolean, decimal, idField, integer, readOnly, reference, text } from './fields.js'

// The people and the catalogues tickets and time entries name, served for reading. Resources can be updated at
// Autotask (HELP Entities/ResourcesEntity.htm: Can Update true, Supports webhooks true; facts §9): their update is
// declared and answers "not emulated" (routes/index.ts). The catalogues are read only here (unsourced: chosen; their
// HELP pages are not in the facts).

function readOnlyInfo(name: string): EntityInformation {
  return {
    name,
    canCreate: false,
    canUpdate: false,
    canDelete: false,
    canQuery: true,
    hasUserDefinedFields: false,
    supportsWebhookCallouts: false,
  }
}

function readOnlyFields(fields: FieldDefinition[]): () => FieldDefinition[] {
  return () => fields.map((field) => ({ ...field, isReadOnly: true }))
}

export const RESOURCES: EntityDefinition = {
  name: 'Resources',
  info: { ...readOnlyInfo('Resources'), canUpdate: true, supportsWebhookCallouts: true },
  fields: readOnlyFields([
    idField(),
    text('firstName', 50),
    text('lastName', 50),
    text('userName', 32),
    text('email', 254),
    text('title', 50),
    text('officePhone', 25),
    text('mobilePhone', 25),
    boolean('isActive'),
    text('resourceType', 15),
    integer('licenseType'),
    integer('userType'),
    reference('defaultServiceDeskRoleID', 'Role'),
  ]),
  rows: (db) => db.resources as Map<number, Row>,
}

export const ROLES: EntityDefinition = {
  name: 'Roles',
  info: readOnlyInfo('Roles'),
  fields: readOnlyFields([
    idField(),
    text('name', 200),
    text('description', 200),
    decimal('hourlyRate'),
    boolean('isActive'),
    boolean('isSystemRole', readOnly),
  ]),
  rows: (db) => db.roles as Map<number, Row>,
}

export const RESOURCE_ROLES: EntityDefinition = {
  name: 'ResourceRoles',
  info: readOnlyInfo('ResourceRoles'),
  fields: readOnlyFields([
    idField(),
    reference('resourceID', 'Resource'),
    reference('roleID', 'Role'),
    boolean('isActive'),
    boolean('isDefault'),
  ]),
  rows: (db) => db.resourceRoles as Map<number, Row>,
}

export const BILLING_CODES: EntityDefinition = {
  name: 'BillingCodes',
  info: readOnlyInfo('BillingCodes'),
  fields: readOnlyFields([
    idField(),
    text('name', 200),
    text('description', 500),
    integer('useType'),
    boolean('isActive'),
    decimal('unitPrice'),
  ]),
  rows: (db) => db.billingCodes as Map<number, Row>,
}

export const PRODUCTS: EntityDefinition = {
  name: 'Products',
  info: readOnlyInfo('Products'),
  fields: readOnlyFields([
    idField(),
    text('name', 100),
    text('description', 2000),
    text('sku', 50),
    // SWAGGER ProductModel (KelvinTegelaar/AutotaskAPI:v1.json): ManufacturerName, ManufacturerProductName.
    text('manufacturerName', 100),
    text('manufacturerProductName', 100),
    boolean('isActive'),
  ]),
  rows: (db) => db.products as Map<number, Row>,
}
