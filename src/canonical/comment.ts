import { Type, type Static } from '@sinclair/typebox'
import { MultiLine, Nullable, Remote, StringEnum, Timestamp } from './common.js'

export const COMMENT_VISIBILITIES = ['public', 'internal'] as const

export const Comment = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    body: Type.String(),
    visibility: StringEnum(COMMENT_VISIBILITIES, {
      description: 'Ambiguous vendor visibility is reported as internal',
    }),
    author: Nullable(
      Type.Object(
        { id: Nullable(Type.String()), name: Nullable(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    createdAt: Timestamp,
    remote: Remote,
  },
  {
    $id: 'Comment',
    additionalProperties: false,
    examples: [
      {
        id: '88120',
        ticketId: '1207',
        body: 'Replaced the toner; printing again.',
        visibility: 'public',
        author: { id: '3', name: 'Dana Reyes' },
        createdAt: '2025-03-14T11:02:10.000Z',
      },
    ],
  },
)
export type Comment = Static<typeof Comment>

export const CommentCreate = Type.Object(
  {
    body: MultiLine({ minLength: 1, maxLength: 65_535 }),
    visibility: Type.Optional(StringEnum(COMMENT_VISIBILITIES, { description: 'Defaults to internal' })),
  },
  {
    $id: 'CommentCreate',
    additionalProperties: false,
    examples: [{ body: 'Called the customer, waiting for a reply.', visibility: 'internal' }],
  },
)
export type CommentCreate = Static<typeof CommentCreate>
