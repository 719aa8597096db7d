import { parseTimestamp } from '../dates.js'
import { ConditionsError } from './errors.js'

// Positions are 0-based offsets into the conditions string.

export type SymbolOperator = '=' | '!=' | '<' | '<=' | '>' | '>='

export type Token =
  /** A name, a `/`-separated field path, or a keyword (`and`, `in`, `true`, ...): the parser decides. */
  | { kind: 'word'; text: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; position: number }
  | { kind: 'datetime'; value: number; position: number }
  | { kind: 'operator'; operator: SymbolOperator; position: number }
  | { kind: '(' | ')' | ','; position: number }
  | { kind: 'end'; position: number }

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y
const NUMBER = /-?\d+(?:\.\d+)?/y
const NAME_CHAR = /[A-Za-z0-9_.]/
const OPERATORS: readonly SymbolOperator[] = ['!=', '<=', '>=', '=', '<', '>']
// ConnectWise's own error text for a malformed value says "String values should be enclosed with double or
// single quotes" (quoted in the connectwise-rest README, "Manage Conditions Example"): both quotes open a string.
const QUOTES = new Set(['"', "'"])
const ESCAPABLE = new Set(['"', "'", '\\'])

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < text.length) {
    const char = text[index] as string
    if (/\s/.test(char)) {
      index++
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, position: index++ })
    } else if (QUOTES.has(char)) {
      const { value, end } = readString(text, index, char)
      tokens.push({ kind: 'string', value, position: index })
      index = end
    } else if (char === '[') {
      const { value, end } = readDateTime(text, index)
      tokens.push({ kind: 'datetime', value, position: index })
      index = end
    } else if (/[-\d]/.test(char)) {
      const { value, end } = readNumber(text, index)
      tokens.push({ kind: 'number', value, position: index })
      index = end
    } else if (/[A-Za-z_]/.test(char)) {
      const { value, end } = readPath(text, index)
      tokens.push({ kind: 'word', text: value, position: index })
      index = end
    } else {
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index))
      if (!operator) throw ConditionsError.at(`Unexpected character '${char}'`, index)
      tokens.push({ kind: 'operator', operator, position: index })
      index += operator.length
    }
  }
  tokens.push({ kind: 'end', position: text.length })
  return tokens
}

/**
 * A string closed by the quote that opened it (the other quote is an ordinary character inside). Backslash
 * escapes either quote or a backslash; any other escape is refused rather than guessed at.
 */
function readString(text: string, start: number, quote: string): { value: string; end: number } {
  let value = ''
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index] as string
    if (char === quote) return { value, end: index + 1 }
    if (char === '\\') {
      const escaped = text[index + 1]
      if (escaped === undefined || !ESCAPABLE.has(escaped))
        throw ConditionsError.at(`Invalid escape sequence '\\${escaped ?? ''}'`, index)
      value += escaped
      index++
    } else {
      value += char
    }
  }
  throw ConditionsError.at('Unterminated string starting', start)
}

function readDateTime(text: string, start: number): { value: number; end: number } {
  const close = text.indexOf(']', start)
  if (close < 0) throw ConditionsError.at('Unterminated date starting', start)
  const ms = parseTimestamp(text.slice(start + 1, close).trim())
  if (ms === undefined) throw ConditionsError.at('Invalid date-time', start)
  return { value: ms, end: close + 1 }
}

function readNumber(text: string, start: number): { value: number; end: number } {
  NUMBER.lastIndex = start
  const match = NUMBER.exec(text)
  const end = start + (match?.[0].length ?? 0)
  if (!match || NAME_CHAR.test(text[end] ?? '')) throw ConditionsError.at('Invalid number', start)
  return { value: Number(match[0]), end }
}

/** `name` or `name/name/...`, no spaces around the slashes. */
function readPath(text: string, start: number): { value: string; end: number } {
  let end = start
  for (;;) {
    NAME.lastIndex = end
    const name = NAME.exec(text)
    if (!name) throw ConditionsError.at("Expected a field name after '/'", end)
    end += name[0].length
    if (text[end] !== '/') return { value: text.slice(start, end), end }
    end++
  }
}
