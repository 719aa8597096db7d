import fc from 'fast-check'

/** Text a caller might send: quotes, brackets, backslashes, the words of query languages, unicode. */
export const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '"',
        '\\',
        '(',
        ')',
        '[',
        ']',
        ' and ',
        ' or ',
        ' = ',
        'id > 0',
        ',',
        '%',
        '*',
        "'",
        'null',
        '&',
        '=',
        '#',
        '?',
        '+',
        '%20',
        '\n',
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join('').slice(0, 200))
  .filter((text) => text.trim() !== '')
