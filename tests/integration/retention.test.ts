// Retention: old live events and expired sessions are pruned, once per period across instances,
// and under a soak of writes the tables stay bounded.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { retentionRules, type RetentionRule } from '@/lib/retention/policy'
import { pruneOldRows, PRUNE_BATCH } from '@/lib/retention/prune'
import { claimPeriod, every } from '@/lib/retention/schedule'

const DAY = 86_400_000
let groupId: string
let userId: string
// Three app instances, each with its own pool, as behind a balancer.
const instances = Array.from({ length: 3 }, () => new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }))

beforeAll(async () => {
  const user = await db.user.create({ data: { name: 'Retention', email: 'retention@example.com', passwordHash: 'x' } })
  userId = user.id
  groupId = (
    await db.group.create({
      data: {
        name: 'Retention',
        joinCode: 'RETAIN01',
        joinCodeExpiresAt: new Date(Date.now() + DAY),
        createdById: user.id,
      },
    })
  ).id
})

afterAll(async () => {
  await Promise.all(instances.map((pool) => pool.end()))
})

async function addEvents(count: number, at: Date) {
  const { rows } = await instances[0]!.query<{ next: number }>(
    `SELECT coalesce(max(seq), 0) + 1 AS next FROM "GroupEvent" WHERE "groupId" = $1`,
    [groupId],
  )
  const first = rows[0]!.next
  await instances[0]!.query(
    `INSERT INTO "GroupEvent" ("groupId", seq, type, payload, "createdAt")
     SELECT $1, s, 'highlight.changed', '{"highlightId":"h"}', $2::timestamptz AT TIME ZONE 'UTC' FROM generate_series($3::int, $4::int) s`,
    [groupId, at.toISOString(), first, first + count - 1],
  )
}

/** Sessions that expired at `at` (made a day before it). */
async function addSessions(count: number, at: Date) {
  await instances[0]!.query(
    `INSERT INTO "AuthSession" (id, "userId", "createdAt", "expiresAt")
     SELECT 'session-' || md5(random()::text || s), $3, ($1::timestamptz - interval '1 day') AT TIME ZONE 'UTC', $1::timestamptz AT TIME ZONE 'UTC' FROM generate_series(1, $2::int) s`,
    [at.toISOString(), count, userId],
  )
}

const count = async (table: string) =>
  Number((await instances[0]!.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n)

describe('pruning', () => {
  it('deletes what is older than each rule allows, keeps the rest, and skips a table that is gone', async () => {
    const now = new Date()
    await addEvents(PRUNE_BATCH + 10, new Date(now.getTime() - 31 * DAY)) // more than one batch
    await addEvents(7, new Date(now.getTime() - 29 * DAY))
    await addSessions(5, new Date(now.getTime() - 8 * DAY))
    await addSessions(3, new Date(now.getTime() - 60_000))
    const rules: RetentionRule[] = [...retentionRules(), { table: 'NoSuchTable', column: 'createdAt', maxAgeDays: 1 }]
    expect(await pruneOldRows(instances[1]!, rules, now)).toEqual([
      { table: 'GroupEvent', deleted: PRUNE_BATCH + 10 },
      { table: 'AuthSession', deleted: 5 },
      { table: 'NoSuchTable', deleted: 0, skipped: 'no such table or column' },
    ])
    expect([await count('GroupEvent'), await count('AuthSession')]).toEqual([7, 3])
  })
})

describe('the schedule', () => {
  it('lets exactly one of several instances claim each period', async () => {
    const claims = await Promise.all(instances.map((pool) => claimPeriod(pool, 'claim-test', 60_000)))
    expect(claims.filter(Boolean)).toHaveLength(1)
    // Within the period, nobody else.
    expect(await Promise.all(instances.map((pool) => claimPeriod(pool, 'claim-test', 60_000)))).toEqual([
      false,
      false,
      false,
    ])
  })

  it('runs a task once per period across three instances checking on their own timers', async () => {
    const runs: { instance: number; at: number }[] = []
    const periodMs = 1_000
    const schedules = instances.map((pool, instance) =>
      every(
        () => pool,
        'every-test',
        periodMs,
        50,
        async () => {
          runs.push({ instance, at: Date.now() })
          return {}
        },
        (error) => {
          throw error
        },
      ),
    )
    await new Promise((resolve) => setTimeout(resolve, 4_300))
    schedules.forEach((schedule) => schedule.stop())
    // 4.3 s of 1 s periods: 4 or 5 runs, never two in one period, by whichever instance came first.
    expect(runs.length).toBeGreaterThanOrEqual(4)
    expect(runs.length).toBeLessThanOrEqual(5)
    const gaps = runs.slice(1).map((run, i) => run.at - runs[i]!.at)
    // Periods are measured by the database's clock; these times are the callers', who hear of
    // their claim a round trip later (a loaded machine's round trip can take a few hundred ms).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(periodMs - 300)
    const { rows } = await instances[0]!.query<{ value: { claimedBy: string; finishedAt: string } }>(
      `SELECT value FROM "SystemState" WHERE key = 'schedule:every-test'`,
    )
    expect(rows[0]!.value.finishedAt).toBeTruthy()
  })
})

describe('a soak of writes', () => {
  it('keeps the event log and the expired sessions bounded over 60 days of traffic', async () => {
    await instances[0]!.query(`DELETE FROM "GroupEvent"; DELETE FROM "AuthSession"`)
    const rules: RetentionRule[] = [
      { table: 'GroupEvent', column: 'createdAt', maxAgeDays: 7 },
      { table: 'AuthSession', column: 'expiresAt', maxAgeDays: 2 },
    ]
    const perDay = { events: 2_000, signIns: 500 }
    const start = Date.now() - 60 * DAY
    const sizes: { day: number; events: number; signIns: number; eventBytes: number }[] = []
    for (let day = 0; day < 60; day++) {
      const now = new Date(start + day * DAY)
      // A day's traffic spread over four moments, then the nightly run.
      for (let quarter = 0; quarter < 4; quarter++) {
        await addEvents(perDay.events / 4, new Date(now.getTime() - quarter * (DAY / 4)))
        await addSessions(perDay.signIns / 4, new Date(now.getTime() - quarter * (DAY / 4)))
      }
      await pruneOldRows(instances[day % 3]!, rules, now)
      // What autovacuum does in production, so the space of deleted rows is reused.
      if (day % 7 === 6) await instances[0]!.query(`VACUUM "GroupEvent", "AuthSession"`)
      const eventBytes = Number(
        (await instances[0]!.query<{ n: string }>(`SELECT pg_total_relation_size('"GroupEvent"') AS n`)).rows[0]!.n,
      )
      sizes.push({ day, events: await count('GroupEvent'), signIns: await count('AuthSession'), eventBytes })
    }
    const most = (key: 'events' | 'signIns' | 'eventBytes') => Math.max(...sizes.map((s) => s[key]))
    // At most the retention window plus the day being written.
    expect(most('events')).toBeLessThanOrEqual((7 + 1) * perDay.events)
    expect(most('signIns')).toBeLessThanOrEqual((2 + 1) * perDay.signIns)
    // On disk: the last three weeks grow no more than a tenth over the three before.
    const weekMax = (from: number) => Math.max(...sizes.slice(from, from + 21).map((s) => s.eventBytes))
    expect(weekMax(39)).toBeLessThanOrEqual(weekMax(18) * 1.1)
    console.log(
      `[retention] soak: ${60 * perDay.events} events and ${60 * perDay.signIns} expired sessions written over 60 days; ` +
        `at most ${most('events')} events and ${most('signIns')} sessions kept; event table ${(weekMax(18) / 1024).toFixed(0)} KB (days 18–38) vs ${(weekMax(39) / 1024).toFixed(0)} KB (days 39–59)`,
    )
  }, 120_000)
})
