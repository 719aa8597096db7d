import type { ConnectWiseDatabase } from '../database.js'
import { COMPANY_PATCH_RULES, COMPANY_RESOURCE, companyFields, readCompany } from '../inputs/company-input.js'
import { applyPatch } from '../inputs/json-patch.js'
import { writableFields } from '../inputs/validation.js'
import type { RouteHandler } from '../http-types.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import type { ListSource } from '../listing/matches.js'
import type { CompanyRecord } from '../records.js'
import { invalidObject, recordNotFound } from '../vendor-errors.js'
import { COMPANY_SCHEMA, companyView } from '../views/companies.js'
import { newInfo, objectBody, recordId, touchedInfo, writeStamp } from './common.js'

const companySource = (db: ConnectWiseDatabase): ListSource<CompanyRecord> => ({
  records: db.companies,
  view: (company) => companyView(db, company),
})

/** Deleted companies are listed too, with `deletedFlag` true; `conditions=deletedFlag=false` leaves them out. */
export const listCompanies: RouteHandler = (request, context) =>
  listReply(request, context, COMPANY_SCHEMA, companySource(context.db))

export const countCompanies: RouteHandler = (request, { db }) =>
  countReply(request, COMPANY_SCHEMA, companySource(db))

export const getCompany: RouteHandler = (request, { db }) => {
  const company = db.companies.get(recordId(request.params.id))
  if (!company) return recordNotFound('Company', request.params.id)
  return recordReply(request, COMPANY_SCHEMA, companyView(db, company))
}

export const createCompany: RouteHandler = (request, context) => {
  const { db } = context
  const fields = writableFields(objectBody(request.body), Object.keys(COMPANY_PATCH_RULES.writable))
  const input = readCompany(db, fields)
  if (!input.ok) return invalidObject(COMPANY_RESOURCE, input.errors)
  const company = db.insertCompany({
    ...input.fields,
    deletedFlag: false,
    info: newInfo(writeStamp(context)),
  })
  return recordReply(request, COMPANY_SCHEMA, companyView(db, company), 201)
}

export const patchCompany: RouteHandler = (request, context) => {
  const { db } = context
  const company = db.companies.get(recordId(request.params.id))
  if (!company) return recordNotFound('Company', request.params.id)
  const patch = applyPatch(companyFields(db, company), request.body, COMPANY_PATCH_RULES)
  if (!patch.ok) return invalidObject(COMPANY_RESOURCE, patch.errors)
  const input = readCompany(db, patch.fields, company.id)
  if (!input.ok) return invalidObject(COMPANY_RESOURCE, input.errors)
  db.updateCompany(company, { ...input.fields, info: touchedInfo(company.info, writeStamp(context)) })
  return recordReply(request, COMPANY_SCHEMA, companyView(db, company))
}
