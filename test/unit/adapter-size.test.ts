import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The adapter kit's size goal (issue 14, held for every vendor since): a vendor is a declaration per resource plus
 * its mapping, so the wiring of a connection — a vendor folder's index.ts — stays within ~150 lines.
 */
const ADAPTERS = join(import.meta.dirname, '../../adapters')
const INDEX_LINES_GOAL = 150

const vendorFolders = readdirSync(ADAPTERS).filter(
  (name) => name !== 'kit' && statSync(join(ADAPTERS, name)).isDirectory(),
)

describe('the adapter kit size goal', () => {
  it('finds every vendor folder, the fourth among them', () => {
    expect(vendorFolders.sort()).toEqual(['autotask', 'connectwise', 'halopsa', 'syncro'])
  })

  it.each(vendorFolders)('%s: index.ts wires the connection in at most 150 lines', (vendor) => {
    const lines = readFileSync(join(ADAPTERS, vendor, 'index.ts'), 'utf8')
      .trimEnd()
      .split('\n').length
    expect(lines).toBeLessThanOrEqual(INDEX_LINES_GOAL)
  })
})
