import { Type, type Static } from '@sinclair/typebox'
import { Nullable, Remote } from './common.js'

/** Someone who works tickets: ConnectWise member, HaloPSA agent, Syncro user. Read-only. */
export const Agent = Type.Object(
  {
    id: Type.String({ description: "The id a ticket's assignee and a comment's author carry" }),
    name: Type.String(),
    email: Nullable(Type.String()),
    active: Type.Boolean(),
    remote: Remote,
  },
  {
    $id: 'Agent',
    additionalProperties: false,
    examples: [{ id: '3', name: 'Dana Reyes', email: 'dana@msp.example', active: true }],
  },
)
export type Agent = Static<typeof Agent>
