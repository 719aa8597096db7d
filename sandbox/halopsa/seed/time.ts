/** The seed's "now": every seeded timestamp lies before it, whatever the real date. */
export const REFERENCE_MS = Date.parse('2025-10-31T17:00:00.000Z')
