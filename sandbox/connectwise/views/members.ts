import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { MemberRecord } from '../records.js'
import { withoutNulls } from './json.js'
import { INFO, infoView } from './references.js'

/** A member record has no `name`: that only appears in references to it (`owner`, a note's `member`). */
export const MEMBER_SCHEMA = {
  id: 'integer',
  identifier: 'string',
  firstName: 'string',
  lastName: 'string',
  officeEmail: 'string',
  title: 'string',
  inactiveFlag: 'boolean',
  _info: INFO,
} as const satisfies FieldSchema

export function memberView(member: MemberRecord): JsonObject {
  return withoutNulls({
    id: member.id,
    identifier: member.identifier,
    firstName: member.firstName,
    lastName: member.lastName,
    officeEmail: member.officeEmail,
    title: member.title,
    inactiveFlag: member.inactiveFlag,
    _info: infoView(member.info),
  })
}
