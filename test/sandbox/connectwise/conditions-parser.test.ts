import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileConditions, type RecordPredicate } from '../../../sandbox/connectwise/conditions/index.js'
import type { FieldSchema } from '../../../sandbox/connectwise/field-schema.js'
import { parseConditions } from '../../../sandbox/connectwise/index.js'

// The emulator's `conditions` parser (tokenizer + recursive descent) and its binding to a resource's fields.

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

const errorOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : 'not an Error'
  }
  return 'no error'
}

describe('parseConditions', () => {
  it('parses a comparison with each operator, with or without spaces around symbols', () => {
    for (const operator of ['=', '!=', '<', '<=', '>', '>='] as const) {
      const expected = { kind: 'comparison', field: 'id', operator, value: { type: 'number', value: 5 } }
      expect(parseConditions(`id ${operator} 5`)).toEqual(expected)
      expect(parseConditions(`id${operator}5`)).toEqual(expected)
    }
    expect(parseConditions('summary contains "jam"')).toEqual({
      kind: 'comparison',
      field: 'summary',
      operator: 'contains',
      value: { type: 'string', value: 'jam' },
    })
    expect(parseConditions('summary like "Printer%"')).toMatchObject({ operator: 'like' })
  })

  it('reads every kind of value', () => {
    const valueOf = (text: string) => (parseConditions(`f = ${text}`) as { value: unknown }).value
    expect(valueOf('-12')).toEqual({ type: 'number', value: -12 })
    expect(valueOf('3.25')).toEqual({ type: 'number', value: 3.25 })
    expect(valueOf('"a b"')).toEqual({ type: 'string', value: 'a b' })
    expect(valueOf('""')).toEqual({ type: 'string', value: '' })
    expect(valueOf('true')).toEqual({ type: 'boolean', value: true })
    expect(valueOf('FALSE')).toEqual({ type: 'boolean', value: false })
    expect(valueOf('Null')).toEqual({ type: 'null' })
    expect(valueOf('[2024-01-01T00:00:00Z]')).toEqual({
      type: 'datetime',
      value: Date.parse('2024-01-01T00:00:00Z'),
    })
    expect(valueOf('[2024-01-01T02:00:00+02:00]')).toEqual(valueOf('[2024-01-01T00:00:00Z]'))
    expect(valueOf('[2024-01-01T00:00:00.500Z]')).toEqual({
      type: 'datetime',
      value: Date.parse('2024-01-01T00:00:00.500Z'),
    })
    expect(valueOf('[2024-01-01]')).toEqual(valueOf('[2024-01-01T00:00:00Z]'))
  })

  it('reads nested field paths as written', () => {
    expect(parseConditions('company/id = 5')).toMatchObject({ field: 'company/id' })
    expect(parseConditions('_info/lastUpdated > [2024-01-01T00:00:00Z]')).toMatchObject({
      field: '_info/lastUpdated',
    })
    expect(parseConditions('Status/Name = "New"')).toMatchObject({ field: 'Status/Name' })
  })

  it('parses in and not in lists', () => {
    expect(parseConditions('id in (1, 2,3)')).toEqual({
      kind: 'in',
      field: 'id',
      negated: false,
      values: [1, 2, 3].map((value) => ({ type: 'number', value })),
    })
    expect(parseConditions('status/name NOT IN ("New","Closed")')).toEqual({
      kind: 'in',
      field: 'status/name',
      negated: true,
      values: [
        { type: 'string', value: 'New' },
        { type: 'string', value: 'Closed' },
      ],
    })
  })

  it('binds and tighter than or, flattens chains, and honours parentheses', () => {
    const a = { kind: 'comparison', field: 'a', operator: '=', value: { type: 'number', value: 1 } }
    const b = { ...a, field: 'b' }
    const c = { ...a, field: 'c' }
    expect(parseConditions('a=1 or b=1 and c=1')).toEqual({
      kind: 'or',
      operands: [a, { kind: 'and', operands: [b, c] }],
    })
    expect(parseConditions('(a=1 or b=1) and c=1')).toEqual({
      kind: 'and',
      operands: [{ kind: 'or', operands: [a, b] }, c],
    })
    expect(parseConditions('a=1 AND b=1 And c=1')).toEqual({ kind: 'and', operands: [a, b, c] })
    expect(parseConditions('((a=1))')).toEqual(a)
    expect(parseConditions('(a=1)or(b=1)')).toEqual({ kind: 'or', operands: [a, b] })
  })

  it.each([
    'a" or id > 0 or "b',
    ') or (1=1',
    'Research and Development or "R&D"',
    'C:\\Scans\\new',
    '\\\\fs01\\shared',
    'ends with a backslash \\',
    '[2024-01-01T00:00:00Z]',
    "O'Brien & Sons",
    '100% _literal_ %',
    'Café Lumière 🎉 日本語',
    'line\nbreak\ttab',
    ' spaced  out ',
    'id = 5',
    '',
  ])('keeps the hostile literal %j a single string comparison', (literal) => {
    expect(parseConditions(`name = ${quote(literal)}`)).toEqual({
      kind: 'comparison',
      field: 'name',
      operator: '=',
      value: { type: 'string', value: literal },
    })
    expect(parseConditions(`name contains ${quote(literal)} and id = 1`)).toMatchObject({
      kind: 'and',
      operands: [{ operator: 'contains', value: { value: literal } }, { field: 'id' }],
    })
  })

  it('keeps any escaped string a single literal (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (literal) => {
        expect(parseConditions(`summary like ${quote(literal)}`)).toEqual({
          kind: 'comparison',
          field: 'summary',
          operator: 'like',
          value: { type: 'string', value: literal },
        })
      }),
    )
  })

  it.each([
    ['', 'Expected a field name at position 0'],
    ['summary = ', 'Expected a value at position 10'],
    ['summary = "abc', 'Unterminated string starting at position 10'],
    ['summary = "a\\nb"', "Invalid escape sequence '\\n' at position 12"],
    ['summary = "a\\', "Invalid escape sequence '\\' at position 12"],
    ['summary = @', "Unexpected character '@' at position 10"],
    ['(id = 5', "Expected ')' at position 7"],
    ['id = 5)', "Unexpected ')' at position 6"],
    ['((id = 5)', "Expected ')' at position 9"],
    ['id = 5 id = 6', "Unexpected 'id' at position 7"],
    ['id = 5 "x"', 'Unexpected string at position 7'],
    ['id in ()', 'Expected a value at position 7'],
    ['id in (1, 2', "Expected ')' at position 11"],
    ['id in (1,)', 'Expected a value at position 9'],
    ['id in 1', "Expected '(' at position 6"],
    ['id not 5', "Expected 'in', 'contains' or 'like' at position 7"],
    ['id 5', 'Expected an operator at position 3'],
    ['id', 'Expected an operator at position 2'],
    ['= 5', 'Expected a field name at position 0'],
    ['and = 5', 'Expected a field name at position 0'],
    ['id = 5 and', 'Expected a field name at position 10'],
    ['id = 5 or or id = 6', 'Expected a field name at position 10'],
    ['id == 5', 'Expected a value at position 4'],
    ['id <> 5', 'Expected a value at position 4'],
    ['id = 5and id = 6', 'Invalid number at position 5'],
    ['id = 5.', 'Invalid number at position 5'],
    ['id = -', 'Invalid number at position 5'],
    ['id = five', 'Expected a value at position 5'],
    ['company/ = 5', "Expected a field name after '/' at position 8"],
    ['lastUpdated > [2024-13-01T00:00:00Z]', 'Invalid date-time at position 14'],
    ['lastUpdated > [yesterday]', 'Invalid date-time at position 14'],
    ['lastUpdated > [2024-01-01T00:00:00Z', 'Unterminated date starting at position 14'],
  ])('refuses %j: %s', (text, message) => {
    expect(errorOf(() => parseConditions(text))).toBe(`ConditionsError: ${message}`)
  })
})

describe('compileConditions', () => {
  const schema = {
    id: 'integer',
    summary: 'string',
    closedFlag: 'boolean',
    board: { id: 'integer', name: 'string' },
    customFields: 'array',
    _info: { lastUpdated: 'datetime' },
  } as const satisfies FieldSchema

  const compile = (text: string): RecordPredicate => compileConditions(parseConditions(text), schema)

  const records = [
    {
      id: 1,
      summary: 'Printer says "Paper jam" (tray 2)',
      closedFlag: false,
      board: { id: 1, name: 'Service Desk' },
      _info: { lastUpdated: '2025-01-01T10:00:00Z' },
    },
    { id: 2, summary: '100% CPU', closedFlag: true, _info: { lastUpdated: '2025-01-02T10:00:00Z' } },
    {
      id: 3,
      summary: 'C:\\Scans and more',
      closedFlag: false,
      board: { id: 2, name: 'Network Operations' },
      _info: { lastUpdated: '2025-01-03T10:00:00Z' },
    },
    { id: 4, summary: 'Café', closedFlag: false, board: { id: 1, name: 'Service Desk' } },
  ]
  const ids = (text: string) => records.filter(compile(text)).map((record) => record.id)

  it('compares text case-insensitively, and orders it', () => {
    expect(ids('summary = "100% cpu"')).toEqual([2])
    expect(ids('SUMMARY != "100% CPU"')).toEqual([1, 3, 4])
    expect(ids('board/name = "SERVICE DESK"')).toEqual([1, 4])
    expect(ids('summary < "D"')).toEqual([2, 3, 4])
    expect(ids('summary = "cafe"')).toEqual([])
    expect(ids('summary = "CAFÉ"')).toEqual([4])
  })

  it('takes contains literally and like with % as the only wildcard', () => {
    expect(ids('summary contains "(TRAY 2)"')).toEqual([1])
    expect(ids('summary contains "%"')).toEqual([2])
    expect(ids('summary contains "\\\\scans"')).toEqual([3])
    expect(ids('summary like "printer%"')).toEqual([1])
    expect(ids('summary like "%"')).toEqual([1, 2, 3, 4])
    expect(ids('summary like "%\\\\%"')).toEqual([3])
    expect(ids('summary like "100%"')).toEqual([2])
    expect(ids('summary like "_00%"')).toEqual([])
    expect(ids('summary like "caf."')).toEqual([])
    expect(ids('summary like "C:\\\\Scans and more"')).toEqual([3])
  })

  it('reads single-quoted strings like double-quoted ones, each quote literal inside the other', () => {
    // ConnectWise: "String values should be enclosed with double or single quotes".
    expect(parseConditions("summary = 'a b'")).toEqual(parseConditions('summary = "a b"'))
    expect(ids("summary = '100% cpu'")).toEqual([2])
    expect(ids(`summary contains 'says "Paper'`)).toEqual([1])
    expect(ids(`summary like '%\\'%'`)).toEqual([])
    expect((parseConditions(`f = 'it\\'s'`) as { value: unknown }).value).toEqual({
      type: 'string',
      value: "it's",
    })
    expect((parseConditions(`f = "it's"`) as { value: unknown }).value).toEqual({
      type: 'string',
      value: "it's",
    })
    expect(errorOf(() => parseConditions("summary = 'open"))).toBe(
      'ConditionsError: Unterminated string starting at position 10',
    )
  })

  it('negates contains and like with not, an absent value matching neither', () => {
    expect(parseConditions('summary NOT LIKE "x%"')).toMatchObject({ operator: 'not like' })
    expect(ids('summary not contains "jam"')).toEqual([2, 3, 4])
    expect(ids('summary not like "%c%"')).toEqual([1])
    expect(ids('board/name not like "service%"')).toEqual([3])
    expect(ids('board/name not contains "zzz"')).toEqual([1, 3, 4])
    expect(errorOf(() => parseConditions('summary not = "x"'))).toBe(
      "ConditionsError: Expected 'in', 'contains' or 'like' at position 12",
    )
    expect(errorOf(() => compile('id not like "1"'))).toBe(
      "ConditionsError: Operator 'not like' needs a text field and a string (field 'id')",
    )
  })

  it('compares numbers, booleans and instants', () => {
    expect(ids('id >= 2 and id < 4')).toEqual([2, 3])
    expect(ids('board/id = 1')).toEqual([1, 4])
    expect(ids('closedFlag = true')).toEqual([2])
    expect(ids('closedFlag != true')).toEqual([1, 3, 4])
    expect(ids('lastUpdated > [2025-01-01T10:00:00Z]')).toEqual([2, 3])
    expect(ids('_info/lastUpdated <= [2025-01-02T12:00:00+02:00]')).toEqual([1, 2])
    expect(ids('id in (1, 3, 99)')).toEqual([1, 3])
    expect(ids('id not in (1, 3)')).toEqual([2, 4])
  })

  it('treats an absent field as SQL treats NULL', () => {
    expect(ids('board/id = null')).toEqual([2])
    expect(ids('board/id != null')).toEqual([1, 3, 4])
    expect(ids('board/id != 1')).toEqual([3])
    expect(ids('board/name not in ("Service Desk")')).toEqual([3])
    expect(ids('lastUpdated = null')).toEqual([4])
    expect(ids('lastUpdated < [2030-01-01T00:00:00Z]')).toEqual([1, 2, 3])
  })

  it('resolves field names case-insensitively, and _info fields at the top level', () => {
    expect(ids('ID = 2')).toEqual([2])
    expect(ids('Board/NAME = "network operations"')).toEqual([3])
    expect(ids('LASTUPDATED > [2025-01-02T00:00:00Z]')).toEqual([2, 3])
    expect(ids('_INFO/lastupdated > [2025-01-02T00:00:00Z]')).toEqual([2, 3])
  })

  it('applies precedence as parsed', () => {
    expect(ids('id = 1 or id = 2 and closedFlag = false')).toEqual([1])
    expect(ids('(id = 1 or id = 2) and closedFlag = true')).toEqual([2])
  })

  it.each([
    ['nope = 1', "Unknown field 'nope'"],
    ['board/nope = 1', "Unknown field 'board/nope'"],
    ['summary/id = 1', "Unknown field 'summary/id'"],
    ['board = 1', "Field 'board' is not a single value and cannot be compared"],
    ['customFields = 1', "Field 'customFields' is not a single value and cannot be compared"],
    ['board = null', "Field 'board' is not a single value and cannot be compared"],
    ['id = "5"', "Cannot compare integer field 'id' with a string"],
    ['summary = 5', "Cannot compare string field 'summary' with a number"],
    ['summary = true', "Cannot compare string field 'summary' with a boolean"],
    ['lastUpdated > "2025-01-01"', "Cannot compare datetime field 'lastUpdated' with a string"],
    ['lastUpdated > 5', "Cannot compare datetime field 'lastUpdated' with a number"],
    ['id = [2025-01-01T00:00:00Z]', "Cannot compare integer field 'id' with a datetime"],
    ['closedFlag > false', "Operator '>' cannot be used with true/false field 'closedFlag'"],
    ['id contains "5"', "Operator 'contains' needs a text field and a string (field 'id')"],
    ['summary like 5', "Operator 'like' needs a text field and a string (field 'summary')"],
    ['id < null', "Operator '<' cannot be used with null (field 'id')"],
    ['summary contains null', "Operator 'contains' cannot be used with null (field 'summary')"],
    ['id in (1, "2")', "Cannot compare integer field 'id' with a string"],
    ['id in (null)', "null cannot be listed with 'in' (field 'id'); use = null"],
    ['id = 1 or nope = 2', "Unknown field 'nope'"],
  ])('refuses %j before looking at any record', (text, message) => {
    expect(errorOf(() => compile(text))).toBe(`ConditionsError: ${message}`)
  })
})
