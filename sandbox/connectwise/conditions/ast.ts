// What `parseConditions` returns: the query as the emulator understood it, before fields are looked up.

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  /** Epoch milliseconds of the bracketed date-time. */
  | { type: 'datetime'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }

export type TextOperator = 'contains' | 'like' | 'not contains' | 'not like'

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | TextOperator

export type ConditionNode =
  | { kind: 'or'; operands: ConditionNode[] }
  | { kind: 'and'; operands: ConditionNode[] }
  /** `field` as written, e.g. `company/id`. */
  | { kind: 'comparison'; field: string; operator: ComparisonOperator; value: Literal }
  | { kind: 'in'; field: string; negated: boolean; values: Literal[] }
