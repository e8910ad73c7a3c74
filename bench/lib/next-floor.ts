// The framework's own ceiling for highlight-create: a Next.js app whose one route handler reads the
// JSON body and answers 201, with Colloquy's own next.config.js (the same headers on every answer),
// built and served by the same `next build` and `next start` on plain node, and loaded the same
// way. No session, no validation, no database: what any App Router endpoint costs before it works.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BENCH_LOG_DIR } from './app-server'
import { freePorts, startChild, stopChild, type Child } from './processes'

/** Under the project, so the app resolves `next` from the project's node_modules; wiped each run. */
const FLOOR_DIR = resolve('.data/bench-next-floor')
const PATH = '/api/ping'
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const ROUTE = `export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  await request.json()
  return Response.json({ id: 'none' }, { status: 201 })
}
`

async function answers(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}${PATH}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(5_000) })
    return response.status === 201
  } catch {
    return false
  }
}

/** `next build` as a child of its own, so a Ctrl-C or a failure stops it and its workers too. */
async function build(env: NodeJS.ProcessEnv): Promise<void> {
  const child = startChild('next-floor build', nextBin, env, join(BENCH_LOG_DIR, 'next-floor-build.log'), undefined, ['build', FLOOR_DIR])
  const code = await child.exited
  if (code !== 0) throw new Error(`Building the empty Next.js app failed (exit ${code}):\n${child.tail()}`)
}

export async function startNextFloor(): Promise<{ origin: string; path: string; child: Child }> {
  rmSync(FLOOR_DIR, { recursive: true, force: true })
  mkdirSync(join(FLOOR_DIR, 'app/api/ping'), { recursive: true })
  writeFileSync(join(FLOOR_DIR, 'app/api/ping/route.ts'), ROUTE)
  writeFileSync(join(FLOOR_DIR, 'next.config.js'), `export { default } from ${JSON.stringify(pathToFileURL(resolve('next.config.js')).href)}\n`)
  const env = { ...process.env, NODE_ENV: 'production' as const, NEXT_TELEMETRY_DISABLED: '1' }
  await build(env)
  const [port] = await freePorts(1)
  const child = startChild('next-floor', nextBin, env, join(BENCH_LOG_DIR, 'next-floor.log'), undefined, ['start', FLOOR_DIR, '-p', String(port)])
  const origin = `http://127.0.0.1:${port}`
  for (let waited = 0; !(await answers(origin)); waited += 200) {
    if (child.process.exitCode !== null || waited > 60_000) {
      await stopChild(child)
      throw new Error(`The empty Next.js app did not start:\n${child.tail()}`)
    }
    await sleep(200)
  }
  return { origin, path: PATH, child }
}
