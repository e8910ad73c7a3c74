// An isolated Colloquy for benchmarks: scripts/start.ts (production build, embedded Postgres,
// demo seed) on free ports with its data under .data/bench, wiped first; plus signing in over HTTP.
// Its build is the benchmarks' own (.next-bench): the app plus their reference pages (*.bench.tsx).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildDir } from '../../scripts/build-if-needed'
import { freePorts, startChild, stopChild, waitForOtherBuilds, type Child } from './processes'

const BENCH_DATA_DIR = resolve('.data/bench')
/** Outside the data dir, which each run wipes. */
export const BENCH_LOG_DIR = resolve('.data/bench-logs')
/** Building takes about a minute alone; on two shared cores, much longer. */
const START_TIMEOUT_MS = 20 * 60_000

/** Next's output for the app the benchmarks start (its manifests name the server actions). */
export const BENCH_BUILD_DIR = buildDir({ COLLOQUY_BENCH_PAGES: '1' })

export interface BenchApp {
  url: string
  databaseUrl: string
  child: Child
  logFile: string
}

/** A Postgres left running on .data/bench by an interrupted bench run would hold its files. */
async function stopLeftoverPostgres(): Promise<void> {
  const pidFile = join(BENCH_DATA_DIR, 'postgres', 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return
  try {
    process.kill(pid, 'SIGINT')
  } catch {
    return
  }
  for (let i = 0; i < 150; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
    await sleep(100)
  }
  throw new Error(`A Postgres from an earlier bench run (pid ${pid}) did not stop.`)
}

async function healthy(url: string): Promise<boolean> {
  // A plain timer, not AbortSignal.timeout: nothing else keeps this wait alive if a request stalls.
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), 5_000)
  try {
    const response = await fetch(`${url}/api/health`, { signal: controller.signal })
    return response.ok && ((await response.json()) as { ok?: boolean }).ok === true
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}

export async function startBenchApp(): Promise<BenchApp> {
  await stopLeftoverPostgres()
  rmSync(BENCH_DATA_DIR, { recursive: true, force: true })
  mkdirSync(BENCH_DATA_DIR, { recursive: true })
  mkdirSync(BENCH_LOG_DIR, { recursive: true })
  await waitForOtherBuilds()

  const [port, pgPort] = await freePorts(2)
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    COLLOQUY_DATA_DIR: BENCH_DATA_DIR,
    COLLOQUY_BENCH_PAGES: '1',
  }
  // Everything else start.ts would take from the caller's shell must not point elsewhere.
  for (const name of ['DATABASE_URL', 'AUTH_SECRET', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'COLLOQUY_SEED', 'NODE_ENV'])
    delete env[name]
  const logFile = join(BENCH_LOG_DIR, 'app.log')
  const child = startChild(
    'app',
    'scripts/start.ts',
    env,
    logFile,
    /^\[colloquy\] (Embedded|Applied|Building|Colloquy is ready|Could not)|Compiled successfully|Failed to compile/,
  )
  const url = `http://127.0.0.1:${port}`

  const deadline = Date.now() + START_TIMEOUT_MS
  let exitCode: number | null | undefined
  void child.exited.then((code) => (exitCode = code))
  try {
    while (!(await healthy(url))) {
      if (exitCode !== undefined)
        throw new Error(`The app exited (code ${exitCode}) before it was healthy:\n${child.tail()}`)
      if (Date.now() > deadline)
        throw new Error(`The app was not healthy after ${START_TIMEOUT_MS / 60_000} min; see ${logFile}.`)
      await sleep(1_000)
    }
  } catch (error) {
    await stopChild(child)
    throw error
  }
  const password = readFileSync(join(BENCH_DATA_DIR, 'postgres-password'), 'utf8').trim()
  const databaseUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/colloquy`
  return { url, databaseUrl, child, logFile }
}

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!)
}

/** Signs in the way the browser does (next-auth Credentials) and returns the `Cookie` header to send. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const signal = AbortSignal.timeout(60_000)
  const csrf = await fetch(`${url}/api/auth/csrf`, { signal })
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    signal,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiePairs(csrf).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  })
  const session = cookiePairs(response).find((pair) => pair.startsWith('next-auth.session-token='))
  if (!session) throw new Error(`Signing in as ${email} failed: HTTP ${response.status} ${await response.text()}`)
  const check = await fetch(`${url}/api/auth/session`, { headers: { cookie: session }, signal })
  const user = ((await check.json()) as { user?: { email?: string } }).user
  if (user?.email !== email) throw new Error(`The session cookie for ${email} is not accepted by /api/auth/session.`)
  return session
}
