export type { ComparisonOperator, ConditionNode, Literal } from './ast.js'
export {
  compileChildConditions,
  compileConditions,
  compileElementConditions,
  type RecordPredicate,
} from './compile.js'
export { ConditionsError } from './errors.js'
export { parseConditions } from './parser.js'
