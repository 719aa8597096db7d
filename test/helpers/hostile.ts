import fc from 'fast-check'

/**
 * One line a caller might send: quotes, brackets, backslashes, the words of query languages, unicode. Control
 * characters (a line break among them) are refused at the edge, so they are not in it.
 */
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
        '\u202e',
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join('').slice(0, 200))
  // eslint-disable-next-line no-control-regex -- keeping control characters out is the point
  .filter((text) => text.trim() !== '' && !/[\u0000-\u001f\u007f]/.test(text))
