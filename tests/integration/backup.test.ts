// Backups: every table, every row and every value (Japanese, Arabic, emoji, tabs, backslashes,
// newlines in text and JSON) survives `db:backup` then `db:restore` into an empty database; the
// backup is one snapshot while writes go on; damaged, foreign and newer backups and a non-empty
// target are refused without changing anything.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { db } from '@/lib/db'
import { blockIndexes } from '@/lib/sources/block-index'
import { seedDemo } from '@/prisma/seed'
import { backupDatabase } from '@/scripts/db-backup'
import { restoreDatabase } from '@/scripts/db-restore'
import { applyMigrations, readMigrations } from '@/scripts/migrate'
import { withDatabase } from '@/tests/setup/global-database'

const adminUrl = inject('adminDatabaseUrl')
const dir = mkdtempSync(join(tmpdir(), 'colloquy-backup-'))
const made: string[] = []
const pools: pg.Pool[] = []

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  await client.query(sql).finally(() => client.end())
}

/** A new, empty database, and a pool on it. */
async function emptyDatabase(): Promise<{ url: string; pool: pg.Pool }> {
  const name = `colloquy_restore_${randomBytes(5).toString('hex')}`
  await admin(`CREATE DATABASE ${name}`)
  made.push(name)
  const url = withDatabase(adminUrl, name)
  const pool = new pg.Pool({ connectionString: url, max: 3 })
  pools.push(pool)
  return { url, pool }
}

async function tables(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  )
  return rows.map((row) => row.name)
}

/** Every table's rows, as a hash of their text, and how many. */
async function fingerprint(pool: pg.Pool): Promise<Record<string, string>> {
  const result: Record<string, string> = {}
  for (const name of await tables(pool)) {
    const { rows } = await pool.query<{ n: string; hash: string }>(
      `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS hash FROM "${name}" t`,
    )
    result[name] = `${rows[0]!.n}:${rows[0]!.hash}`
  }
  return result
}

const TRICKY = 'Tab\there, back\\slash, "quotes", new\nline, 日本の同盟, التحالف, 👩🏽‍🏫, \u200f, e\u0301'

let source: pg.Pool

beforeAll(async () => {
  source = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 })
  pools.push(source)
  await seedDemo(db)
  const group = await db.group.findFirstOrThrow()
  const [instructor, student] = await Promise.all(
    ['instructor', 'alex'].map((name) => db.user.findUniqueOrThrow({ where: { email: `${name}@colloquy.test` } })),
  )
  // An essay the demo has not edited: its first revision is still free.
  const essay = await db.source.findFirstOrThrow({ where: { groupId: group.id, version: 1 } })
  await db.sourceRevision.create({
    data: {
      sourceId: essay.id,
      version: 1,
      text: `${TRICKY}\n\n${essay.text}`,
      contentHash: 'c'.repeat(64),
      createdById: instructor!.id,
    },
  })
  const note = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TRICKY }] }] }
  const highlight = await db.highlight.create({
    data: {
      sourceId: essay.id,
      authorId: student!.id,
      tag: 'CLAIM',
      exact: essay.text.slice(0, 20),
      prefix: '',
      suffix: essay.text.slice(20, 40),
      start: 0,
      end: 20,
      sourceVersion: 1,
      note,
    },
  })
  const reply = await db.reply.create({ data: { highlightId: highlight.id, authorId: instructor!.id, body: note } })
  const map = await db.argumentMap.create({
    data: { groupId: group.id, ownerId: student!.id, kind: 'PERSONAL', title: `Map ${TRICKY.slice(0, 30)}`, seq: 2 },
  })
  const [a, b] = await Promise.all([
    db.mapNode.create({
      data: { mapId: map.id, kind: 'CLAIM', label: TRICKY, x: 1.5, y: -2.25, highlightId: highlight.id },
    }),
    db.mapNode.create({ data: { mapId: map.id, kind: 'EVIDENCE', label: 'Evidence', x: 0, y: 120 } }),
  ])
  const relation = await db.mapRelation.create({
    data: { mapId: map.id, fromId: b!.id, toId: a!.id, kind: 'SUPPORTS', label: 'because' },
  })
  await db.mapOperation.create({
    data: { mapId: map.id, seq: 1, actorId: student!.id, type: 'node.added', payload: { label: TRICKY } },
  })
  await db.feedback.create({
    data: {
      mapId: map.id,
      authorId: instructor!.id,
      nodeId: a!.id,
      relationId: relation.id,
      body: TRICKY,
      score: 4,
      rubricScores: [{ name: 'Evidence', points: 4, max: 5 }],
    },
  })
  await db.notification.create({
    data: {
      userId: student!.id,
      groupId: group.id,
      kind: 'REPLY',
      actorId: instructor!.id,
      highlightId: highlight.id,
      replyId: reply.id,
      mapId: map.id,
      readAt: new Date(),
    },
  })
  const assignment = await db.assignment.create({
    data: {
      groupId: group.id,
      title: `Week 1 ${TRICKY.slice(0, 20)}`,
      instructions: TRICKY,
      minClaims: 2,
      requireMap: true,
      opensAt: new Date('2026-01-05T00:00:00Z'),
      dueAt: new Date('2026-01-12T08:00:00Z'),
      allowLate: false,
    },
  })
  await db.assignmentSource.create({ data: { assignmentId: assignment.id, sourceId: essay.id, position: 0 } })
  await db.assignmentSubmission.create({
    data: { assignmentId: assignment.id, userId: student!.id, mapId: map.id, late: true },
  })
  // After the events the demo's maps were published with; and one written but not numbered yet
  // (a backup can fall between a writer's commit and the numbering of its event).
  await db.groupEvent.create({
    data: {
      groupId: group.id,
      seq: group.eventSeq + 1,
      type: 'highlight.changed',
      payload: { highlightId: highlight.id },
    },
  })
  await db.group.update({ where: { id: group.id }, data: { eventSeq: group.eventSeq + 1 } })
  await db.groupEvent.create({
    data: { groupId: group.id, type: 'highlight.changed', payload: { highlightId: highlight.id, pending: TRICKY } },
  })
  // A map page's citations keep the essay's block index (lib/sources/block-index.ts).
  await blockIndexes([{ id: essay.id, version: essay.version }])
  await db.readerPresence.create({ data: { connectionId: 'connection-1', userId: student!.id, sourceId: essay.id } })
  await db.authSession.create({
    data: { id: 'backup-session-1', userId: student!.id, expiresAt: new Date(Date.now() + 86_400_000) },
  })
  await db.$executeRaw`INSERT INTO "RateLimit" (key, points, expire) VALUES ('sign-in:alex@colloquy.test', 1, ${Date.now() + 900_000})`
}, 60_000)

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end().catch(() => {})))
  for (const name of made) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
})

describe('a backup restored into an empty database', () => {
  it('holds every row of every table, value for value', async () => {
    const before = await fingerprint(source)
    const empty = Object.entries(before)
      .filter(([, print]) => print.startsWith('0:'))
      .map(([name]) => name)
    expect(empty, 'tables without data in the world the test backs up').toEqual([])

    const file = join(dir, 'round-trip.backup')
    const counts = await backupDatabase(process.env.DATABASE_URL!, file)
    expect(Object.keys(counts).sort()).toEqual(Object.keys(before).sort())

    const target = await emptyDatabase()
    await restoreDatabase(target.url, file)
    expect(await fingerprint(target.pool)).toEqual(before)
    // The restored database is a migrated one: the runner finds nothing to do.
    expect(await applyMigrations(target.url)).toEqual([])

    // And it goes on: a new event takes an id of its own, and with the pending one it is numbered
    // right after the group's last number.
    const group = await db.group.findFirstOrThrow({ select: { id: true, eventSeq: true } })
    await target.pool.query(`INSERT INTO "GroupEvent" ("groupId", type, payload) VALUES ($1, 'source.changed', '{}')`, [
      group.id,
    ])
    const { rows: numbered } = await target.pool.query<{ numbered: number }>(
      `SELECT numbered FROM colloquy_number_events('unheard', ARRAY[$1], 100, true)`,
      [group.id],
    )
    expect(numbered).toEqual([{ numbered: 2 }])
    const { rows: log } = await target.pool.query<{ seq: number }>(
      `SELECT seq FROM "GroupEvent" WHERE "groupId" = $1 ORDER BY seq`,
      [group.id],
    )
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: group.eventSeq + 2 }, (_, i) => i + 1))
  })

  it('is one snapshot, even while writes go on', async () => {
    const group = await db.group.findFirstOrThrow()
    const pairUser = (await db.user.findFirstOrThrow()).id
    const writer = await source.connect()
    let stop = false
    let pairs = 0
    // Each transaction writes two rows in two tables; a backup cut between them would show it.
    const writing = (async () => {
      while (!stop) {
        await writer.query('BEGIN')
        const { rows } = await writer.query<{ seq: number }>(
          `UPDATE "Group" SET "eventSeq" = "eventSeq" + 1 WHERE id = $1 RETURNING "eventSeq" AS seq`,
          [group.id],
        )
        await writer.query(
          `INSERT INTO "GroupEvent" ("groupId", seq, type, payload) VALUES ($1, $2, 'snapshot.test', '{}')`,
          [group.id, rows[0]!.seq + 1000],
        )
        await writer.query(
          `INSERT INTO "AuthSession" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 day')`,
          [`pair-${rows[0]!.seq}`, pairUser],
        )
        await writer.query('COMMIT')
        pairs++
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const file = join(dir, 'during-writes.backup')
    await backupDatabase(process.env.DATABASE_URL!, file)
    stop = true
    await writing
    writer.release()

    const target = await emptyDatabase()
    await restoreDatabase(target.url, file)
    const one = async (sql: string) => Number((await target.pool.query<{ n: string }>(sql)).rows[0]!.n)
    const events = await one(`SELECT count(*) AS n FROM "GroupEvent" WHERE type = 'snapshot.test'`)
    const attempts = await one(`SELECT count(*) AS n FROM "AuthSession" WHERE id LIKE 'pair-%'`)
    expect(events).toBeGreaterThan(0)
    expect(events, `pairs written meanwhile: ${pairs}`).toBe(attempts)
    // The group's counter, its events and the attempts all come from the same moment.
    const seq = await one(`SELECT "eventSeq" AS n FROM "Group" WHERE id = '${group.id}'`)
    expect(await one(`SELECT max(seq) AS n FROM "GroupEvent" WHERE type = 'snapshot.test'`)).toBe(seq + 1000)
  })

  it('from an older version gets the newer migrations after its rows are in', async () => {
    const all = readMigrations()
    const older = await emptyDatabase()
    await applyMigrations(older.url, all.slice(0, -1))
    await older.pool.query(
      `INSERT INTO "User" (id, name, email, "passwordHash") VALUES ('old-user', $1, 'old@example.com', 'x')`,
      [TRICKY],
    )
    const file = join(dir, 'older.backup')
    await backupDatabase(older.url, file)

    const target = await emptyDatabase()
    await restoreDatabase(target.url, file, all)
    const { rows } = await target.pool.query<{ name: string }>(`SELECT name FROM "User" WHERE id = 'old-user'`)
    expect(rows).toEqual([{ name: TRICKY }])
    const { rows: applied } = await target.pool.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" ORDER BY 1`,
    )
    expect(applied.map((row) => row.name)).toEqual(all.map((m) => m.name))
  })

  it('works from the command line: npm run db:backup, then npm run db:restore', async () => {
    const file = join(dir, 'cli.backup')
    const run = (script: string, url: string, ...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--import', './scripts/server-modules.mjs', script, ...args], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: url, DIRECT_DATABASE_URL: '' },
      })
    const backup = run('scripts/db-backup.ts', process.env.DATABASE_URL!, file)
    expect(backup.status, backup.stderr).toBe(0)
    expect(backup.stdout).toMatch(/^Backed up the database at DATABASE_URL: \d+ rows in \d+ tables/)
    const target = await emptyDatabase()
    const restore = run('scripts/db-restore.ts', target.url, file)
    expect(restore.status, restore.stderr).toBe(0)
    expect(restore.stdout).toMatch(/^Restored \d+ rows in \d+ tables into the database at DATABASE_URL/)
    expect(await fingerprint(target.pool)).toEqual(await fingerprint(source))
  }, 60_000)
})

describe('restoring refuses, and changes nothing', () => {
  let good: string
  beforeAll(async () => {
    good = join(dir, 'good.backup')
    await backupDatabase(process.env.DATABASE_URL!, good)
  })

  const refusal = async (file: string, url?: string) => {
    const target = url ? undefined : await emptyDatabase()
    const error = await restoreDatabase(url ?? target!.url, file).then(
      () => undefined,
      (e: Error) => e,
    )
    expect(error, 'the restore should have been refused').toBeInstanceOf(Error)
    if (target) expect(await tables(target.pool), 'tables created by a refused restore').toEqual([])
    return error!.message
  }

  it('a database that is not empty', async () => {
    const before = await fingerprint(source)
    expect(await refusal(good, process.env.DATABASE_URL)).toMatch(/^The database is not empty/)
    expect(await fingerprint(source)).toEqual(before)
  })

  it('a file cut short', async () => {
    const bytes = readFileSync(good)
    const cut = join(dir, 'cut.backup')
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)))
    expect(await refusal(cut)).toMatch(/is damaged or not a Colloquy backup|is incomplete/)
  })

  it('a file whose rows do not add up', async () => {
    const text = gunzipSync(readFileSync(good)).toString('utf8').split('\n')
    const at = text.findIndex((line) => line.startsWith('{"table":"User"'))
    text.splice(at + 1, 1)
    const file = join(dir, 'short-a-row.backup')
    writeFileSync(file, gzipSync(text.join('\n')))
    expect(await refusal(file)).toMatch(/is damaged: table User should have \d+ rows, it has \d+\./)
  })

  it('a file that is not a backup, and a backup from a newer version', async () => {
    const notOne = join(dir, 'essay.txt')
    writeFileSync(notOne, 'Alliances endure.')
    expect(await refusal(notOne)).toMatch(/is damaged or not a Colloquy backup/)

    const lines = gunzipSync(readFileSync(good)).toString('utf8').split('\n')
    const header = JSON.parse(lines[0]!) as { migrations: { name: string; checksum: string }[] }
    header.migrations.push({ name: '29991231000000_from_the_future', checksum: 'f'.repeat(64) })
    lines[0] = JSON.stringify(header)
    const newer = join(dir, 'newer.backup')
    writeFileSync(newer, gzipSync(lines.join('\n')))
    expect(await refusal(newer)).toMatch(
      /^The backup was made by a newer version of Colloquy \(its schema has migration 29991231000000_from_the_future/,
    )
  })
})
