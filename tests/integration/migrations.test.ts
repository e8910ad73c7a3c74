// The SQL migrations build exactly the database schema.prisma describes: applied to an empty
// database they create every table, column, enum and rule the Prisma client relies on.
import { createHash, randomBytes } from 'node:crypto'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { Prisma, PrismaClient } from '@/lib/generated/prisma/client'
import * as enums from '@/lib/generated/prisma/enums'
import { applyMigrations, readMigrations, type Migration } from '@/scripts/migrate'
import { withDatabase } from '@/tests/setup/global-database'

const adminUrl = inject('adminDatabaseUrl')
const name = `colloquy_migrations_${randomBytes(6).toString('hex')}`
const url = withDatabase(adminUrl, name)

let firstRun: string[]
let pool: pg.Pool
let client: PrismaClient

async function admin(sql: string) {
  const connection = new pg.Client({ connectionString: adminUrl })
  await connection.connect()
  await connection.query(sql).finally(() => connection.end())
}

const query = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => (await pool.query<T>(sql)).rows

const recorded = () =>
  query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
  )

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

beforeAll(async () => {
  await admin(`CREATE DATABASE ${name}`)
  firstRun = await applyMigrations(url)
  pool = new pg.Pool({ connectionString: url })
  client = new PrismaClient({ adapter: new PrismaPg(pool) })
})

afterAll(async () => {
  await client?.$disconnect()
  await pool?.end().catch(() => {})
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
})

describe('migrating an empty database', () => {
  it('applies every migration in order and records its name and sha256 checksum', async () => {
    const migrations = readMigrations()
    expect(migrations.length).toBeGreaterThan(0)
    expect(firstRun).toEqual(migrations.map((migration) => migration.name))
    const rows = await recorded()
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(
      migrations.map((migration) => [migration.name, sha256(migration.sql)]),
    )
    expect(rows.every((row) => row.finished_at instanceof Date && row.rolled_back_at === null)).toBe(true)
  })

  it('applies nothing when run a second time', async () => {
    const before = await recorded()
    expect(await applyMigrations(url)).toEqual([])
    expect(await recorded()).toEqual(before)
  })

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const before = await recorded()
    const edit = (migration: Migration, sql = `${migration.sql}\n-- edited after it was applied\n`) => ({
      ...migration,
      sql,
      checksum: sha256(sql),
    })
    const edited = readMigrations().map((migration, index) => (index === 0 ? edit(migration) : migration))
    const message = `Migration ${edited[0]!.name} was changed after it was applied; add a new migration instead.`
    await expect(applyMigrations(url, edited)).rejects.toThrow(message)
    expect(await recorded()).toEqual(before)
  })

  it('rolls back a failing migration completely and records nothing for it', async () => {
    const before = await recorded()
    const sql = 'CREATE TABLE "HalfDone" ("id" TEXT PRIMARY KEY);\nSELECT * FROM "NoSuchTable";'
    const broken: Migration = { name: '99999999999999_broken', sql, checksum: sha256(sql) }
    await expect(applyMigrations(url, [...readMigrations(), broken])).rejects.toThrow(
      /^Migration 99999999999999_broken failed: /,
    )
    expect(await recorded()).toEqual(before)
    expect(await query(`SELECT to_regclass('"HalfDone"') AS name`)).toEqual([{ name: null }])
  })
})

const SCALAR_FIELDS: Record<Prisma.ModelName, Record<string, string>> = {
  User: Prisma.UserScalarFieldEnum,
  AuthSession: Prisma.AuthSessionScalarFieldEnum,
  RateLimit: Prisma.RateLimitScalarFieldEnum,
  Group: Prisma.GroupScalarFieldEnum,
  Membership: Prisma.MembershipScalarFieldEnum,
  Source: Prisma.SourceScalarFieldEnum,
  SourceRevision: Prisma.SourceRevisionScalarFieldEnum,
  SourceBlocks: Prisma.SourceBlocksScalarFieldEnum,
  Highlight: Prisma.HighlightScalarFieldEnum,
  Reply: Prisma.ReplyScalarFieldEnum,
  ArgumentMap: Prisma.ArgumentMapScalarFieldEnum,
  MapNode: Prisma.MapNodeScalarFieldEnum,
  MapRelation: Prisma.MapRelationScalarFieldEnum,
  MapOperation: Prisma.MapOperationScalarFieldEnum,
  Feedback: Prisma.FeedbackScalarFieldEnum,
  GroupEvent: Prisma.GroupEventScalarFieldEnum,
  ReaderPresence: Prisma.ReaderPresenceScalarFieldEnum,
  SystemState: Prisma.SystemStateScalarFieldEnum,
  Notification: Prisma.NotificationScalarFieldEnum,
  Assignment: Prisma.AssignmentScalarFieldEnum,
  AssignmentSource: Prisma.AssignmentSourceScalarFieldEnum,
  AssignmentSubmission: Prisma.AssignmentSubmissionScalarFieldEnum,
}

const at = (iso: string) => new Date(iso)
/** What every model's client has, for a loop over all of them: the generated types differ per model. */
type Delegate = {
  create(args: { data: unknown }): Promise<unknown>
  findUnique(args: { where: unknown }): Promise<unknown>
}
const delegateOf = (model: Prisma.ModelName) =>
  client[`${model[0]!.toLowerCase()}${model.slice(1)}` as Uncapitalize<Prisma.ModelName>] as unknown as Delegate

/** The unique key a row is read back by: its id, unless its model has none. */
const KEYS: Partial<Record<Prisma.ModelName, (row: Record<string, unknown>) => object>> = {
  RateLimit: (row) => ({ key: row.key }),
  SourceBlocks: (row) => ({ sourceId: row.sourceId }),
  ReaderPresence: (row) => ({ connectionId: row.connectionId }),
  SystemState: (row) => ({ key: row.key }),
  AssignmentSource: (row) => ({
    assignmentId_sourceId: { assignmentId: row.assignmentId, sourceId: row.sourceId },
  }),
}
const uniqueWhere = (model: Prisma.ModelName, row: Record<string, unknown>) => KEYS[model]?.(row) ?? { id: row.id }
/** A highlight with only the columns that have no default: the first character of a one-version source. */
const highlightOn = (sourceId: string, authorId: string, tag: 'CLAIM' | 'BIAS') => ({
  sourceId,
  authorId,
  tag,
  exact: 'x',
  prefix: '',
  suffix: '',
  start: 0,
  end: 1,
  sourceVersion: 1,
})
const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

/** One row of every model with every column given a value, so any column the SQL lacks fails. */
const ROWS = {
  User: {
    id: 'user1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    passwordHash: '$argon2id$x',
    createdAt: at('2024-01-02T03:04:05.678Z'),
    digest: 'WEEKLY',
    digestSentAt: at('2024-01-09T08:00:00.000Z'),
  },
  AuthSession: {
    id: 'session1',
    userId: 'user1',
    createdAt: at('2024-01-02T03:05:00.001Z'),
    expiresAt: at('2024-02-01T03:05:00.001Z'),
  },
  RateLimit: { key: 'signIn:failures:ada@example.com 203.0.113.9', points: 2, expire: BigInt('1704164700001') },
  Group: {
    id: 'group1',
    name: 'Ethics seminar',
    description: 'Tuesdays',
    joinCode: 'K7QM2XPA',
    joinCodeExpiresAt: at('2024-02-01T00:00:00.000Z'),
    readFirst: true,
    eventSeq: 5,
    rubric: [{ name: 'Uses evidence', points: 5 }],
    timeZone: 'Asia/Tokyo',
    archivedAt: at('2024-06-30T00:00:00.000Z'),
    createdById: 'user1',
    createdAt: at('2024-01-03T00:00:00.000Z'),
  },
  Membership: {
    id: 'membership1',
    groupId: 'group1',
    userId: 'user1',
    role: 'INSTRUCTOR',
    joinedAt: at('2024-01-03T00:00:01.000Z'),
  },
  Source: {
    id: 'source1',
    groupId: 'group1',
    title: 'On Liberty',
    author: 'J. S. Mill',
    year: 1859,
    url: 'https://example.com/liberty',
    text: 'Of the liberty of thought.\n\nThe sole end.',
    contentHash: 'a'.repeat(64),
    version: 2,
    droppedBlocks: [{ position: 1, text: 'Order now', reason: 'navigation or button label' }],
    layout: [
      { kind: 'heading', level: 2 },
      { kind: 'paragraph', page: 3 },
    ],
    createdById: 'user1',
    createdAt: at('2024-01-04T00:00:00.000Z'),
    updatedAt: at('2024-01-05T00:00:00.000Z'),
  },
  SourceRevision: {
    id: 'revision1',
    sourceId: 'source1',
    version: 1,
    text: 'Of the liberty of thought.',
    contentHash: 'b'.repeat(64),
    createdById: 'user1',
    createdAt: at('2024-01-04T00:00:00.500Z'),
  },
  SourceBlocks: {
    sourceId: 'source1',
    version: 2,
    blocks: [
      [0, 26, null, null],
      [28, 41, 1, 3],
    ],
  },
  Highlight: {
    id: 'highlight1',
    sourceId: 'source1',
    authorId: 'user1',
    tag: 'CLAIM',
    visibility: 'PRIVATE',
    exact: 'liberty',
    prefix: 'Of the ',
    suffix: ' of thought',
    start: 7,
    end: 14,
    sourceVersion: 2,
    anchorStatus: 'MOVED',
    note: doc('A central claim.'),
    createdAt: at('2024-01-06T00:00:00.000Z'),
    updatedAt: at('2024-01-06T00:00:01.000Z'),
  },
  Reply: {
    id: 'reply1',
    highlightId: 'highlight1',
    authorId: 'user1',
    body: doc('I agree.'),
    createdAt: at('2024-01-07T00:00:00.000Z'),
    updatedAt: at('2024-01-07T00:00:02.000Z'),
  },
  ArgumentMap: {
    id: 'map1',
    groupId: 'group1',
    ownerId: 'user1',
    kind: 'PERSONAL',
    title: 'My map',
    status: 'SUBMITTED',
    seq: 3,
    feedbackSeenAt: at('2024-01-08T00:00:04.000Z'),
    createdAt: at('2024-01-08T00:00:00.000Z'),
    updatedAt: at('2024-01-08T00:00:03.000Z'),
  },
  MapNode: {
    id: 'node1',
    mapId: 'map1',
    kind: 'EVIDENCE',
    label: 'Liberty',
    highlightId: 'highlight1',
    x: 12.5,
    y: -3.25,
    version: 4,
    createdAt: at('2024-01-09T00:00:00.000Z'),
  },
  MapRelation: { id: 'relation1', mapId: 'map1', fromId: 'node1', toId: 'node1', kind: 'ATTACKS', label: 'undercuts' },
  MapOperation: {
    id: 'operation1',
    mapId: 'map1',
    seq: 3,
    actorId: 'user1',
    type: 'node.moved',
    payload: { nodeId: 'node1', x: 12.5, y: -3.25 },
    createdAt: at('2024-01-09T00:00:01.000Z'),
  },
  Feedback: {
    id: 'feedback1',
    mapId: 'map1',
    authorId: 'user1',
    nodeId: 'node1',
    relationId: 'relation1',
    body: 'Good start.',
    score: 7,
    rubricScores: [{ name: 'Uses evidence', points: 4, max: 5 }],
    createdAt: at('2024-01-10T00:00:00.000Z'),
  },
  // An id far past any the sequence hands out in this file: a given id does not move the sequence on.
  GroupEvent: {
    id: BigInt(9_000_000_000),
    groupId: 'group1',
    seq: 5,
    type: 'highlight.created',
    payload: { id: 'highlight1' },
    createdAt: at('2024-01-11T00:00:00.000Z'),
  },
  ReaderPresence: {
    connectionId: 'connection1',
    userId: 'user1',
    sourceId: 'source1',
    seenAt: at('2024-01-12T00:00:00.000Z'),
  },
  SystemState: {
    key: 'demo',
    value: { seededAt: '2024-01-13T00:00:00.000Z' },
    updatedAt: at('2024-01-13T00:00:00.000Z'),
  },
  Assignment: {
    id: 'assignment1',
    groupId: 'group1',
    title: 'Week 3',
    instructions: 'Read both essays.',
    minClaims: 3,
    minEvidence: 2,
    minBias: 1,
    requireMap: true,
    opensAt: at('2024-01-13T09:00:00.000Z'),
    dueAt: at('2024-01-20T08:00:00.000Z'),
    allowLate: false,
    createdAt: at('2024-01-13T00:00:00.000Z'),
    updatedAt: at('2024-01-13T00:00:01.000Z'),
  },
  AssignmentSource: { assignmentId: 'assignment1', sourceId: 'source1', position: 0 },
  AssignmentSubmission: {
    id: 'submission1',
    assignmentId: 'assignment1',
    userId: 'user1',
    mapId: 'map1',
    submittedAt: at('2024-01-19T00:00:00.000Z'),
    late: false,
  },
  Notification: {
    id: 'notification1',
    userId: 'user1',
    groupId: 'group1',
    kind: 'MENTION',
    actorId: 'user1',
    highlightId: 'highlight1',
    replyId: 'reply1',
    mapId: 'map1',
    assignmentId: 'assignment1',
    readAt: at('2024-01-14T00:00:01.000Z'),
    createdAt: at('2024-01-14T00:00:00.000Z'),
  },
} as const

describe('the migrated schema matches schema.prisma', () => {
  it('has exactly the tables and columns of the Prisma models', async () => {
    const columns = await query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    )
    const actual: Record<string, string[]> = {}
    for (const { table_name, column_name } of columns) (actual[table_name] ??= []).push(column_name)
    const expected = Object.fromEntries(
      Object.entries(SCALAR_FIELDS).map(([model, fields]) => [model, Object.values(fields).sort()]),
    )
    expect(actual).toEqual(expected)
  })

  it('has the same enum types and values', async () => {
    const labels = await query<{ type: string; label: string }>(
      `SELECT t.typname AS type, e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
       ORDER BY t.typname, e.enumsortorder`,
    )
    const actual: Record<string, string[]> = {}
    for (const { type, label } of labels) (actual[type] ??= []).push(label)
    const expected = Object.fromEntries(Object.entries(enums).map(([type, values]) => [type, Object.values(values)]))
    expect(actual).toEqual(expected)
  })

  it('stores and returns one row of every model with every column set', async () => {
    expect(Object.keys(ROWS).sort()).toEqual(Object.values(Prisma.ModelName).sort())
    for (const [model, row] of Object.entries(ROWS)) {
      expect(Object.keys(row).sort(), `${model} sets every column`).toEqual(
        Object.values(SCALAR_FIELDS[model as Prisma.ModelName]).sort(),
      )
    }
    // In dependency order: each row refers only to rows made before it.
    const stored: Record<string, unknown> = {}
    for (const [model, row] of Object.entries(ROWS) as [Prisma.ModelName, Record<string, unknown>][]) {
      await delegateOf(model).create({ data: row })
      stored[model] = await delegateOf(model).findUnique({ where: uniqueWhere(model, row) })
    }
    expect(stored).toEqual(ROWS)
  })

  it('fills the defaults and accepts null in every optional column', async () => {
    const user = await client.user.create({ data: { name: 'Ben', email: 'ben@example.com', passwordHash: 'x' } })
    const group = await client.group.create({
      data: { name: 'Defaults', joinCode: 'DEFAULT2', joinCodeExpiresAt: new Date(), createdById: user.id },
    })
    expect(group).toMatchObject({ description: '', readFirst: false, eventSeq: 0, timeZone: 'UTC' })
    expect(group.id).toMatch(/^[a-z0-9]{20,40}$/)
    const source = await client.source.create({
      data: {
        groupId: group.id,
        title: 'T',
        text: 'x',
        contentHash: 'h',
        createdById: user.id,
        author: null,
        year: null,
        url: null,
      },
    })
    expect(source).toMatchObject({ version: 1, droppedBlocks: [], layout: [], author: null, year: null, url: null })
    const highlight = await client.highlight.create({ data: highlightOn(source.id, user.id, 'BIAS') })
    expect(highlight).toMatchObject({ visibility: 'GROUP', anchorStatus: 'EXACT', note: null })
    const map = await client.argumentMap.create({
      data: { groupId: group.id, ownerId: null, kind: 'GROUP', title: 'Shared' },
    })
    expect(map).toMatchObject({ status: 'DRAFT', seq: 0, ownerId: null })
    const node = await client.mapNode.create({
      data: { mapId: map.id, kind: 'NOTE', label: 'n', highlightId: null, x: 0, y: 0 },
    })
    expect(node).toMatchObject({ version: 1, highlightId: null })
    const relation = await client.mapRelation.create({
      data: { mapId: map.id, fromId: node.id, toId: node.id, kind: 'SUPPORTS' },
    })
    expect(relation.label).toBe('')
    const feedback = await client.feedback.create({
      data: { mapId: map.id, authorId: user.id, nodeId: null, relationId: null, body: 'Overall fine.', score: null },
    })
    expect(feedback).toMatchObject({ nodeId: null, relationId: null, score: null })
  })

  it('enforces every unique rule of the schema', async () => {
    const { user, group, revision, map, supports } = await buildSeminar()
    // Each copy differs from the stored row in everything but the unique columns.
    const duplicates = [
      () => client.user.create({ data: { name: 'Twin', email: user.email, passwordHash: 'y' } }),
      () =>
        client.group.create({
          data: { name: 'Other', joinCode: group.joinCode, joinCodeExpiresAt: new Date(), createdById: user.id },
        }),
      () => client.membership.create({ data: { groupId: group.id, userId: user.id, role: 'STUDENT' } }),
      () =>
        client.sourceRevision.create({
          data: { sourceId: revision.sourceId, version: 1, text: 'y', contentHash: 'c', createdById: user.id },
        }),
      () =>
        client.mapRelation.create({
          data: { mapId: map.id, fromId: supports.fromId, toId: supports.toId, kind: 'ATTACKS', label: 'x' },
        }),
      () =>
        client.mapOperation.create({
          data: { mapId: map.id, seq: 1, actorId: user.id, type: 'node.moved', payload: { x: 1 } },
        }),
      () => client.groupEvent.create({ data: { groupId: group.id, seq: 1, type: 'other', payload: {} } }),
    ]
    for (const duplicate of duplicates) await expect(duplicate()).rejects.toMatchObject({ code: 'P2002' })
    // Events waiting for their number are many per group.
    const pending = () => client.groupEvent.create({ data: { groupId: group.id, type: 'other', payload: {} } })
    expect((await pending()).seq).toBeNull()
    await expect(pending()).resolves.toMatchObject({ seq: null })
  })
})

describe('upgrading a database that has live events', () => {
  it('keeps their numbers, and numbers new events after them', async () => {
    const name = `colloquy_upgrade_${randomBytes(6).toString('hex')}`
    await admin(`CREATE DATABASE ${name}`)
    const older = new pg.Pool({ connectionString: withDatabase(adminUrl, name) })
    try {
      const all = readMigrations()
      const at = all.findIndex((migration) => migration.name === '20261210120000_event_numbering_after_commit')
      expect(at).toBeGreaterThan(0)
      await applyMigrations(withDatabase(adminUrl, name), all.slice(0, at))
      await older.query(
        `INSERT INTO "User" (id, name, email, "passwordHash") VALUES ('u1', 'Ada', 'ada@example.com', 'x')`,
      )
      await older.query(
        `INSERT INTO "Group" (id, name, "joinCode", "joinCodeExpiresAt", "createdById", "eventSeq") VALUES ('g1', 'Old', 'OLDCODE1', now(), 'u1', 3)`,
      )
      for (const seq of [1, 2, 3])
        await older.query(
          `INSERT INTO "GroupEvent" ("groupId", seq, type, payload) VALUES ('g1', $1, 'source.changed', '{}')`,
          [seq],
        )
      await applyMigrations(withDatabase(adminUrl, name), all)
      await older.query(
        `INSERT INTO "GroupEvent" ("groupId", type, payload) VALUES ('g1', 'source.changed', '{"after": true}')`,
      )
      const { rows } = await older.query<{ seq: number }>(
        `SELECT numbered AS seq FROM colloquy_number_events('unheard', ARRAY['g1'], 10, true)`,
      )
      expect(rows).toEqual([{ seq: 1 }])
      const { rows: log } = await older.query<{ seq: number; payload: unknown }>(
        `SELECT seq, payload FROM "GroupEvent" ORDER BY id`,
      )
      expect(log).toEqual([
        { seq: 1, payload: {} },
        { seq: 2, payload: {} },
        { seq: 3, payload: {} },
        { seq: 4, payload: { after: true } },
      ])
    } finally {
      await older.end()
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  })
})

/** A user's group with a source, a highlight, and a map of three nodes, two relations and feedback. */
async function buildSeminar() {
  const user = await client.user.create({
    data: { name: 'Cy', email: `cy-${randomBytes(4).toString('hex')}@example.com`, passwordHash: 'x' },
  })
  const group = await client.group.create({
    data: {
      name: 'Maps',
      joinCode: randomBytes(4).toString('hex').toUpperCase(),
      joinCodeExpiresAt: new Date(),
      createdById: user.id,
    },
  })
  await client.membership.create({ data: { groupId: group.id, userId: user.id, role: 'INSTRUCTOR' } })
  await client.groupEvent.create({ data: { groupId: group.id, seq: 1, type: 'member.joined', payload: {} } })
  const source = await client.source.create({
    data: { groupId: group.id, title: 'T', text: 'x', contentHash: 'h', createdById: user.id },
  })
  const revision = await client.sourceRevision.create({
    data: { sourceId: source.id, version: 1, text: 'x', contentHash: 'h', createdById: user.id },
  })
  const highlight = await client.highlight.create({ data: highlightOn(source.id, user.id, 'CLAIM') })
  const map = await client.argumentMap.create({ data: { groupId: group.id, kind: 'GROUP', title: 'Shared' } })
  const claim = await client.mapNode.create({
    data: { mapId: map.id, kind: 'CLAIM', label: 'c', x: 0, y: 0, highlightId: highlight.id },
  })
  const evidence = await client.mapNode.create({ data: { mapId: map.id, kind: 'EVIDENCE', label: 'e', x: 1, y: 1 } })
  const note = await client.mapNode.create({ data: { mapId: map.id, kind: 'NOTE', label: 'n', x: 2, y: 2 } })
  const supports = await client.mapRelation.create({
    data: { mapId: map.id, fromId: evidence.id, toId: claim.id, kind: 'SUPPORTS' },
  })
  const attacks = await client.mapRelation.create({
    data: { mapId: map.id, fromId: note.id, toId: evidence.id, kind: 'ATTACKS' },
  })
  await client.mapOperation.create({
    data: { mapId: map.id, seq: 1, actorId: user.id, type: 'node.added', payload: {} },
  })
  await client.feedback.create({
    data: { mapId: map.id, authorId: user.id, nodeId: evidence.id, body: 'On the evidence' },
  })
  await client.feedback.create({
    data: { mapId: map.id, authorId: user.id, relationId: attacks.id, body: 'On the attack' },
  })
  await client.feedback.create({ data: { mapId: map.id, authorId: user.id, body: 'On the whole map' } })
  return { user, group, revision, map, highlight, claim, evidence, note, supports }
}

describe('deleting parts of an argument map', () => {
  const countsOf = async (mapId: string) => {
    const where = { where: { mapId } }
    const [nodes, relations, operations, feedback] = await Promise.all([
      client.mapNode.count(where),
      client.mapRelation.count(where),
      client.mapOperation.count(where),
      client.feedback.count(where),
    ])
    return { nodes, relations, operations, feedback }
  }

  it('deleting a map removes its nodes, relations, operations and feedback', async () => {
    const { map } = await buildSeminar()
    expect(await countsOf(map.id)).toEqual({ nodes: 3, relations: 2, operations: 1, feedback: 3 })
    await client.argumentMap.delete({ where: { id: map.id } })
    expect(await countsOf(map.id)).toEqual({ nodes: 0, relations: 0, operations: 0, feedback: 0 })
  })

  it('deleting a node removes the relations touching it and the feedback pinned to them', async () => {
    const { map, evidence, claim, note } = await buildSeminar()
    await client.mapNode.delete({ where: { id: evidence.id } })
    expect(await client.mapRelation.count({ where: { mapId: map.id } })).toBe(0)
    expect((await client.feedback.findMany({ where: { mapId: map.id } })).map((f) => f.body)).toEqual([
      'On the whole map',
    ])
    expect(
      (await client.mapNode.findMany({ where: { mapId: map.id }, orderBy: { x: 'asc' } })).map((n) => n.id),
    ).toEqual([claim.id, note.id])
  })

  it('deleting a highlight keeps the node that quoted it, unlinked', async () => {
    const { highlight, claim } = await buildSeminar()
    await client.highlight.delete({ where: { id: highlight.id } })
    expect(await client.mapNode.findUnique({ where: { id: claim.id } })).toMatchObject({
      id: claim.id,
      highlightId: null,
    })
  })
})
