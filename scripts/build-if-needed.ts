// Builds the app when the sources changed since the last build (or there is none yet).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const INPUTS = ['app', 'components', 'lib', 'public', 'prisma/schema.prisma', 'next.config.js', 'proxy.ts', 'instrumentation.ts', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json']
const STAMP = join('.next', 'colloquy-build-hash')

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
  if (existsSync(join('.next', 'BUILD_ID')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return
  log('Building the app (first start or changed sources; about a minute)…')
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: { ...env, NODE_ENV: 'production' } })
  if (result.status !== 0) throw new Error('next build failed; see the output above.')
  writeFileSync(STAMP, hash)
}
