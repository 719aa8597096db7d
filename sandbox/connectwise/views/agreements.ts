import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { AgreementRecord } from '../records.js'
import { withoutNulls } from './json.js'
import {
  companyRef,
  contactRef,
  ID_IDENTIFIER_NAME,
  ID_NAME,
  INFO,
  infoView,
  namedRef,
} from './references.js'

/** Agreement's fields the emulator keeps (sowderca/connectwise-ruby-sdk models/agreement.rb). */
export const AGREEMENT_SCHEMA = {
  id: 'integer',
  name: 'string',
  type: ID_NAME,
  company: ID_IDENTIFIER_NAME,
  contact: ID_NAME,
  customerPO: 'string',
  startDate: 'datetime',
  endDate: 'datetime',
  noEndingDateFlag: 'boolean',
  cancelledFlag: 'boolean',
  dateCancelled: 'datetime',
  reasonCancelled: 'string',
  internalNotes: 'string',
  applicationUnits: 'string',
  applicationLimit: 'number',
  applicationCycle: 'string',
  applicationUnlimitedFlag: 'boolean',
  billAmount: 'number',
  billTime: 'string',
  _info: INFO,
} as const satisfies FieldSchema

export function agreementView(db: ConnectWiseDatabase, agreement: AgreementRecord): JsonObject {
  return withoutNulls({
    id: agreement.id,
    name: agreement.name,
    type: namedRef(db.agreementTypes, agreement.typeId),
    company: companyRef(db, agreement.companyId),
    contact: contactRef(db, agreement.contactId),
    customerPO: agreement.customerPO,
    startDate: agreement.startDate,
    endDate: agreement.endDate,
    noEndingDateFlag: agreement.noEndingDateFlag,
    cancelledFlag: agreement.cancelledFlag,
    dateCancelled: agreement.dateCancelled,
    reasonCancelled: agreement.reasonCancelled,
    internalNotes: agreement.internalNotes,
    applicationUnits: agreement.applicationUnits,
    applicationLimit: agreement.applicationLimit,
    applicationCycle: agreement.applicationCycle,
    applicationUnlimitedFlag: agreement.applicationUnlimitedFlag,
    billAmount: agreement.billAmount,
    billTime: agreement.billTime,
    _info: infoView(agreement.info),
  })
}
