import { Type } from '@sinclair/typebox'

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.Optional(Type.String()), message: Type.String() })),
    ),
    vendor: Type.Optional(
      Type.Object({
        status: Type.Integer(),
        code: Type.Optional(Type.String()),
        message: Type.Optional(Type.String()),
      }),
    ),
    writeOutcome: Type.Optional(
      Type.Literal('unknown', {
        description:
          'The write reached the vendor and no answer came back: it may have happened. Check before writing ' +
          'again; a repeat with the same Idempotency-Key replays this answer and never writes a second time.',
      }),
    ),
  },
  {
    $id: 'Problem',
    description: 'RFC 9457 problem details (application/problem+json)',
    examples: [
      {
        type: 'urn:psa-gateway:problem:unsupported_filter',
        title: 'The vendor cannot apply this filter',
        status: 400,
        code: 'unsupported_filter',
        detail: "syncro cannot filter tickets by 'priority'",
        requestId: '6f1c2a9e-1f0b-4c1e-9d51-1b7d1c0c9a11',
        errors: [{ field: 'priority', message: 'not supported by syncro' }],
      },
    ],
  },
)
