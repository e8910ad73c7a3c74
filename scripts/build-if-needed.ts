// Builds the app when the sources changed since the last build (or there is none yet).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'prisma/schema.prisma',
  'next.config.js',
  'next.config.d.ts',
  'proxy.ts',
  'instrumentation.ts',
  'instrumentation-node.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'tsconfig.bench.json',
  'package-lock.json',
]

/** Where next.config.js builds to: the benchmarks' build, with their reference pages, is kept apart. */
export const buildDir = (env: Record<string, string | undefined>) =>
  env.COLLOQUY_BENCH_PAGES === '1' ? '.next-bench' : '.next'

function* filesUnder(path: string): Generator<string> {
  if (!existsSync(path)) return
  if (statSync(path).isFile()) {
    yield path
    return
  }
  for (const entry of readdirSync(path).sort()) {
    if (path === 'lib' && entry === 'generated') continue
    yield* filesUnder(join(path, entry))
  }
}

export function sourceHash(): string {
  const hash = createHash('sha256')
  for (const input of INPUTS) for (const file of filesUnder(input)) hash.update(file).update(readFileSync(file))
  return hash.digest('hex')
}

export function buildIfNeeded(env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  const hash = sourceHash()
  const dir = buildDir(env)
  const stamp = join(dir, 'colloquy-build-hash')
  if (existsSync(join(dir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return
  log('Building the app (first start or changed sources; about a minute)…')
  // Every build points next-env.d.ts at its own route types; the benchmarks' build must leave it
  // pointing at the app's, or `tsc` would see both builds' global route types.
  const declarations = dir === '.next' || !existsSync('next-env.d.ts') ? null : readFileSync('next-env.d.ts', 'utf8')
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...env, NODE_ENV: 'production' } })
  if (declarations !== null) writeFileSync('next-env.d.ts', declarations)
  if (result.status !== 0) throw new Error('next build failed; see the output above.')
  writeFileSync(stamp, hash)
}
