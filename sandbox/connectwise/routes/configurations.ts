import type { ConnectWiseDatabase } from '../database.js'
import {
  CONFIGURATION_PATCH_RULES,
  CONFIGURATION_RESOURCE,
  configurationFields,
  readConfiguration,
} from '../inputs/configuration-input.js'
import { applyPatch } from '../inputs/json-patch.js'
import { writableFields } from '../inputs/validation.js'
import type { RouteHandler } from '../http-types.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import type { ListSource } from '../listing/matches.js'
import type { ConfigurationRecord } from '../records.js'
import { invalidObject, recordNotFound } from '../vendor-errors.js'
import {
  CONFIGURATION_SCHEMA,
  CONFIGURATION_TYPE_SCHEMA,
  configurationTypeView,
  configurationView,
} from '../views/configurations.js'
import { newInfo, objectBody, recordId, touchedInfo, writeStamp } from './common.js'

const configurationSource = (db: ConnectWiseDatabase): ListSource<ConfigurationRecord> => ({
  records: db.configurations,
  view: (configuration) => configurationView(db, configuration),
})

export const listConfigurations: RouteHandler = (request, context) =>
  listReply(request, context, CONFIGURATION_SCHEMA, configurationSource(context.db))

export const countConfigurations: RouteHandler = (request, { db }) =>
  countReply(request, CONFIGURATION_SCHEMA, configurationSource(db))

export const getConfiguration: RouteHandler = (request, { db }) => {
  const configuration = db.configurations.get(recordId(request.params.id))
  if (!configuration) return recordNotFound('Configuration', request.params.id)
  return recordReply(request, CONFIGURATION_SCHEMA, configurationView(db, configuration))
}

export const createConfiguration: RouteHandler = (request, context) => {
  const { db } = context
  const fields = writableFields(objectBody(request.body), Object.keys(CONFIGURATION_PATCH_RULES.writable))
  const input = readConfiguration(db, fields, 'create')
  if (!input.ok) return invalidObject(CONFIGURATION_RESOURCE, input.errors)
  const configuration = db.insertConfiguration({ ...input.fields, info: newInfo(writeStamp(context)) })
  return recordReply(request, CONFIGURATION_SCHEMA, configurationView(db, configuration), 201)
}

export const patchConfiguration: RouteHandler = (request, context) => {
  const { db } = context
  const configuration = db.configurations.get(recordId(request.params.id))
  if (!configuration) return recordNotFound('Configuration', request.params.id)
  const patch = applyPatch(configurationFields(db, configuration), request.body, CONFIGURATION_PATCH_RULES)
  if (!patch.ok) return invalidObject(CONFIGURATION_RESOURCE, patch.errors)
  const input = readConfiguration(db, patch.fields, 'update')
  if (!input.ok) return invalidObject(CONFIGURATION_RESOURCE, input.errors)
  db.updateConfiguration(configuration, {
    ...input.fields,
    info: touchedInfo(configuration.info, writeStamp(context)),
  })
  return recordReply(request, CONFIGURATION_SCHEMA, configurationView(db, configuration))
}

export const listConfigurationTypes: RouteHandler = (request, context) =>
  listReply(request, context, CONFIGURATION_TYPE_SCHEMA, {
    records: context.db.configurationTypes,
    view: configurationTypeView,
  })
