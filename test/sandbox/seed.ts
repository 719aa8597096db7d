import { expect } from 'vitest'

interface SeededEmulator {
  db: object
  close(): Promise<void>
}

/**
 * Starts an emulator twice with one seed and once with another: the same seed holds the same records, another seed
 * other records, and `keysDiffer` checks that credentials are never seeded (two emulators never share keys).
 */
export async function expectDeterministicSeed<E extends SeededEmulator>(
  start: (options: { seed: number }) => Promise<E>,
  keysDiffer: (first: E, second: E) => void,
): Promise<void> {
  const [first, second, other] = await Promise.all([
    start({ seed: 7 }),
    start({ seed: 7 }),
    start({ seed: 8 }),
  ])
  try {
    const dump = (emulator: E) =>
      JSON.stringify(
        Object.entries(emulator.db).map(([name, value]) => [name, value instanceof Map ? [...value] : value]),
      )
    expect(dump(first)).toBe(dump(second))
    expect(dump(first)).not.toBe(dump(other))
    keysDiffer(first, second)
  } finally {
    await Promise.all([first.close(), second.close(), other.close()])
  }
}
