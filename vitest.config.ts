// Unit and integration tests. Integration tests get a real PostgreSQL database of their own
// (see tests/setup/): the embedded server, or TEST_DATABASE_URL's server when set.
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
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/faults/**'],
    globalSetup: ['tests/setup/global-database.ts'],
    setupFiles: ['tests/setup/file-database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
