import type { DataType, FieldDefinition, PicklistValue } from './entity.js'

// Builders for the field definitions `/{Entity}/entityInformation/fields` answers. The answer's shape (every
// key, `length` 0 for non-text, `referenceEntityType` and `picklistParentValueField` '' when unused,
// `picklistValues` null unless a picklist) is that of real answers recorded in
// KerkhoffTechnologies/django-autotask:djautotask/tests/fixtures.py (API_STATUS_FIELD, API_LICENSE_TYPE_FIELD).

type FieldFlags = Partial<
  Pick<FieldDefinition, 'isRequired' | 'isReadOnly' | 'isQueryable' | 'isSupportedWebhookField'>
>

function field(name: string, dataType: DataType, flags: FieldFlags, extra: Partial<FieldDefinition> = {}) {
  return {
    name,
    dataType,
    length: 0,
    isRequired: false,
    isReadOnly: false,
    isQueryable: true,
    isReference: false,
    referenceEntityType: '',
    isPickList: false,
    picklistValues: null,
    picklistParentValueField: '',
    isSupportedWebhookField: false,
    ...flags,
    ...extra,
  } satisfies FieldDefinition
}

export const required: FieldFlags = { isRequired: true }
export const readOnly: FieldFlags = { isReadOnly: true }
/**
 * A field a webhook callout may watch or show (`isSupportedWebhookField`, HELP Webhooks_Creating.htm). Which fields
 * each entity marks is the emulator's choice, the fields a callout's receiver acts on (unsourced: HELP lists none),
 * except Company Name and Company Type (Datto's Postman collection subscribes to them, facts §8).
 */
export const watchable: FieldFlags = { isSupportedWebhookField: true }

/** Every entity's `id`: a read-only long. */
export function idField(): FieldDefinition {
  return field('id', 'long', { isReadOnly: true, isRequired: true })
}

export function text(name: string, length: number, flags: FieldFlags = {}): FieldDefinition {
  return field(name, 'string', flags, { length })
}

export function integer(name: string, flags: FieldFlags = {}): FieldDefinition {
  return field(name, 'integer', flags)
}

export function decimal(name: string, flags: FieldFlags = {}): FieldDefinition {
  return field(name, 'decimal', flags)
}

export function double(name: string, flags: FieldFlags = {}): FieldDefinition {
  return field(name, 'double', flags)
}

export function boolean(name: string, flags: FieldFlags = {}): FieldDefinition {
  return field(name, 'boolean', flags)
}

export function dateTime(name: string, flags: FieldFlags = {}): FieldDefinition {
  return field(name, 'datetime', flags)
}

/** An integer naming a record of `entityType` ('Company', 'Resource'…), which must exist. */
export function reference(name: string, entityType: string, flags: FieldFlags = {}): FieldDefinition {
  return field(name, 'integer', flags, { isReference: true, referenceEntityType: entityType })
}

/**
 * An integer picklist; with `parentField`, a sub-picklist whose values each name the parent field's value they
 * belong to (`subIssueType` under `issueType`).
 */
export function picklist(
  name: string,
  values: PicklistValue[],
  flags: FieldFlags = {},
  parentField = '',
): FieldDefinition {
  return field(name, 'integer', flags, {
    isPickList: true,
    picklistValues: values,
    picklistParentValueField: parentField,
  })
}
