import type { ConnectWiseDatabase } from '../database.js'
import type { RouteHandler } from '../http-types.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import type { ListSource } from '../listing/matches.js'
import type { AgreementRecord } from '../records.js'
import { recordNotFound } from '../vendor-errors.js'
import { AGREEMENT_SCHEMA, agreementView } from '../views/agreements.js'
import { recordId } from './common.js'

// `/finance/agreements`: read-only here, a family the gateway does not model, for its passthrough to reach.

const agreementSource = (db: ConnectWiseDatabase): ListSource<AgreementRecord> => ({
  records: db.agreements,
  view: (agreement) => agreementView(db, agreement),
})

export const listAgreements: RouteHandler = (request, context) =>
  listReply(request, context, AGREEMENT_SCHEMA, agreementSource(context.db))

export const countAgreements: RouteHandler = (request, { db }) =>
  countReply(request, AGREEMENT_SCHEMA, agreementSource(db))

export const getAgreement: RouteHandler = (request, { db }) => {
  const agreement = db.agreements.get(recordId(request.params.id))
  if (!agreement) return recordNotFound('Agreement', request.params.id)
  return recordReply(request, AGREEMENT_SCHEMA, agreementView(db, agreement))
}
