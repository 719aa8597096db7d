import type { EmulatorReply } from '../../shared/reply.js'
import { EntityError, type EntityDefinition, type FieldDefinition, type Row } from '../entities/entity.js'
import { udfInformation } from '../entities/user-defined-fields.js'
import { pathId, singularName } from '../entity-names.js'
import type { AutotaskRequest, HandlerContext } from '../http-types.js'
import { firstPageToken, pageAt, pageDetails, pageUrl } from '../paging.js'
import { MAX_RECORDS } from '../query/query-model.js'
import { noRoute } from '../vendor-errors.js'

/**
 * `GET /{Entity}/{id}` → `{"item": {…}}` (APIGRATE README; PSMOD reads `.item`). An id the database does not hold
 * answers 200 `{"item": null}` (tphakala/go-autotask crud.go handles exactly that answer; facts §4 "Reads"); an
 * id that is no integer matches no route.
 */
export function getById(entity: EntityDefinition) {
  return ({ params, path }: AutotaskRequest, { db }: HandlerContext): EmulatorReply => {
    const id = pathId(params.id)
    if (id === undefined) return noRoute(path)
    return { status: 200, body: { item: copyOf(entity.rows(db).get(id)) } }
  }
}

/** `POST /{Entity}` (or under its parent) → 200 `{"itemId": N}` (WYRE-AI/msp-claude-plugins#31, live; SWAGGER). */
export function createRecord(entity: EntityDefinition) {
  const create = entity.create
  if (!create) throw new Error(`${entity.name} has no create`)
  return ({ params, body }: AutotaskRequest, context: HandlerContext): EmulatorReply => {
    const parentId = parentIdOf(entity, params, context)
    const row = create(context.db, writeBody(entity, body, context), parentId, context.now())
    return { status: 200, body: { itemId: row.id } }
  }
}

/**
 * `PATCH /{Entity}` with the record's `id` in the body: only the fields sent change → `{"itemId": N}` (facts §4
 * "Create / update answers"; there is no `PATCH /{Entity}/{id}`). A body without an integer id is refused here
 * (unsourced text: chosen); whether the id exists is the entity's to say.
 */
export function updateRecord(entity: EntityDefinition) {
  const update = entity.update
  if (!update) throw new Error(`${entity.name} has no update`)
  return ({ params, body }: AutotaskRequest, context: HandlerContext): EmulatorReply => {
    const parentId = parentIdOf(entity, params, context)
    const fields = writeBody(entity, body, context)
    const id = typeof fields.id === 'string' && /^\d+$/.test(fields.id) ? Number(fields.id) : fields.id
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0)
      throw new EntityError(500, [
        `An update of a ${singularName(entity.name)} needs the id of the record in its body.`,
      ])
    const row = update(context.db, { ...fields, id }, parentId, context.now())
    return { status: 200, body: { itemId: row.id } }
  }
}

/**
 * `DELETE /{Entity}/{id}` (an entity whose `info.canDelete`) → 200 `{"itemId": N}` (facts §4: SWAGGER
 * OperationResultModel; the body on the wire is unverified).
 */
export function deleteRecord(entity: EntityDefinition) {
  const remove = entity.delete
  if (!remove) throw new Error(`${entity.name} has no delete`)
  return ({ params, path }: AutotaskRequest, context: HandlerContext): EmulatorReply => {
    const id = pathId(params.id)
    if (id === undefined) return noRoute(path)
    remove(context.db, id, undefined)
    return { status: 200, body: { itemId: id } }
  }
}

/**
 * `GET /{Parent}/{parentId}/{Child}`: the parent's children, shaped as a query's answer (SWAGGER `…Child_Query`;
 * facts §4 "Reads"), 500 to a page. How Autotask pages a long child list is not known: the next page is the child
 * entity's own query on the parent id, `…/{Child}/query/next` (unsourced: chosen so no child goes missing, and
 * because child lists are read at the root entity's query, PSMOD). A parent that does not exist has no children
 * (unsourced: chosen because the child URL reads as a query on the parent id).
 */
export function listChildren(entity: EntityDefinition, parent: NonNullable<EntityDefinition['parent']>) {
  return ({ params, path }: AutotaskRequest, context: HandlerContext): EmulatorReply => {
    const parentId = pathId(params.parentId)
    if (parentId === undefined) return noRoute(path)
    const children = [...entity.rows(context.db).values()]
      .filter((row) => row[parent.idField] === parentId)
      .sort((a, b) => a.id - b.id)
    const page = pageAt(children, firstPageToken(MAX_RECORDS))
    const search = JSON.stringify({ filter: [{ op: 'eq', field: parent.idField, value: parentId }] })
    const nextUrl = pageUrl(context.baseUrl, entity.name, 'query/next', search)
    return {
      status: 200,
      body: { items: page.rows.map(copyOf), pageDetails: pageDetails(page, MAX_RECORDS, nextUrl) },
    }
  }
}

/** `GET /{Parent}/{parentId}/{Child}/{id}`: a child of another parent is no child of this one. */
export function getChild(entity: EntityDefinition, parent: NonNullable<EntityDefinition['parent']>) {
  return ({ params, path }: AutotaskRequest, { db }: HandlerContext): EmulatorReply => {
    const parentId = pathId(params.parentId)
    const id = pathId(params.id)
    if (parentId === undefined || id === undefined) return noRoute(path)
    const row = entity.rows(db).get(id)
    return { status: 200, body: { item: row && row[parent.idField] === parentId ? copyOf(row) : null } }
  }
}

/**
 * A call the vendor serves that the emulator does not: 501, in Web API's `{"Message"}` shape (unsourced: chosen so
 * it reads as the sandbox's limit, never as an Autotask answer).
 */
export function notEmulated({ method, path }: AutotaskRequest): EmulatorReply {
  return { status: 501, body: { Message: `${method} ${path} is not emulated by the Autotask sandbox.` } }
}

/** `/{Entity}/entityInformation` → `{"info": {…}}` (SWAGGER EntityInformationResultModel, camelCase on the wire). */
export function entityInformation(entity: EntityDefinition) {
  return (): EmulatorReply => ({ status: 200, body: { info: entity.info } })
}

/** `/{Entity}/entityInformation/fields` → `{"fields": [...]}` (SWAGGER FieldInformationResultModel). */
export function entityFields(entity: EntityDefinition) {
  return (_request: AutotaskRequest, { db }: HandlerContext): EmulatorReply => ({
    status: 200,
    body: { fields: entity.fields(db) },
  })
}

/** `/{Entity}/entityInformation/userDefinedFields` → `{"fields": [...]}` (SWAGGER UserDefinedFieldInformationResultModel). */
export function userDefinedFields(entity: EntityDefinition) {
  return (_request: AutotaskRequest, { db }: HandlerContext): EmulatorReply => ({
    status: 200,
    body: { fields: (entity.userDefinedFields?.(db) ?? []).map(udfInformation) },
  })
}

/**
 * A write's body with its property names spelled as the entity's fields are: ASP.NET binds them without case
 * (facts §4: Datto's Postman samples mix `QueueID`, `TicketID`, `NoteType`). Names that are no field are kept as
 * sent, for the entity to judge. A body that is no JSON object is refused (unsourced text: chosen).
 */
function writeBody(
  entity: EntityDefinition,
  body: unknown,
  context: HandlerContext,
): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new EntityError(500, [`The request body must be a ${singularName(entity.name)} as a JSON object.`])
  const spelling = new Map(
    entity.fields(context.db).map((field: FieldDefinition) => [field.name.toLowerCase(), field.name]),
  )
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => [spelling.get(name.toLowerCase()) ?? name, value]),
  )
}

/**
 * The parent id of a write made under the parent's URL; the parent must exist (unsourced text: chosen after
 * "Value does not reference an existing entity for taskType . ", WYRE-AI/autotask-mcp#46, a 500).
 */
function parentIdOf(
  entity: EntityDefinition,
  params: Record<string, string>,
  context: HandlerContext,
): number | undefined {
  if (!entity.parent || params.parentId === undefined) return undefined
  const parentId = pathId(params.parentId)
  const parent = context.entities.get(entity.parent.entity)
  if (parentId === undefined || !parent?.rows(context.db).has(parentId))
    throw new EntityError(500, [
      `Value does not reference an existing entity for ${entity.parent.idField} . `,
    ])
  return parentId
}

function copyOf(row: Row | undefined): Row | null {
  return row ? structuredClone(row) : null
}
