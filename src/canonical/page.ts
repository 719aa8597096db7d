import { Type, type TSchema } from '@sinclair/typebox'
import { Nullable } from './common.js'

export const MAX_PAGE_SIZE = 1000
export const DEFAULT_PAGE_SIZE = 25

/** The list envelope: `{ data, nextCursor }`, named `<Item>Page` in OpenAPI. */
export const PageOf = <T extends TSchema>(item: T, $id: string) =>
  Type.Object(
    {
      data: Type.Array(item),
      nextCursor: Nullable(
        Type.String({
          description: 'Opaque; pass it back as ?cursor= with the same filters. Null on the last page.',
        }),
      ),
    },
    { $id, additionalProperties: false },
  )

/** Reference lists are small and unpaged; they use the same envelope so clients need one reader. */
export const ListOf = <T extends TSchema>(item: T, $id: string) =>
  Type.Object({ data: Type.Array(item), nextCursor: Type.Null() }, { $id, additionalProperties: false })

/** A feed's page: a list page whose `nextCursor` is never null, since the feed goes on. */
export const FeedPageOf = <T extends TSchema>(item: T, $id: string) =>
  Type.Object(
    {
      data: Type.Array(item),
      nextCursor: Type.String({
        description:
          'Opaque; pass it back as ?cursor= with the same types to read on. Never null: the feed goes on, so poll it again later.',
      }),
    },
    { $id, additionalProperties: false },
  )
