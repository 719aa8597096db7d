import type { Agent } from '../../src/canonical/agent.js'
import type { CommentCreate } from '../../src/canonical/comment.js'
import type { CustomFieldDefinition, CustomFieldResource } from '../../src/canonical/custom-field.js'
import type { ListFilters } from '../../src/canonical/list-query.js'
import type { Board, Priority, Status, TicketType } from '../../src/canonical/reference.js'
import type { TicketCreate, TicketUpdate } from '../../src/canonical/ticket.js'
import {
  noMatch,
  priorityForWrite,
  statusesForFilters,
  statusForWrite,
} from '../../src/mapping/reference-match.js'
import { validationFailed } from '../../src/errors.js'
import type { CallContext } from '../types.js'
import type { AutotaskFieldInfo, AutotaskPicklistValue } from './api.js'
import { udfsOf, type AutotaskUdf } from './custom-fields.js'
import {
  boardFromAutotask,
  isComplete,
  picklistOf,
  priorityFromAutotask,
  PUBLIC_PUBLISH_LABEL,
  statusFromAutotask,
  ticketTypeFromAutotask,
  type AutotaskMapOptions,
  type Picklist,
  type ResolvedTicketWrite,
  type TicketPicklists,
} from './map.js'
import type { AutotaskProduct, AutotaskResource } from './types.js'

/** The Autotask entity each canonical resource with custom fields is. */
export const UDF_ENTITIES: Record<CustomFieldResource, string> = {
  tickets: 'Tickets',
  customers: 'Companies',
  assets: 'ConfigurationItems',
  contacts: 'Contacts',
}

/** A picklist field's values, active or not, in Autotask's sort order. */
export function picklistValues(fields: readonly AutotaskFieldInfo[], name: string): AutotaskPicklistValue[] {
  const field = fields.find((one) => one.name.toLowerCase() === name.toLowerCase())
  return [...(field?.picklistValues ?? [])].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
}

const active = (values: AutotaskPicklistValue[]) => values.filter((value) => value.isActive !== false)

/**
 * The required picklist fields a create leaves out, at their picklist's default value (`isDefaultValue`): what
 * Autotask's own form would preselect. Fields named in `body` are left as they are; a required picklist without a
 * default is left to Autotask to refuse.
 */
export function requiredPicklistDefaults(
  fields: readonly AutotaskFieldInfo[],
  body: Record<string, unknown>,
): Record<string, number> {
  const given = new Set(Object.keys(body).map((key) => key.toLowerCase()))
  const defaults: Record<string, number> = {}
  for (const field of fields) {
    if (!field.isRequired || !field.isPickList || given.has(field.name.toLowerCase())) continue
    const chosen = active(field.picklistValues ?? []).find((value) => value.isDefaultValue)
    if (chosen) defaults[field.name] = Number(chosen.value)
  }
  return defaults
}

/**
 * The publish value a canonical visibility writes: public is "All Autotask Users" (map.ts, PUBLIC_PUBLISH_LABEL),
 * internal the first other active value (Autotask's stock "Internal Project Team"). Undefined when the picklist has
 * no such value: then no note is written rather than one of a visibility not asked for.
 */
export function publishFor(visibility: 'public' | 'internal', publish: readonly AutotaskPicklistValue[]) {
  const isPublic = (value: AutotaskPicklistValue) =>
    value.label.trim().toLowerCase() === PUBLIC_PUBLISH_LABEL.toLowerCase()
  const match = active([...publish]).find((value) => (visibility === 'public') === isPublic(value))
  return match === undefined ? undefined : Number(match.value)
}

export interface AutotaskReferenceSource {
  /** `/{Entity}/entityInformation/fields`, through the reference cache. */
  fields(entity: string, ctx: CallContext): Promise<AutotaskFieldInfo[]>
  /** `/{Entity}/entityInformation/userDefinedFields`, through the reference cache. */
  userDefinedFields(entity: string, ctx: CallContext): Promise<AutotaskFieldInfo[]>
  /** Every resource, through the reference cache. */
  agents(ctx: CallContext): Promise<Agent[]>
  /** Every product, through the reference cache. */
  products(ctx: CallContext): Promise<AutotaskProduct[]>
  mapOptions: AutotaskMapOptions
}

/** Autotask's picklists in canonical form, and the resolution of canonical writes to picklist values. */
export class AutotaskReference {
  constructor(private readonly source: AutotaskReferenceSource) {}

  private async ticketValues(name: string, ctx: CallContext) {
    return picklistValues(await this.source.fields('Tickets', ctx), name)
  }

  async ticketPicklists(ctx: CallContext): Promise<TicketPicklists> {
    const fields = await this.source.fields('Tickets', ctx)
    const of = (name: string) => picklistOf(picklistValues(fields, name))
    return {
      status: of('status'),
      priority: of('priority'),
      ticketType: of('ticketType'),
      queueID: of('queueID'),
    }
  }

  private readonly toStatus = (value: AutotaskPicklistValue) =>
    statusFromAutotask(value, this.source.mapOptions)
  private readonly toPriority = (value: AutotaskPicklistValue) =>
    priorityFromAutotask(value, this.source.mapOptions)

  /** Every status, inactive ones too: tickets may still be in one, and a filter by category finds them. */
  private async allStatuses(ctx: CallContext): Promise<Status[]> {
    return (await this.ticketValues('status', ctx)).map(this.toStatus)
  }

  async statuses(ctx: CallContext): Promise<Status[]> {
    return active(await this.ticketValues('status', ctx)).map(this.toStatus)
  }

  async priorities(ctx: CallContext): Promise<Priority[]> {
    return active(await this.ticketValues('priority', ctx)).map(this.toPriority)
  }

  /** The `ticketType` picklist (Service Request, Incident, Problem, …); issueType is a category, not a type. */
  async ticketTypes(ctx: CallContext): Promise<TicketType[]> {
    return active(await this.ticketValues('ticketType', ctx)).map(ticketTypeFromAutotask)
  }

  /** The Service Desk queues (`queueID`). */
  async boards(ctx: CallContext): Promise<Board[]> {
    return (await this.ticketValues('queueID', ctx)).map(boardFromAutotask)
  }

  /** The status values the status/statusId filters allow; undefined when neither is set. */
  async statusValuesFor(filters: ListFilters, ctx: CallContext): Promise<number[] | undefined> {
    if (filters.status === undefined && filters.statusId === undefined) return undefined
    const allowed = statusesForFilters('autotask', await this.allStatuses(ctx), filters)
    return allowed?.map((status) => Number(status.id))
  }

  /** The priority values of the levels the priority filter names; undefined when it is not set. */
  async priorityValuesFor(filters: ListFilters, ctx: CallContext): Promise<number[] | undefined> {
    if (filters.priority === undefined) return undefined
    return (await this.ticketValues('priority', ctx))
      .map(this.toPriority)
      .filter((priority) => filters.priority!.includes(priority.level))
      .map((priority) => Number(priority.id))
  }

  async notePublish(ctx: CallContext): Promise<Picklist> {
    return picklistOf(picklistValues(await this.source.fields('TicketNotes', ctx), 'publish'))
  }

  /** A note's noteType and publish for a canonical comment. */
  async noteWrite(body: CommentCreate, ctx: CallContext): Promise<{ noteType: number; publish: number }> {
    const fields = await this.source.fields('TicketNotes', ctx)
    const publish = publishFor(body.visibility ?? 'internal', picklistValues(fields, 'publish'))
    if (publish === undefined)
      throw noMatch('autotask', 'visibility', body.visibility ?? 'internal', 'visibility')
    const noteTypes = active(picklistValues(fields, 'noteType'))
    const noteType = noteTypes.find((value) => value.isDefaultValue) ?? noteTypes[0]
    if (noteType === undefined) throw noMatch('autotask', 'body', 'noteType', 'note types')
    return { noteType: Number(noteType.value), publish }
  }

  async configurationItemTypes(ctx: CallContext): Promise<Picklist> {
    return picklistOf(
      picklistValues(await this.source.fields('ConfigurationItems', ctx), 'configurationItemType'),
    )
  }

  /**
   * The product an asset's model names: the active product whose model (`manufacturerProductName`) or name is that
   * text, compared without case.
   */
  async productFor(model: string | null | undefined, ctx: CallContext): Promise<number | undefined> {
    if (model === undefined) return undefined
    if (model === null)
      throw validationFailed('an autotask configuration item always has a product, which its model names', [
        { field: 'model', message: 'cannot be cleared' },
      ])
    const wanted = model.trim().toLowerCase()
    const product = (await this.source.products(ctx)).find(
      (one) =>
        one.isActive !== false &&
        [one.manufacturerProductName, one.name].some((text) => text?.trim().toLowerCase() === wanted),
    )
    if (!product)
      throw validationFailed(`autotask has no product of model '${model}'`, [
        { field: 'model', message: "an asset's model names one of the Autotask account's products" },
      ])
    return product.id
  }

  /** The user-defined fields of a resource's entity. */
  async customFields(resource: CustomFieldResource, ctx: CallContext): Promise<AutotaskUdf[]> {
    return udfsOf(await this.source.userDefinedFields(UDF_ENTITIES[resource], ctx))
  }

  async customFieldDefinitions(
    resource: CustomFieldResource,
    ctx: CallContext,
  ): Promise<CustomFieldDefinition[]> {
    return (await this.customFields(resource, ctx)).map((udf) => udf.definition)
  }

  /**
   * A new company's `companyType`: the gateway's customers are of type Customer (Datto's Postman collection:
   * companyType 1 Customer, 3 Prospect, 7 Vendor); found by label, as values may differ between databases.
   */
  async customerCompanyType(ctx: CallContext): Promise<number | undefined> {
    const types = active(picklistValues(await this.source.fields('Companies', ctx), 'companyType'))
    const customer = types.find((type) => type.label.trim().toLowerCase() === 'customer')
    return customer && Number(customer.value)
  }

  /** An entity's required picklists a create leaves out, at their defaults. */
  async defaultsFor(entity: string, body: Record<string, unknown>, ctx: CallContext) {
    return requiredPicklistDefaults(await this.source.fields(entity, ctx), body)
  }

  /** A category or status id, a level or priority id, a type and a board, as Autotask's picklist values. */
  async resolveTicketWrite(
    body: TicketCreate | TicketUpdate,
    ctx: CallContext,
  ): Promise<ResolvedTicketWrite> {
    const needsStatus = body.status !== undefined || body.statusId !== undefined
    // Autotask's statuses have no category of their own: with no status named for `resolved`, it is Complete.
    const status = needsStatus
      ? statusForWrite('autotask', await this.statuses(ctx), body, isComplete)
      : undefined
    const needsPriority = body.priority !== undefined || body.priorityId !== undefined
    const priority = needsPriority
      ? priorityForWrite('autotask', await this.priorities(ctx), body)
      : undefined
    const type = await this.valueOf(body.typeId, 'typeId', 'ticket-types', () => this.ticketTypes(ctx))
    const queue = await this.valueOf(body.boardId, 'boardId', 'boards', async () =>
      (await this.boards(ctx)).filter((board) => board.active),
    )
    return {
      status: status && Number(status.id),
      priority: priority && Number(priority.id),
      ticketType: type,
      queueID: queue,
      assignedResourceRoleID: await this.assigneeRole(body.assigneeId, ctx),
    }
  }

  private async valueOf(
    id: string | undefined,
    field: string,
    list: string,
    load: () => Promise<Array<{ id: string }>>,
  ): Promise<number | undefined> {
    if (id === undefined) return undefined
    if (!(await load()).some((one) => one.id === id)) throw noMatch('autotask', field, id, list)
    return Number(id)
  }

  /**
   * Autotask assigns a resource in a role ("A Resource + Role combination assigned to a ticket must be associated
   * with at least one Service Desk Queue": Autotask's Tickets page): the resource's default Service Desk role.
   */
  private async assigneeRole(assigneeId: string | null | undefined, ctx: CallContext) {
    if (assigneeId === undefined) return undefined
    if (assigneeId === null) return null
    const agent = (await this.source.agents(ctx)).find((one) => one.id === assigneeId)
    if (!agent) throw noMatch('autotask', 'assigneeId', assigneeId, 'agents')
    return (agent.remote as AutotaskResource).defaultServiceDeskRoleID ?? undefined
  }
}
