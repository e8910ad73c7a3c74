// Fifty students for highlight-create's seminar figure, made in the bench database: each is a
// member of the demo seminar, and each also sits alone in a group of their own that reads a copy of
// the same essay. The same fifty people write either all to the seminar or each to their own group,
// so the one difference between the two runs is how many writers share a group.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { newId } from '../../lib/ids'
import { DEMO_PASSWORD } from '../../prisma/demo-content'
import { signIn } from './app-server'

export interface Writer {
  email: string
  /** The `Cookie` header of the writer's session. */
  cookie: string
  /** POST path for a highlight on the seminar's essay. */
  seminarPath: string
  /** POST path for a highlight on the copy in the writer's own group. */
  ownGroupPath: string
}

const highlightsOf = (sourceId: string) => `/api/sources/${sourceId}/highlights`

/** Copies a row of `table` with new values for some columns (generated columns left to the database). */
async function copyRow(
  client: pg.Client,
  table: string,
  fromId: string,
  values: Record<string, unknown>,
): Promise<void> {
  const { rows } = await client.query<{ column: string }>(
    `SELECT column_name AS column FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  )
  const columns = rows.map((row) => row.column)
  const given = Object.keys(values)
  const select = columns.map((column) => (given.includes(column) ? `$${given.indexOf(column) + 2}` : `"${column}"`))
  await client.query(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${select.join(', ')} FROM "${table}" WHERE id = $1`,
    [fromId, ...Object.values(values)],
  )
}

/** Makes `count` students (the demo password) in `sourceId`'s group, and signs each in over HTTP. */
export async function makeSeminarWriters(
  appUrl: string,
  databaseUrl: string,
  sourceId: string,
  count: number,
): Promise<Writer[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const made: Omit<Writer, 'cookie'>[] = []
  try {
    const { rows } = await client.query<{ groupId: string; passwordHash: string }>(
      `SELECT s."groupId", u."passwordHash"
         FROM "Source" s JOIN "Membership" m ON m."groupId" = s."groupId" AND m.role = 'STUDENT' JOIN "User" u ON u.id = m."userId"
        WHERE s.id = $1 LIMIT 1`,
      [sourceId],
    )
    const seminar = rows[0]
    if (!seminar) throw new Error(`No student of the group of source ${sourceId} in the bench database.`)
    await client.query('BEGIN')
    for (let i = 1; i <= count; i++) {
      const n = String(i).padStart(2, '0')
      // Ids of the shape the app hands out (lib/ids.ts), or its routes refuse them.
      const [userId, groupId, copyId] = [newId(), newId(), newId()]
      const email = `writer-${n}@bench.colloquy.test`
      await client.query(`INSERT INTO "User" (id, name, email, "passwordHash") VALUES ($1, $2, $3, $4)`, [
        userId,
        `Writer ${n}`,
        email,
        seminar.passwordHash,
      ])
      await client.query(`INSERT INTO "Membership" (id, "groupId", "userId", role) VALUES ($1, $2, $3, 'STUDENT')`, [
        newId(),
        seminar.groupId,
        userId,
      ])
      await copyRow(client, 'Group', seminar.groupId, {
        id: groupId,
        name: `Bench group ${n}`,
        joinCode: randomBytes(6).toString('hex').toUpperCase(),
        eventSeq: 0,
      })
      await copyRow(client, 'Source', sourceId, { id: copyId, groupId })
      await client.query(`INSERT INTO "Membership" (id, "groupId", "userId", role) VALUES ($1, $2, $3, 'STUDENT')`, [
        newId(),
        groupId,
        userId,
      ])
      made.push({ email, seminarPath: highlightsOf(sourceId), ownGroupPath: highlightsOf(copyId) })
    }
    await client.query('COMMIT')
  } finally {
    await client.end()
  }
  const writers: Writer[] = []
  for (const writer of made) writers.push({ ...writer, cookie: await signIn(appUrl, writer.email, DEMO_PASSWORD) })
  return writers
}
