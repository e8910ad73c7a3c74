// The production topology test (`npm run test:topology`): PostgreSQL 15 from Debian as an external
// database, pgbouncer in transaction mode, three app instances behind haproxy.
import { defineConfig } from 'vitest/config'
import { resolve } from './tests/setup/resolve'

export default defineConfig({
  resolve,
  test: {
    include: ['tests/topology/**/*.test.ts'],
    globalSetup: ['tests/topology/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
