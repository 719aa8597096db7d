import type { Route } from '../../shared/router.js'
import type { EntityDefinition } from '../entities/entity.js'
import type { RouteHandler } from '../http-types.js'
import { queryHandlers } from './queries.js'
import {
  createRecord,
  deleteRecord,
  entityFields,
  entityInformation,
  getById,
  getChild,
  listChildren,
  notEmulated,
  updateRecord,
  userDefinedFields,
} from './records.js'
import { thresholdInformation } from './threshold-information.js'

/**
 * The emulated part of the REST API, paths after the zone's `…/V1.0`, for the entities given. Per SWAGGER: every
 * entity has `/{id}`, `/query` (GET and POST), `/query/count`, `/query/next` and its entity information; a root
 * entity is written at `/{Entity}` (POST creates, PATCH updates); a child entity (TicketNotes, Contacts) is written
 * only under its parent, `/Tickets/{parentId}/Notes` (facts §4: `POST /TicketNotes` is a 404); a root entity that
 * can delete is deleted at `DELETE /{Entity}/{id}` (SWAGGER: TimeEntries, `{Kind}Webhooks`), a child under its
 * parent (`DELETE /Companies/{parentId}/Contacts/{id}`). What the vendor offers and the emulator does not do — PUT
 * (a full replace, APIGRATE index.js), a child's delete, an update the entity does not implement (Resources) —
 * answers 501 (notEmulated), so no caller mistakes it for the vendor's own refusal. Literal paths come before `:id`
 * ones: the first match wins.
 */
export function autotaskRoutes(entities: Iterable<EntityDefinition>): Route<RouteHandler>[] {
  const routes: Route<RouteHandler>[] = [
    { method: 'GET', pattern: '/ThresholdInformation', handler: thresholdInformation },
  ]
  for (const entity of entities) {
    routes.push(...informationRoutes(`/${entity.name}`, entity), ...queryRoutes(entity))
    routes.push({ method: 'GET', pattern: `/${entity.name}/:id`, handler: getById(entity) })
    const writesAt = entity.parent
      ? `/${entity.parent.entity}/:parentId/${entity.parent.childPath}`
      : `/${entity.name}`
    if (entity.parent) {
      routes.push(...informationRoutes(writesAt, entity))
      routes.push({ method: 'GET', pattern: writesAt, handler: listChildren(entity, entity.parent) })
      routes.push({ method: 'GET', pattern: `${writesAt}/:id`, handler: getChild(entity, entity.parent) })
    }
    if (entity.info.canCreate && entity.create)
      routes.push({ method: 'POST', pattern: writesAt, handler: createRecord(entity) })
    if (entity.info.canUpdate) {
      const patch = entity.update ? updateRecord(entity) : notEmulated
      routes.push({ method: 'PATCH', pattern: writesAt, handler: patch })
      routes.push({ method: 'PUT', pattern: writesAt, handler: notEmulated })
    }
    if (entity.info.canDelete) {
      const remove = entity.delete && !entity.parent ? deleteRecord(entity) : notEmulated
      routes.push({
        method: 'DELETE',
        pattern: `${entity.parent ? writesAt : `/${entity.name}`}/:id`,
        handler: remove,
      })
    }
  }
  return routes
}

function informationRoutes(at: string, entity: EntityDefinition): Route<RouteHandler>[] {
  return [
    { method: 'GET', pattern: `${at}/entityInformation`, handler: entityInformation(entity) },
    { method: 'GET', pattern: `${at}/entityInformation/fields`, handler: entityFields(entity) },
    {
      method: 'GET',
      pattern: `${at}/entityInformation/userDefinedFields`,
      handler: userDefinedFields(entity),
    },
  ]
}

function queryRoutes(entity: EntityDefinition): Route<RouteHandler>[] {
  const at = `/${entity.name}/query`
  const query = queryHandlers(entity)
  return [
    { method: 'GET', pattern: at, handler: query.getQuery },
    { method: 'POST', pattern: at, handler: query.postQuery },
    { method: 'GET', pattern: `${at}/count`, handler: query.getCount },
    { method: 'POST', pattern: `${at}/count`, handler: query.postCount },
    { method: 'GET', pattern: `${at}/next`, handler: query.getNext },
    { method: 'POST', pattern: `${at}/next`, handler: query.postNext },
  ]
}
