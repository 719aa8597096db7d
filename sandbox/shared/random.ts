// Seeded pseudo-random numbers for deterministic sandbox data. Not for anything secret.

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks one value, each with probability proportional to its weight. */
  pickWeighted<T>(choices: readonly (readonly [T, number])[]): T
  shuffle<T>(items: readonly T[]): T[]
  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[]
  /** Upper-case letters and digits. */
  alphanumeric(length: number): string
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'

export function createRandom(seed: number): Random {
  const next = mulberry32(seed)

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick() needs at least one item')
    return items[int(0, items.length - 1)] as T
  }

  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i)
      ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
    }
    return copy
  }

  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick,
    pickWeighted: (choices) => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
      const last = choices[choices.length - 1]
      if (!last || total <= 0) throw new Error('pickWeighted() needs a positive total weight')
      let roll = next() * total
      for (const [value, weight] of choices) {
        roll -= weight
        if (roll < 0) return value
      }
      return last[0] // only reached through floating-point rounding
    },
    shuffle,
    sample: (items, count) => {
      if (count > items.length) throw new Error(`sample() cannot take ${count} of ${items.length} items`)
      return shuffle(items).slice(0, count)
    },
    alphanumeric: (length) => Array.from({ length }, () => pick([...ALPHANUMERIC])).join(''),
  }
}
