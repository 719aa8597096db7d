import type { HandlerContext, RouteHandler } from '../http-types.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import { recordNotFound } from '../vendor-errors.js'
import { USER_DEFINED_FIELD_SCHEMA, userDefinedFieldView } from '../views/custom-fields.js'
import { recordId } from './common.js'

// `/system/userDefinedFields` (UserDefinedFieldsAPI: ai-connor/connectwise api_user_defined_fields.go, generated
// from ConnectWise's spec): the custom field definitions of every screen, read-only here. A client finds a
// resource's by `conditions=screenId="ct300"`.

const source = (context: HandlerContext) => ({
  records: context.db.userDefinedFields,
  view: userDefinedFieldView,
})

export const listUserDefinedFields: RouteHandler = (request, context) =>
  listReply(request, context, USER_DEFINED_FIELD_SCHEMA, source(context))

export const countUserDefinedFields: RouteHandler = (request, context) =>
  countReply(request, USER_DEFINED_FIELD_SCHEMA, source(context))

export const getUserDefinedField: RouteHandler = (request, { db }) => {
  const definition = db.userDefinedFields.get(recordId(request.params.id))
  return definition
    ? recordReply(request, USER_DEFINED_FIELD_SCHEMA, userDefinedFieldView(definition))
    : recordNotFound('UserDefinedField', request.params.id)
}
