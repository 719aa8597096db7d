import { toTimestamp } from '../../shared/dates.js'
import { parseHaloDate } from '../dates.js'
import type { Timestamp } from '../records.js'

/**
 * Reads one item of an array POST the way Halo's JSON binding converts it: numbers from digit strings, text
 * from numbers, booleans from `"true"`/`"false"` or 0/1. A value that does not convert is a binding error keyed
 * by its body path (`[0].client_id`), collected in `errors`. Each reader answers undefined for an absent key
 * (nothing to change) and null for an explicit null.
 */
export class ItemReader {
  constructor(
    private readonly item: Record<string, unknown>,
    private readonly path: string,
    private readonly errors: Record<string, string[]>,
  ) {}

  has(name: string): boolean {
    return Object.hasOwn(this.item, name)
  }

  integer(name: string): number | null | undefined {
    return this.read(name, 'System.Int32', (value) => {
      const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value
      return typeof number === 'number' && Number.isInteger(number) && Math.abs(number) <= 2 ** 31 - 1
        ? number
        : undefined
    })
  }

  number(name: string): number | null | undefined {
    return this.read(name, 'System.Double', (value) => {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
      return typeof number === 'number' && Number.isFinite(number) ? number : undefined
    })
  }

  text(name: string): string | null | undefined {
    return this.read(name, 'System.String', (value) => {
      if (typeof value === 'string') return value
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined
    })
  }

  boolean(name: string): boolean | null | undefined {
    return this.read(name, 'System.Boolean', (value) => {
      if (typeof value === 'boolean') return value
      if (typeof value === 'number') return value !== 0
      const lower = typeof value === 'string' ? value.trim().toLowerCase() : ''
      return lower === 'true' ? true : lower === 'false' ? false : undefined
    })
  }

  date(name: string): Timestamp | null | undefined {
    return this.read(name, 'System.DateTime', (value) => {
      const ms = typeof value === 'string' ? parseHaloDate(value) : undefined
      return ms === undefined ? undefined : toTimestamp(ms)
    })
  }

  /** An array of objects. */
  objects(name: string): Record<string, unknown>[] | null | undefined {
    return this.read(name, 'System.Collections.Generic.List', (value) =>
      Array.isArray(value) && value.every(isObject) ? value : undefined,
    )
  }

  private read<T>(
    name: string,
    type: string,
    convert: (value: unknown) => T | undefined,
  ): T | null | undefined {
    if (!this.has(name)) return undefined
    const value = this.item[name]
    if (value === null) return null
    const converted = convert(value)
    if (converted === undefined) {
      const key = `${this.path}.${name}`
      this.errors[key] = [`Error converting value ${JSON.stringify(value)} to type '${type}'. Path '${key}'.`]
    }
    return converted
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
