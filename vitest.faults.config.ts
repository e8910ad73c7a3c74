// Fault tests (`npm run test:faults`): each test runs its own PostgreSQL and real app instances
// (`next start` on the production build), then stops, restarts or kills them under load.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      'server-only': fileURLToPath(new URL('./tests/setup/empty-module.ts', import.meta.url)),
    },
  },
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
