import type { AutotaskDatabase } from '../database.js'

// Changes since the first commit (emu-data): `userDefinedFields?(db)` and `delete?(db, id, parentId)` added to
// EntityDefinition.

/**
 * What the emulator knows of one Autotask entity: the field definitions `/{Entity}/entityInformation/fields`
 * answers (which the query language and the writes check against), where its records live, and its writes with
 * the vendor's validation. The engine (routes, query, paging) is generic over these.
 */
export type DataType =
  'integer' | 'long' | 'short' | 'string' | 'datetime' | 'date' | 'boolean' | 'decimal' | 'double'

export interface PicklistValue {
  value: string
  label: string
  isDefaultValue: boolean
  sortOrder: number
  parentValue: string
  isActive: boolean
  isSystem: boolean
}

/** One field, exactly as `/{Entity}/entityInformation/fields` answers it. */
export interface FieldDefinition {
  name: string
  dataType: DataType
  length: number
  isRequired: boolean
  isReadOnly: boolean
  isQueryable: boolean
  isReference: boolean
  referenceEntityType: string
  isPickList: boolean
  picklistValues: PicklistValue[] | null
  picklistParentValueField: string
  isSupportedWebhookField: boolean
}

export type Row = Record<string, unknown> & { id: number }

/** A vendor refusal: the HTTP status and the `errors` texts of Autotask's `{"errors": [...]}` body. */
export class EntityError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
  ) {
    super(errors.join('; '))
  }
}

/** What `/{Entity}/entityInformation` answers. */
export interface EntityInformation {
  name: string
  canCreate: boolean
  canDelete: boolean
  canQuery: boolean
  canUpdate: boolean
  hasUserDefinedFields: boolean
  supportsWebhookCallouts: boolean
}

export interface EntityDefinition {
  /** 'Tickets', 'TicketNotes', 'Companies'… as the URL names it. */
  name: string
  info: EntityInformation
  /** Picklists may come from the database (queues, roles…). */
  fields(db: AutotaskDatabase): FieldDefinition[]
  rows(db: AutotaskDatabase): Map<number, Row>
  /** A child entity reached under its parent: /Tickets/{id}/Notes, /Companies/{id}/Contacts. */
  parent?: { entity: string; idField: string; childPath: string }
  /** Throws EntityError. `parentId` is the parent's id in the URL, when the create came that way. */
  create?(db: AutotaskDatabase, body: Record<string, unknown>, parentId: number | undefined, now: Date): Row
  /** The body carries the record's `id`; only the fields it names change. Throws EntityError. */
  update?(db: AutotaskDatabase, body: Record<string, unknown>, parentId: number | undefined, now: Date): Row
  /** `DELETE /{Entity}/{id}` for entities whose `info.canDelete`. Throws EntityError (a 500 when there is none). */
  delete?(db: AutotaskDatabase, id: number, parentId: number | undefined): void
  /**
   * Autotask's own callout field ids (`{Kind}WebhookFields.fieldID`) of the fields a source names; the other
   * fields with `isSupportedWebhookField` get ids of the emulator's.
   */
  webhookFieldIDs?: Readonly<Record<string, number>>
  /** What `/{Entity}/entityInformation/userDefinedFields` answers (entities with `hasUserDefinedFields`). */
  userDefinedFields?(db: AutotaskDatabase): FieldDefinition[]
}
