// Unit and integration tests. Integration tests get a real PostgreSQL database of their own
// (see tests/setup/): the embedded server, or TEST_DATABASE_URL's server when set.
import { defineConfig } from 'vitest/config'
import { resolve } from './tests/setup/resolve'

export default defineConfig({
  resolve,
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/faults/**', 'tests/topology/**'],
    globalSetup: ['tests/setup/global-database.ts'],
    setupFiles: ['tests/setup/file-database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
