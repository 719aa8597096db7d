import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from '../canonical/common.js'

/** What a connection lets the passthrough do: methods on the vendor paths under a prefix (docs/passthrough.md). */

export const PASSTHROUGH_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type PassthroughMethod = (typeof PASSTHROUGH_METHODS)[number]

export const PassthroughRule = Type.Object(
  {
    methods: Type.Array(StringEnum(PASSTHROUGH_METHODS), { minItems: 1 }),
    /** Whole segments, case-sensitive, as the vendor documents them: `/finance/agreements`; `/` for every path. */
    prefix: Type.String({ pattern: '^/' }),
  },
  { additionalProperties: false },
)
export type PassthroughRule = Static<typeof PassthroughRule>

export const PassthroughConfig = Type.Object(
  {
    /** Every method and path allowed; what no rule names is refused. Absent: `DEFAULT_PASSTHROUGH_RULES`. */
    allow: Type.Array(PassthroughRule),
  },
  { additionalProperties: false },
)
export type PassthroughConfig = Static<typeof PassthroughConfig>

/** Read-only: GET on every path. */
export const DEFAULT_PASSTHROUGH_RULES: readonly PassthroughRule[] = [{ methods: ['GET'], prefix: '/' }]

export const passthroughRulesOf = (config: { passthrough?: PassthroughConfig }): readonly PassthroughRule[] =>
  config.passthrough?.allow ?? DEFAULT_PASSTHROUGH_RULES

const segmentsOf = (prefix: string) => prefix.split('/').filter((segment) => segment !== '')

/** Whether a rule allows `method` on the path of these decoded `segments`. */
export function passthroughAllows(
  rules: readonly PassthroughRule[],
  method: string,
  segments: readonly string[],
): boolean {
  return rules.some((rule) => {
    const prefix = segmentsOf(rule.prefix)
    return (
      rule.methods.some((allowed) => allowed === method) &&
      prefix.length <= segments.length &&
      prefix.every((segment, index) => segments[index] === segment)
    )
  })
}
