// `npm start`: everything a fresh machine needs. Uses DATABASE_URL when set; otherwise starts the
// embedded PostgreSQL under .data/. Then migrates, seeds the demo on first run, builds if the
// sources changed, and serves the app. `--dev` serves with hot reload instead of a build.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { DEMO_INSTRUCTOR, DEMO_PASSWORD, DEMO_STUDENTS } from '../prisma/demo-content'
import { buildIfNeeded } from './build-if-needed'
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres'
import { applyMigrations } from './migrate'

const dev = process.argv.includes('--dev')
const startedAt = Date.now()
const port = Number(process.env.PORT ?? 3000)
const dataDir = resolve(process.env.COLLOQUY_DATA_DIR ?? '.data')
const log = (line: string) => console.log(`[colloquy] ${line}`)
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')

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

async function seed(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl
  const { db } = await import('@/lib/db')
  const { seedDemo } = await import('@/prisma/seed')
  const { formatJoinCode } = await import('@/lib/groups/join-code')
  const result = await seedDemo(db)
  await db.$disconnect()
  return { ...result, joinCode: formatJoinCode(result.joinCode) }
}

async function main() {
  mkdirSync(dataDir, { recursive: true })
  let embedded: EmbeddedDatabase | undefined
  let databaseUrl = process.env.DATABASE_URL
  if (databaseUrl) {
    log('Using the database at DATABASE_URL.')
  } else {
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54320)
    embedded = await startEmbeddedPostgres({ dir: dataDir, port: pgPort, database: 'colloquy', log })
    databaseUrl = embedded.url
    log(`Embedded PostgreSQL running on 127.0.0.1:${pgPort} (data in ${dataDir}) after ${Date.now() - startedAt} ms.`)
  }

  const stopDatabase = async () => {
    await embedded?.stop().catch(() => {})
  }

  try {
    const applied = await applyMigrations(databaseUrl)
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`)
    const demo = process.env.COLLOQUY_SEED === 'false' ? undefined : await seed(databaseUrl)

    const secret = authSecret()
    const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: secret,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: appUrl,
      PORT: String(port),
    }
    if (!dev) buildIfNeeded(env, log)

    // Next's own binary, not npx, so signals reach the server itself.
    const server = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '-p', String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...env, NODE_ENV: dev ? 'development' : 'production' },
    })
    let announced = false
    server.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk)
      if (!announced && /Ready|started server/i.test(chunk.toString())) {
        announced = true
        log(`Colloquy is ready at ${appUrl} (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s).`)
        if (demo) {
          log(`Demo logins (password "${DEMO_PASSWORD}" for all):`)
          log(`  instructor  ${DEMO_INSTRUCTOR.email}`)
          for (const student of DEMO_STUDENTS) log(`  student     ${student.email}`)
          log(`Demo group join code: ${demo.joinCode}`)
        }
      }
    })

    const shutdown = (signal: NodeJS.Signals) => {
      server.kill(signal)
    }
    process.on('SIGINT', shutdown)
    process.on('SIGTERM', shutdown)
    server.on('exit', async (code) => {
      await stopDatabase()
      process.exit(code ?? 0)
    })
  } catch (error) {
    await stopDatabase()
    throw error
  }
}

main().catch((error: unknown) => {
  console.error(`[colloquy] Could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
