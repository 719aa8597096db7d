import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

/**
 * Two tiers. `fast` (npm test, the README's command): everything in one process or against in-process
 * emulators. `slow` (npm run test:slow): several gateway processes, sustained load, crashes, real servers.
 * CI runs both.
 */
const SLOW = [
  'test/e2e/**/*.test.ts',
  'test/load/**/*.test.ts',
  'test/integration/replicas.test.ts',
  'test/integration/token-replicas.test.ts',
  'test/integration/idempotency-crash.test.ts',
  'test/integration/overload.test.ts',
]

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: SLOW,
          // Its files mostly wait on sockets and timers: a worker more than the cores spare (at least two) halves
          // the run on a 2-core machine (about 105 s instead of 165 s here; under two CPU hogs, 175 s instead of 260 s).
          maxWorkers: Math.max(2, availableParallelism() - 1),
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: SLOW,
          // Builds dist/ once for the run, and times one start: gateway processes start from the built code.
          globalSetup: ['test/helpers/build-once.ts'],
          // A replica test starts its processes in its hooks: as long as its tests may take.
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
