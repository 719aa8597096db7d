import type { CustomFieldDefinition, CustomFieldResource } from '../../src/canonical/custom-field.js'
import type { Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import { noMatch, priorityForWrite, statusForWrite } from '../../src/mapping/reference-match.js'
import type { CallContext } from '../types.js'
import {
  priorityFromSyncro,
  statusFromSyncro,
  ticketTypeFromSyncro,
  type ResolvedTicketWrite,
  type SyncroMapOptions,
} from './map.js'
import { syncroCustomFieldOf, type SyncroCustomField } from './custom-fields.js'
import type { SyncroAccountSettings, SyncroField, SyncroTicketSettings } from './types.js'

/** The account's lists from `GET /settings`, blanks and repeats dropped. */
export interface SyncroAccountLists {
  /** `ticket.priorities` (the blank choice is "no priority", not a priority). */
  priorities: string[]
  /** `ticket.problem_types`: the Issue Types. */
  problemTypes: string[]
  /** The custom fields of tickets (per ticket type), customers and assets (per asset type). */
  customFields: Record<SyncroFieldResource, SyncroCustomField[]>
  /** `assets.asset_types` by name: an asset names its type by text, its type's fields by the type's id. */
  assetTypeIds: Record<string, number>
}

/** The resources Syncro defines custom fields for (contacts carry `properties`, but no settings list defines any). */
export type SyncroFieldResource = Exclude<CustomFieldResource, 'contacts'>

export interface SyncroReferenceSource {
  /** GET /tickets/settings, through the reference cache. */
  ticketSettings(ctx: CallContext): Promise<SyncroTicketSettings>
  /** GET /settings, through the reference cache. */
  accountLists(ctx: CallContext): Promise<SyncroAccountLists>
  /** The connection's own priority texts, when configured: they stand for the account's list. */
  priorityNames?: readonly string[]
  mapOptions: SyncroMapOptions
}

/** Syncro's reference data in canonical form, and the resolution of canonical writes to Syncro's texts. */
export class SyncroReference {
  constructor(private readonly source: SyncroReferenceSource) {}

  async statuses(ctx: CallContext): Promise<Status[]> {
    const settings = await this.source.ticketSettings(ctx)
    return (settings.ticket_status_list ?? []).map((name) => statusFromSyncro(name, this.source.mapOptions))
  }

  async priorities(ctx: CallContext): Promise<Priority[]> {
    const names = this.source.priorityNames ?? (await this.source.accountLists(ctx)).priorities
    return names.map((name) => priorityFromSyncro(name, this.source.mapOptions))
  }

  /** The Issue Types (`problem_type`): the canonical ticket types of a Syncro account. */
  async ticketTypes(ctx: CallContext): Promise<TicketType[]> {
    return (await this.source.accountLists(ctx)).problemTypes.map(ticketTypeFromSyncro)
  }

  /** The custom fields Syncro defines on `resource`, each with the ticket type or asset type it belongs to. */
  async customFields(resource: CustomFieldResource, ctx: CallContext): Promise<SyncroCustomField[]> {
    if (resource === 'contacts') return []
    return (await this.source.accountLists(ctx)).customFields[resource]
  }

  async customFieldDefinitions(
    resource: CustomFieldResource,
    ctx: CallContext,
  ): Promise<CustomFieldDefinition[]> {
    return (await this.customFields(resource, ctx)).map((field) => field.definition)
  }

  /** The account's asset types' ids by name. */
  async assetTypeIds(ctx: CallContext): Promise<Record<string, number>> {
    return (await this.source.accountLists(ctx)).assetTypeIds
  }

  /** Turns a category or status id, a level or priority id, a type id, into the text Syncro stores. */
  async resolveTicketWrite(
    body: TicketCreate | TicketUpdate,
    ctx: CallContext,
  ): Promise<ResolvedTicketWrite> {
    const needsStatus = body.status !== undefined || body.statusId !== undefined
    const status = needsStatus ? statusForWrite('syncro', await this.statuses(ctx), body) : undefined
    const needsPriority = body.priority !== undefined || body.priorityId !== undefined
    const priority = needsPriority ? priorityForWrite('syncro', await this.priorities(ctx), body) : undefined
    return { statusName: status?.name, priorityName: priority?.name, problemType: await this.type(body, ctx) }
  }

  private async type(body: TicketCreate | TicketUpdate, ctx: CallContext): Promise<string | undefined> {
    if (body.typeId === undefined) return undefined
    const match = (await this.ticketTypes(ctx)).find((type) => type.id === body.typeId)
    if (!match) throw noMatch('syncro', 'typeId', body.typeId, 'ticket-types')
    return match.name
  }
}

/** The lists of a `GET /settings` answer; the blank choice and repeats dropped, the vendor's order kept. */
export function accountListsOf(settings: SyncroAccountSettings): SyncroAccountLists {
  const texts = (value: unknown): string[] =>
    Array.isArray(value)
      ? [...new Set(value.filter((item): item is string => typeof item === 'string' && item.trim() !== ''))]
      : []
  const fields = (list: SyncroField[] | undefined, owner: (field: SyncroField) => number | null) =>
    (Array.isArray(list) ? list : []).map((field) => syncroCustomFieldOf(field, owner(field)))
  return {
    priorities: texts(settings.ticket?.priorities),
    problemTypes: texts(settings.ticket?.problem_types),
    customFields: {
      tickets: fields(settings.ticket?.ticket_type_fields, (field) => field.ticket_type_id ?? null),
      customers: fields(settings.customers?.customer_fields, () => null),
      assets: fields(settings.assets?.asset_type_fields, (field) => field.asset_type_id ?? null),
    },
    assetTypeIds: Object.fromEntries(
      (settings.assets?.asset_types ?? []).flatMap((type) => (type.name ? [[type.name, type.id]] : [])),
    ),
  }
}
