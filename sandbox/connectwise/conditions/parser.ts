import type { ComparisonOperator, ConditionNode, Literal } from './ast.js'
import { ConditionsError } from './errors.js'
import { tokenize, type Token } from './tokenizer.js'

// expr       := and ('or' and)*
// and        := unary ('and' unary)*
// unary      := '(' expr ')' | comparison
// comparison := field op value | field ['not'] ('contains' | 'like') value | field ['not'] 'in' list
// list       := '(' value (',' value)* ')'
// Keywords are case-insensitive; none of them can be a field name.

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'contains', 'like', 'true', 'false', 'null'])

/** Parses a `conditions` string; throws ConditionsError (with a 0-based position) when it is malformed. */
export function parseConditions(text: string): ConditionNode {
  const parser = new Parser(tokenize(text))
  const node = parser.expression()
  parser.expectEnd()
  return node
}

class Parser {
  private index = 0

  constructor(private readonly tokens: readonly Token[]) {}

  expression(): ConditionNode {
    const operands = [this.conjunction()]
    while (this.acceptKeyword('or')) operands.push(this.conjunction())
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'or', operands }
  }

  expectEnd(): void {
    const token = this.peek()
    if (token.kind !== 'end') throw ConditionsError.at(`Unexpected ${describe(token)}`, token.position)
  }

  private conjunction(): ConditionNode {
    const operands = [this.unary()]
    while (this.acceptKeyword('and')) operands.push(this.unary())
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'and', operands }
  }

  private unary(): ConditionNode {
    if (this.peek().kind === '(') {
      this.index++
      const node = this.expression()
      this.expect(')')
      return node
    }
    return this.comparison()
  }

  private comparison(): ConditionNode {
    const fieldToken = this.peek()
    if (fieldToken.kind !== 'word' || isKeyword(fieldToken.text))
      throw ConditionsError.at('Expected a field name', fieldToken.position)
    this.index++
    const field = fieldToken.text
    const token = this.peek()
    if (token.kind === 'operator') {
      this.index++
      return { kind: 'comparison', field, operator: token.operator, value: this.value() }
    }
    const word = token.kind === 'word' ? token.text.toLowerCase() : ''
    if (word === 'contains' || word === 'like') {
      this.index++
      return { kind: 'comparison', field, operator: word satisfies ComparisonOperator, value: this.value() }
    }
    if (word === 'in') {
      this.index++
      return { kind: 'in', field, negated: false, values: this.list() }
    }
    if (word === 'not') {
      // `not like` and `not contains` besides `not in`: ConnectWise's conditions have `not` among the word
      // operators with contains, like and in (Infrascale's ConnectWise Manage integration docs, "Expression rules
      // for matching"), and public clients send them (issue 13 item 14); `not` only negates an operator.
      this.index++
      if (this.acceptKeyword('in')) return { kind: 'in', field, negated: true, values: this.list() }
      for (const negated of ['contains', 'like'] as const)
        if (this.acceptKeyword(negated))
          return { kind: 'comparison', field, operator: `not ${negated}`, value: this.value() }
      throw ConditionsError.at("Expected 'in', 'contains' or 'like'", this.peek().position)
    }
    throw ConditionsError.at('Expected an operator', token.position)
  }

  private list(): Literal[] {
    this.expect('(')
    const values = [this.value()]
    while (this.peek().kind === ',') {
      this.index++
      values.push(this.value())
    }
    this.expect(')')
    return values
  }

  private value(): Literal {
    const token = this.peek()
    const literal = literalOf(token)
    if (!literal) throw ConditionsError.at('Expected a value', token.position)
    this.index++
    return literal
  }

  private expect(kind: '(' | ')'): void {
    const token = this.peek()
    if (token.kind !== kind) throw ConditionsError.at(`Expected '${kind}'`, token.position)
    this.index++
  }

  private acceptKeyword(keyword: string): boolean {
    const token = this.peek()
    if (token.kind !== 'word' || token.text.toLowerCase() !== keyword) return false
    this.index++
    return true
  }

  private peek(): Token {
    return this.tokens[this.index] ?? (this.tokens[this.tokens.length - 1] as Token)
  }
}

function literalOf(token: Token): Literal | undefined {
  switch (token.kind) {
    case 'string':
      return { type: 'string', value: token.value }
    case 'number':
      return { type: 'number', value: token.value }
    case 'datetime':
      return { type: 'datetime', value: token.value }
    case 'word': {
      const word = token.text.toLowerCase()
      if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true' }
      return word === 'null' ? { type: 'null' } : undefined
    }
    default:
      return undefined
  }
}

function isKeyword(word: string): boolean {
  return KEYWORDS.has(word.toLowerCase())
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'word':
      return `'${token.text}'`
    case 'operator':
      return `'${token.operator}'`
    case 'string':
      return 'string'
    case 'number':
      return `number ${token.value}`
    case 'datetime':
      return 'date-time'
    case 'end':
      return 'end of conditions'
    default:
      return `'${token.kind}'`
  }
}
