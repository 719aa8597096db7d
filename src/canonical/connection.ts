import { Type } from '@sinclair/typebox'
import { Nullable, StringEnum } from './common.js'

export const OPERATIONS = ['list', 'get', 'create', 'update'] as const

const Capabilities = Type.Object({
  operations: Type.Record(Type.String(), Type.Array(StringEnum(OPERATIONS))),
  filters: Type.Record(Type.String(), Type.Array(Type.String())),
  boards: Type.Boolean({
    description:
      'Whether the vendor has boards (ConnectWise service boards, HaloPSA teams); without, GET .../boards is empty',
  }),
})

export const Connection = Type.Object(
  {
    id: Type.String(),
    vendor: Type.String(),
    capabilities: Capabilities,
    health: Type.Object({
      status: StringEnum(['unknown', 'ok', 'failing'] as const),
      breaker: StringEnum(['closed', 'open', 'half-open'] as const, {
        description:
          'open: calls fail fast (503) until the cool-down ends; half-open: one probe is let through',
      }),
      lastSuccessAt: Nullable(Type.String()),
      lastFailureAt: Nullable(Type.String()),
      consecutiveFailures: Type.Integer(),
    }),
  },
  {
    $id: 'Connection',
    examples: [
      {
        id: 'syncro-sandbox',
        vendor: 'syncro',
        capabilities: {
          operations: { tickets: ['list', 'get', 'create', 'update'], comments: ['list', 'create'] },
          filters: { tickets: ['status', 'customerId'], customers: ['q'] },
          boards: false,
        },
        health: {
          status: 'ok',
          breaker: 'closed',
          lastSuccessAt: '2026-01-01T10:00:00.000Z',
          lastFailureAt: null,
          consecutiveFailures: 0,
        },
      },
    ],
  },
)

export const ConnectionList = Type.Object(
  { data: Type.Array(Type.Ref(Connection)) },
  { $id: 'ConnectionList' },
)
