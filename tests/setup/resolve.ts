// Module resolution shared by both Vitest configurations: the `@/` alias of tsconfig, and an
// empty `server-only` (Next's guard module, which only Next's bundler knows how to resolve).
import { fileURLToPath } from 'node:url'

const root = new URL('../../', import.meta.url)

export const resolve = {
  alias: {
    '@': fileURLToPath(root),
    'server-only': fileURLToPath(new URL('tests/setup/empty-module.ts', root)),
  },
}
