import type { VendorClient } from '../../src/vendor-http/client.js'
import type { VendorApi } from '../kit/resource.js'
import type { CallContext } from '../types.js'
import type { AutotaskListQuery } from './query.js'

/** One field of an entity, as `/{Entity}/entityInformation/fields` (and `…/userDefinedFields`) describe it. */
export interface AutotaskFieldInfo {
  name: string
  dataType: string
  isRequired?: boolean
  isReadOnly?: boolean
  isPickList?: boolean
  picklistValues?: AutotaskPicklistValue[] | null
  picklistParentValueField?: string | null
  isReference?: boolean
  referenceEntityType?: string | null
}

export interface AutotaskPicklistValue {
  value: string
  label: string
  isActive?: boolean
  isDefaultValue?: boolean
  isSystem?: boolean
  sortOrder?: number
  parentValue?: string | null
}

/**
 * Autotask's API as the resources use it. Targets:
 * - `path` is an entity's collection (`/Tickets`), or a child collection under its parent (`/Tickets/7/Notes`);
 * - `key`, on a create, names the collection the created record is read back from (`/TicketNotes`) where it is not
 *   the create's path (a child created under its parent); every record and list comes under Autotask's own keys
 *   (`item`, `items`), so Target.key has no envelope to name.
 */
export interface AutotaskApi extends VendorApi<AutotaskListQuery> {
  /** Every record of a list that matches `query` (reference data, agents): up to `limit` (a 502 beyond). */
  all<R>(path: string, query: AutotaskListQuery, ctx: CallContext, limit?: number): Promise<R[]>
  /** An entity's fields, picklists with their values (`/{Entity}/entityInformation/fields`). */
  fields(entity: string, ctx: CallContext): Promise<AutotaskFieldInfo[]>
  /** An entity's user-defined fields (`/{Entity}/entityInformation/userDefinedFields`). */
  userDefinedFields(entity: string, ctx: CallContext): Promise<AutotaskFieldInfo[]>
}

export declare function autotaskApi(client: VendorClient): AutotaskApi
