import { randomUUID } from 'node:crypto'
import { isHttpUrl } from '../../shared/urls.js'
import type { AutotaskDatabase } from '../database.js'
import {
  EntityError,
  type EntityDefinition,
  type FieldDefinition,
  type PicklistValue,
} from '../entities/entity.js'
import {
  boolean,
  idField,
  integer,
  picklist,
  readOnly,
  reference,
  required,
  text,
} from '../entities/fields.js'
import { acceptedValues, recordToUpdate } from '../entities/writes.js'
import type { WebhookFieldRecord, WebhookRecord, WebhookRegistry } from './registry.js'

// `{Kind}Webhooks` and their `Fields` children, registered through the API (HELP REST_WebhooksEntity.htm,
// REST_WebhookFieldsEntity.htm; Datto's Postman collection "Webhooks - Step 1/2"). Lengths and required fields
// are HELP's: webhookUrl and deactivationUrl required ("Both fields are required", Webhooks_Creating.htm).

function webhookFields(): FieldDefinition[] {
  return [
    idField(),
    text('name', 50),
    text('webhookUrl', 500, required),
    text('deactivationUrl', 500, required),
    text('secretKey', 64),
    boolean('isActive'),
    boolean('isReady', readOnly),
    boolean('isSubscribedToCreateEvents'),
    boolean('isSubscribedToUpdateEvents'),
    boolean('isSubscribedToDeleteEvents'),
    text('notificationEmailAddress', 150),
    reference('ownerResourceID', 'Resource'),
    boolean('sendThresholdExceededNotification'),
    text('webhookGUID', 100, readOnly),
  ]
}

/**
 * The entity fields a callout may name: those with `isSupportedWebhookField` (HELP Webhooks_Creating.htm), by
 * `fieldID`: Autotask's own where the entity declares it (Company Name = 7, Company Type = 24 in Datto's Postman
 * collection, facts §8), else 100 and the field's place in the entity's field list (unsourced: chosen; Autotask's
 * ids are internal and are read from the `fieldID` picklist, as here).
 */
export function webhookFieldIds(
  watched: EntityDefinition,
  db: AutotaskDatabase,
): Map<number, FieldDefinition> {
  const ids = new Map<number, FieldDefinition>()
  watched.fields(db).forEach((field, index) => {
    if (field.isSupportedWebhookField) ids.set(watched.webhookFieldIDs?.[field.name] ?? 100 + index, field)
  })
  return ids
}

function calloutFieldFields(db: AutotaskDatabase, watched: EntityDefinition): FieldDefinition[] {
  const values: PicklistValue[] = [...webhookFieldIds(watched, db)].map(([id, field], index) => ({
    value: String(id),
    label: field.name,
    isDefaultValue: false,
    sortOrder: index + 1,
    parentValue: '',
    isActive: true,
    isSystem: true,
  }))
  return [
    idField(),
    integer('webhookID', readOnly),
    picklist('fieldID', values, required),
    boolean('isSubscribedField'),
    boolean('isDisplayAlwaysField'),
  ]
}

const info = (name: string, canDelete: boolean) => ({
  name,
  canCreate: true,
  canUpdate: true,
  canDelete,
  canQuery: true,
  hasUserDefinedFields: false,
  supportsWebhookCallouts: false,
})

/** The registration entities of one kind: `{Kind}Webhooks` and `{Kind}WebhookFields` under `/{Kind}Webhooks/{id}/Fields`. */
export function webhookEntities(registry: WebhookRegistry, watched: EntityDefinition): EntityDefinition[] {
  const hooksName = `${registry.kind.kind}Webhooks`
  const hooks: EntityDefinition = {
    name: hooksName,
    // SWAGGER (ATREST-CSharp-Client's generated CompanyWebhooksApi): `DELETE /CompanyWebhooks/{id}`.
    info: info(hooksName, true),
    fields: webhookFields,
    rows: () => registry.hooks,
    create(db, body) {
      const values = acceptedValues(webhookFields(), db, body, 'create')
      checkUrls(values)
      const id = Math.max(0, ...registry.hooks.keys()) + 1
      const hook = {
        name: null,
        secretKey: null,
        isActive: false,
        isSubscribedToCreateEvents: false,
        isSubscribedToUpdateEvents: false,
        isSubscribedToDeleteEvents: false,
        notificationEmailAddress: null,
        ownerResourceID: db.apiResourceID,
        sendThresholdExceededNotification: false,
        ...values,
        id,
        isReady: false,
        webhookGUID: randomUUID(),
      } as WebhookRecord
      refuseDuplicate(registry, hook)
      registry.hooks.set(id, hook)
      return hook
    },
    delete(_db, id) {
      const hook = recordToUpdate(registry.hooks, { id })
      registry.remove(hook.id)
    },
    update(db, body) {
      const hook = recordToUpdate(registry.hooks, body)
      const values = acceptedValues(webhookFields(), db, body, 'update', hook)
      checkUrls(values)
      refuseDuplicate(registry, { ...hook, ...values })
      return Object.assign(hook, values)
    },
  }
  const fieldsName = `${registry.kind.kind}WebhookFields`
  const fields: EntityDefinition = {
    name: fieldsName,
    info: info(fieldsName, false),
    fields: (db) => calloutFieldFields(db, watched),
    rows: () => registry.fields,
    parent: { entity: hooksName, idField: 'webhookID', childPath: 'Fields' },
    create(db, body, parentId) {
      const hook = parentId === undefined ? undefined : registry.hooks.get(parentId)
      if (!hook) throw new EntityError(500, ['Value does not reference an existing entity for webhookID . '])
      const values = acceptedValues(calloutFieldFields(db, watched), db, body, 'create')
      const id = Math.max(0, ...registry.fields.keys()) + 1
      const field = {
        isSubscribedField: false,
        isDisplayAlwaysField: false,
        ...values,
        id,
        webhookID: hook.id,
      } as WebhookFieldRecord
      registry.fields.set(id, field)
      // A callout is ready once it has a field (HELP REST_WebhooksEntity.htm isReady).
      hook.isReady = true
      return field
    },
    update(db, body) {
      const field = recordToUpdate(registry.fields, body)
      return Object.assign(field, acceptedValues(calloutFieldFields(db, watched), db, body, 'update', field))
    },
  }
  return [hooks, fields]
}

/** (unsourced text: chosen; a callout can only be made to a web address.) */
function checkUrls(values: Record<string, unknown>): void {
  for (const name of ['webhookUrl', 'deactivationUrl'])
    if (typeof values[name] === 'string' && !isHttpUrl(values[name]))
      throw new EntityError(500, [`${name} must be an http or https URL.`])
}

/**
 * "Duplicate callouts (same entity + URL + type) are not allowed" (HELP Webhooks_Creating.htm, facts §8): a
 * callout of this entity to the same URL subscribed to the same events is refused with Autotask's 500 (unsourced
 * text and status: chosen as every business refusal is a 500, facts §4; "type" read as the events).
 */
function refuseDuplicate(registry: WebhookRegistry, hook: WebhookRecord): void {
  const events = (candidate: WebhookRecord) =>
    [
      candidate.isSubscribedToCreateEvents,
      candidate.isSubscribedToUpdateEvents,
      candidate.isSubscribedToDeleteEvents,
    ].join()
  const duplicate = [...registry.hooks.values()].some(
    (other) => other.id !== hook.id && other.webhookUrl === hook.webhookUrl && events(other) === events(hook),
  )
  if (duplicate)
    throw new EntityError(500, [
      `A ${registry.kind.kind} callout to ${hook.webhookUrl} for the same events already exists.`,
    ])
}
