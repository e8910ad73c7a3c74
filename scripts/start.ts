// `npm start`: everything a fresh machine needs. Uses DATABASE_URL when set; otherwise starts the
// embedded PostgreSQL under .data/. Then migrates, seeds the demo where it belongs, builds if the
// sources changed, and serves the app. `--dev` serves with hot reload instead of a build. Exits
// non-zero whenever the app stops without being asked to, so a supervisor restarts it.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { join, resolve } from 'node:path'
import { log } from '@/lib/log'
import { DEMO_INSTRUCTOR, DEMO_PASSWORD, DEMO_STUDENTS } from '../prisma/demo-content'
import { buildIfNeeded } from './build-if-needed'
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres'
import { applyMigrations } from './migrate'
import { choosePort } from './ports'

const dev = process.argv.includes('--dev')
const startedAt = Date.now()
const dataDir = resolve(process.env.COLLOQUY_DATA_DIR ?? '.data')
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
const seconds = () => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`

let embedded: EmbeddedDatabase | undefined
let server: ChildProcess | undefined
let stopping: NodeJS.Signals | undefined

function authSecret(): string {
  const given = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET
  if (given) return given
  // Kept on disk so sessions survive a restart.
  const file = join(dataDir, 'auth-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/** The demo belongs on a local trial (the embedded database) unless switched off, elsewhere only when switched on. */
function seedWanted(): boolean {
  const setting = process.env.COLLOQUY_SEED
  if (setting === 'true' || setting === 'false') return setting === 'true'
  return embedded !== undefined
}

async function seed() {
  const { db } = await import('@/lib/db')
  const { seedDemo } = await import('@/prisma/seed')
  const { formatJoinCode } = await import('@/lib/groups/join-code')
  const result = await seedDemo(db)
  await db.$disconnect()
  return result.joinCode ? { ...result, joinCode: formatJoinCode(result.joinCode) } : result
}

async function stopDatabase() {
  await embedded?.stop().catch(() => {})
  embedded = undefined
}

function onSignal(signal: NodeJS.Signals) {
  if (stopping) return
  stopping = signal
  if (server && server.exitCode === null) {
    server.kill(signal)
    return
  }
  void stopDatabase().then(() => process.exit(128 + constants.signals[signal]))
}

async function main() {
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  mkdirSync(dataDir, { recursive: true })

  const appPort = await choosePort(process.env.PORT, 3000, [undefined, '127.0.0.1'])
  if (appPort.moved)
    log.warn(`Port 3000 is in use; Colloquy will listen on port ${appPort.port} instead (set PORT to choose).`)

  let databaseUrl = process.env.DATABASE_URL
  if (databaseUrl) {
    log.info('Using the database at DATABASE_URL.')
  } else {
    const pgPort = await choosePort(process.env.EMBEDDED_PG_PORT, 54320, ['127.0.0.1'])
    if (pgPort.moved)
      log.info(
        `Port 54320 is in use; the embedded PostgreSQL uses port ${pgPort.port} instead (set EMBEDDED_PG_PORT to choose).`,
      )
    embedded = await startEmbeddedPostgres({
      dir: dataDir,
      port: pgPort.port,
      database: 'colloquy',
      log: (line) => log.info(line),
    })
    databaseUrl = embedded.url
    process.env.DATABASE_URL = databaseUrl
    log.info(
      `Embedded PostgreSQL running on 127.0.0.1:${pgPort.port} after ${seconds()} (data in ${dataDir}, its log in ${embedded.logFile}).`,
    )
  }
  if (stopping) return

  // Migrations take a lock for their whole session: never through a transaction pooler.
  const applied = await applyMigrations(process.env.DIRECT_DATABASE_URL || databaseUrl)
  if (applied.length) log.info(`Applied migrations: ${applied.join(', ')}`)
  const demo = seedWanted() ? await seed() : undefined
  if (demo?.status === 'removed')
    log.info('The demo seminar was removed by an operator earlier; it is not added again.')

  const secret = authSecret()
  const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${appPort.port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: secret,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: appUrl,
    PORT: String(appPort.port),
    // The server's own log lines come through our stdout: keep them in the format chosen here.
    LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  }
  if (!dev) buildIfNeeded(env, (line) => log.info(line))
  if (stopping) return

  // Next's own binary, not npx, so signals reach the server itself.
  const child = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', String(appPort.port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...env, NODE_ENV: dev ? 'development' : 'production' },
  })
  server = child
  child.once('error', (error) => log.error({ err: error }, 'Could not start the app server'))
  let announced = false
  child.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk)
    if (!announced && /Ready|started server/i.test(chunk.toString())) {
      announced = true
      log.info(`Colloquy is ready at ${appUrl} (started in ${seconds()}).`)
      if (demo?.joinCode) {
        log.info(`Demo logins (password "${DEMO_PASSWORD}" for all):`)
        log.info(`  instructor  ${DEMO_INSTRUCTOR.email}`)
        for (const student of DEMO_STUDENTS) log.info(`  student     ${student.email}`)
        log.info(`Demo group join code: ${demo.joinCode}`)
      }
    }
  })
  child.once('exit', (code, signal) => {
    void stopDatabase().then(() => {
      if (stopping) process.exit(0)
      log.error({ code, signal }, 'The app server stopped unexpectedly.')
      process.exit(code ? code : signal ? 128 + constants.signals[signal] : 1)
    })
  })
}

main().catch(async (error: unknown) => {
  log.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`)
  await stopDatabase()
  process.exit(1)
})
