// Fault tests (`npm run test:faults`): each test runs its own PostgreSQL and real app instances
// (`next start` on the production build), then stops, restarts or kills them under load.
import { defineConfig } from 'vitest/config'
import { resolve } from './tests/setup/resolve'

export default defineConfig({
  resolve,
  test: {
    include: ['tests/faults/**/*.test.ts'],
    globalSetup: ['tests/faults/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One scenario at a time: they time outages and latencies on a small machine.
    fileParallelism: false,
  },
})
