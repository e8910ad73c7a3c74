// A PostgreSQL server of the test's own (the embedded one `npm start` uses), migrated and seeded
// with the demo seminar, that the test can stop (fast shutdown) and start again on the same data
// directory and port. Its cluster is a copy of one made by initdb once per run, which saves a
// few seconds per test and changes nothing else: the database is empty until migrated.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { seedDemo } from '@/prisma/seed'
import { copyEmbeddedCluster, startEmbeddedPostgres, type EmbeddedDatabase } from '../../../scripts/embedded-postgres'
import { applyMigrations } from '../../../scripts/migrate'
import { anyFreePort } from '../../../scripts/ports'
import { recordProcess } from './processes'

const DATABASE = 'colloquy'

export interface Seminar {
  groupId: string
  users: Record<'instructor' | 'alex' | 'bea' | 'chris', string>
  sources: { id: string; text: string }[]
  /** The demo arrives mid-term: what it already holds, so a test can judge only what it adds. */
  seeded: { lastEventSeq: number; highlightIds: Set<string> }
}

export interface FaultDatabase {
  /** Known before the server runs, so app instances can boot meanwhile. */
  url: string
  /** For the test's own reads; survives the server going away (its errors are expected then). */
  sql: pg.Pool
  /** Starts the server, applies the migrations and seeds the demo seminar. */
  prepare: () => Promise<Seminar>
  /** Fast shutdown (SIGINT): open transactions are rolled back and every connection is cut. */
  stop: () => Promise<void>
  start: () => Promise<void>
  close: () => Promise<void>
}

/**
 * Waits until none of the group's stored events is still waiting for its number: an app numbers
 * its writes' events right after they commit, and a sweep those a crash left behind (within
 * seconds). Resolves with how long that took.
 */
export async function allEventsNumbered(sql: pg.Pool, groupId: string, ms = 15_000): Promise<number> {
  const started = Date.now()
  for (;;) {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "GroupEvent" WHERE "groupId" = $1 AND seq IS NULL`,
      [groupId],
    )
    if (rows[0]!.n === 0) return Date.now() - started
    if (Date.now() - started > ms)
      throw new Error(`${rows[0]!.n} events of group ${groupId} were still unnumbered after ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Copies the run's initdb'd cluster (owner and modes kept, as PostgreSQL insists) into `dir`. */
export async function createDatabase(options: {
  dir: string
  template: string
  runDir: string
}): Promise<FaultDatabase> {
  copyEmbeddedCluster(options.template, options.dir)
  const port = await anyFreePort()
  const password = readFileSync(join(options.dir, 'postgres-password'), 'utf8').trim()
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`
  let server: EmbeddedDatabase | undefined
  const start = async () => {
    server = await startEmbeddedPostgres({ dir: options.dir, port, database: DATABASE })
    recordProcess(options.runDir, server.pid, 'postgres')
  }
  const sql = new pg.Pool({ connectionString: url, max: 4 })
  // Idle clients lose their server when the test stops it; that must not end the test process.
  sql.on('error', () => {})
  return {
    url,
    sql,
    prepare: async () => {
      await start()
      await applyMigrations(url)
      return seed(url)
    },
    stop: async () => {
      await server?.stop()
      server = undefined
    },
    start,
    close: async () => {
      await sql.end().catch(() => {})
      await server?.stop()
      server = undefined
    },
  }
}

async function seed(url: string): Promise<Seminar> {
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const client = new PrismaClient({ adapter: new PrismaPg(pool) })
  try {
    await seedDemo(client)
    const people = await client.user.findMany({ select: { id: true, email: true } })
    const idOf = (name: string) => people.find((p) => p.email === `${name}@colloquy.test`)!.id
    const group = await client.group.findFirstOrThrow({ select: { id: true } })
    const sources = await client.source.findMany({
      where: { groupId: group.id },
      select: { id: true, text: true },
      orderBy: { createdAt: 'asc' },
    })
    const lastEvent = await client.groupEvent.findFirst({
      where: { groupId: group.id },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    })
    const highlights = await client.highlight.findMany({ select: { id: true } })
    return {
      seeded: { lastEventSeq: lastEvent?.seq ?? 0, highlightIds: new Set(highlights.map((h) => h.id)) },
      groupId: group.id,
      users: { instructor: idOf('instructor'), alex: idOf('alex'), bea: idOf('bea'), chris: idOf('chris') },
      sources,
    }
  } finally {
    await client.$disconnect()
    await pool.end().catch(() => {})
  }
}
