// The production topology, for real: PostgreSQL 15 from Debian as the external database,
// pgbouncer in transaction mode in front of it (DATABASE_URL), the direct connection for LISTEN
// and migrations (DIRECT_DATABASE_URL), three `next start` instances behind haproxy.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { seedDemo } from '@/prisma/seed'
import { applyMigrations, readMigrations, type Migration } from '@/scripts/migrate'
import { launchApp, type AppInstance } from '../faults/harness/app'
import { postJson, signIn, type Outcome, type Session } from '../faults/harness/client'
import { openLiveClient, type LiveClient } from '../faults/harness/live'
import { anyFreePort } from '../../scripts/ports'
import { allEventsNumbered } from '../faults/harness/database'
import { passagesOf, sleep, until } from '../faults/harness/scenario'
import { startHaproxy, startPgbouncer, startPostgres15, type Postgres15, type Service } from './harness/services'

const POOL_SIZE = 10
const dir = join(inject('topologyDir'), `run-${process.pid}`)
const stops: (() => Promise<unknown>)[] = []

let database: Postgres15
let pooledUrl: string
let balancer: string
let apps: AppInstance[]
let sql: pg.Pool
let groupId: string
let sources: { id: string; text: string }[]
/** The demo seminar arrives with numbered events of its own; readers hear what happens after. */
let seededEventSeq = 0
const sessions: Record<string, Session> = {}
const live: LiveClient[] = []

beforeAll(async () => {
  mkdirSync(dir, { recursive: true })
  const started = Date.now()
  database = await startPostgres15(dir, dir)
  stops.push(database.stop)
  const bouncer = await startPgbouncer(dir, dir, database, POOL_SIZE)
  stops.push(bouncer.stop)
  // Prisma's flag for a transaction pooler: the app then sends no named prepared statements.
  pooledUrl = `${bouncer.url}?pgbouncer=true`
  const balancerPort = await anyFreePort()
  balancer = `http://127.0.0.1:${balancerPort}`
  const authSecret = randomBytes(32).toString('base64url')
  apps = []
  for (const name of ['app1', 'app2', 'app3']) {
    const app = await launchApp({
      name,
      dir,
      runDir: dir,
      databaseUrl: pooledUrl,
      authSecret,
      // Retention every minute, so its once-across-instances claim is seen working through pgbouncer.
      env: {
        DIRECT_DATABASE_URL: database.url,
        NEXTAUTH_URL: balancer,
        TRUST_PROXY: 'true',
        LOG_FORMAT: 'json',
        RETENTION_INTERVAL_MINUTES: '1',
      },
    })
    stops.push(app.stop)
    apps.push(app)
  }
  // Meanwhile: migrate over the direct connection, seed over the pooler.
  await applyMigrations(database.url)
  const pool = new pg.Pool({ connectionString: pooledUrl, max: 2 })
  const client = new PrismaClient({ adapter: new PrismaPg(pool) })
  await seedDemo(client)
  groupId = (await client.group.findFirstOrThrow({ select: { id: true } })).id
  sources = await client.source.findMany({
    where: { groupId },
    select: { id: true, text: true },
    orderBy: { createdAt: 'asc' },
  })
  seededEventSeq =
    (await client.groupEvent.findFirst({ where: { groupId }, orderBy: { seq: 'desc' }, select: { seq: true } }))?.seq ??
    0
  await client.$disconnect()
  await pool.end()
  sql = new pg.Pool({ connectionString: database.url, max: 3 })
  await Promise.all(apps.map((app) => app.ready()))
  const proxy: Service = await startHaproxy(
    dir,
    dir,
    balancerPort,
    apps.map((app, i) => ({ name: `app${i + 1}`, url: app.url })),
  )
  stops.push(proxy.stop)
  for (const name of ['instructor', 'alex', 'bea', 'chris'])
    sessions[name] = await signIn(balancer, `${name}@colloquy.test`)
  console.log(
    `[topology] PostgreSQL 15, pgbouncer (transaction mode, ${POOL_SIZE} server connections), 3 instances and haproxy ready in ${Date.now() - started} ms`,
  )
})

afterAll(async () => {
  for (const client of live) await client.close().catch(() => {})
  await sql?.end().catch(() => {})
  for (const stop of stops.reverse()) await stop().catch(() => {})
})

// Distinct passages, handed out once each, so no write is refused as a twin of another.
const passages = () => sources.flatMap((source) => passagesOf(source.text).map((p) => ({ sourceId: source.id, ...p })))
let nextPassage = 0
let passagePool: ReturnType<typeof passages> = []
const takePassage = () => (passagePool.length ? passagePool : (passagePool = passages()))[nextPassage++]!

function createHighlight(session: Session, timeoutMs = 15_000): Promise<Outcome & { id?: string }> {
  const { sourceId, start, end } = takePassage()
  return postJson(session, `/api/sources/${sourceId}/highlights`, { start, end, tag: 'CLAIM' }, timeoutMs).then(
    (outcome) => ({
      ...outcome,
      id: outcome.status === 201 ? (outcome.body as { id: string }).id : undefined,
    }),
  )
}

/** Writers through the balancer until stopped; every outcome kept. */
function load(writers: Session[]) {
  const outcomes: (Outcome & { id?: string })[] = []
  let running = true
  const loops = writers.map(async (session) => {
    while (running) outcomes.push(await createHighlight(session))
  })
  return {
    outcomes,
    stop: async () => {
      running = false
      await Promise.all(loops)
    },
  }
}

const acknowledgedMissing = async (outcomes: { id?: string }[]) => {
  const ids = outcomes.flatMap((o) => (o.id ? [o.id] : []))
  const { rows } = await sql.query<{ id: string }>('SELECT id FROM "Highlight" WHERE id = ANY($1)', [ids])
  const stored = new Set(rows.map((row) => row.id))
  return { acknowledged: ids.length, missing: ids.filter((id) => !stored.has(id)) }
}

const tally = (outcomes: Outcome[]) =>
  outcomes.reduce<Record<string, number>>((counts, o) => {
    const key = o.status === 0 ? `no answer (${o.failure})` : String(o.status)
    return { ...counts, [key]: (counts[key] ?? 0) + 1 }
  }, {})

describe('through pgbouncer in transaction mode', () => {
  it('named prepared statements break, unnamed ones (what the app sends there) do not', async () => {
    const plain = database.url.replace(`:${database.port}/`, `:${new URL(pooledUrl).port}/`)
    const attempt = async (named: boolean) => {
      const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: plain, max: 8 }))
      const failures: string[] = []
      await Promise.all(
        Array.from({ length: 600 }, (_, i) =>
          pools[i % 3]!.query(
            named
              ? { name: 'topology_probe', text: 'SELECT $1::int AS n', values: [i] }
              : { text: 'SELECT $1::int AS n', values: [i] },
          ).catch((error: Error) => {
            failures.push(error.message)
          }),
        ),
      )
      await Promise.all(pools.map((pool) => pool.end()))
      return failures
    }
    const named = await attempt(true)
    const unnamed = await attempt(false)
    console.log(
      `[topology] 600 queries from 24 client connections over ${POOL_SIZE} server connections: named statements failed ${named.length} times (e.g. "${named[0]}"), unnamed ${unnamed.length}`,
    )
    expect(named.length).toBeGreaterThan(0)
    expect(named.every((message) => /prepared statement/.test(message))).toBe(true)
    expect(unnamed).toEqual([])
  })

  it("gives every statement through the pooler the app's time budget, from the role", async () => {
    const pool = new pg.Pool({ connectionString: pooledUrl.replace(/[?&]pgbouncer=true/, ''), max: 2 })
    try {
      expect(
        (await pool.query<{ statement_timeout: string }>('SHOW statement_timeout')).rows[0]!.statement_timeout,
      ).toBe('10s')
      await expect(pool.query(`SELECT pg_sleep(11)`)).rejects.toThrow(/statement timeout/)
    } finally {
      await pool.end()
    }
  }, 30_000)
})

describe('three instances behind haproxy', () => {
  it('a highlight made through instance 1 reaches a reader on instance 3 through the balancer', async () => {
    // Round robin: readers opened one after another land on every instance.
    while (!live.some((client) => client.servedBy[0] === 'app3') || new Set(live.map((c) => c.servedBy[0])).size < 3) {
      if (live.length >= 9)
        throw new Error(`Readers never covered every instance: ${live.map((c) => c.servedBy[0]).join(', ')}`)
      const client = openLiveClient(sessions.bea!, groupId)
      live.push(client)
      await client.ready()
    }
    const onApp3 = live.find((client) => client.servedBy[0] === 'app3')!
    const throughApp1: Session = { ...sessions.alex!, baseUrl: apps[0]!.url }
    const made = await createHighlight(throughApp1)
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const heard = () =>
      onApp3.events.find((e) => e.event.type === 'highlight.changed' && e.event.highlightId === made.id)
    await until(() => heard() !== undefined, 5_000, 'the reader on app3 hears of it')
    console.log(
      `[topology] instance 1 → reader on instance 3 through haproxy: ${heard()!.at - made.startedAt} ms from sending the write`,
    )
  })

  it('one instance killed under load loses no acknowledged write, and its readers reconnect to another', async () => {
    const onApp2 = live.filter((client) => client.servedBy[0] === 'app2')
    expect(onApp2.length).toBeGreaterThan(0)
    const writers = load([
      sessions.alex!,
      sessions.bea!,
      sessions.chris!,
      sessions.alex!,
      sessions.bea!,
      sessions.chris!,
    ])
    await sleep(3_000)
    const killedAt = Date.now()
    await apps[1]!.kill()
    await sleep(7_000)
    await writers.stop()

    const { acknowledged, missing } = await acknowledgedMissing(writers.outcomes)
    const afterKill = writers.outcomes.filter((o) => o.startedAt > killedAt + 2_000)
    console.log(
      `[topology] kill under load: ${writers.outcomes.length} writes (${JSON.stringify(tally(writers.outcomes))}), ${acknowledged} acknowledged, ${missing.length} of them missing; from 2 s after the kill: ${JSON.stringify(tally(afterKill))}`,
    )
    expect(missing).toEqual([])
    expect(acknowledged).toBeGreaterThan(50)
    // Only the requests cut off inside the dead instance can fail; none is a server error.
    expect(
      writers.outcomes
        .filter((o) => o.status !== 201)
        .every((o) => o.status === 0 || o.status === 502 || o.status === 503),
    ).toBe(true)
    expect(writers.outcomes.filter((o) => o.status !== 201).length).toBeLessThanOrEqual(6)
    expect(afterKill.every((o) => o.status === 201)).toBe(true)

    // The dead instance's readers reconnected through the balancer and caught up on every event,
    // the killed instance's last ones numbered by another instance's sweep.
    await allEventsNumbered(sql, groupId)
    const { rows: log } = await sql.query<{ seq: number }>(
      'SELECT seq FROM "GroupEvent" WHERE "groupId" = $1 AND seq > $2 ORDER BY seq',
      [groupId, seededEventSeq],
    )
    const reconnected = await until(
      () => live.every((client) => client.events.length >= log.length && client.gaveUp() === undefined),
      20_000,
      'every reader has every event',
    )
    for (const client of onApp2) {
      expect(client.connects()).toBeGreaterThanOrEqual(2)
      expect(['app1', 'app3']).toContain(client.servedBy.at(-1))
    }
    for (const client of live) expect(client.events.map((e) => e.seq)).toEqual(log.map((row) => row.seq))
    console.log(
      `[topology] readers of the killed instance back on ${onApp2.map((c) => c.servedBy.at(-1)).join(', ')} with all ${log.length} events, ${reconnected} ms after the load stopped`,
    )
  })

  it('a migration applied while the instances serve under load breaks no request', async () => {
    const probe =
      'ALTER TABLE "Highlight" ADD COLUMN "topologyProbe" TEXT;\nCREATE INDEX "Highlight_topologyProbe_idx" ON "Highlight" ("topologyProbe");\n'
    const migration: Migration = { name: '29990101000000_topology_probe', sql: probe, checksum: 'topology-probe' }
    const writers = load([sessions.alex!, sessions.bea!, sessions.chris!])
    await sleep(2_000)
    const applied = await applyMigrations(database.url, [...readMigrations(), migration])
    await sleep(3_000)
    await writers.stop()
    expect(applied).toEqual([migration.name])

    const { acknowledged, missing } = await acknowledgedMissing(writers.outcomes)
    console.log(
      `[topology] migration under load: ${writers.outcomes.length} writes (${JSON.stringify(tally(writers.outcomes))}), ${acknowledged} acknowledged, ${missing.length} missing`,
    )
    expect(missing).toEqual([])
    expect(tally(writers.outcomes)).toEqual({ '201': writers.outcomes.length })
    const { rows } = await sql.query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'Highlight' AND column_name = 'topologyProbe'`,
    )
    expect(rows).toHaveLength(1)
    // Reads of the changed table still work on every live instance.
    for (const app of [apps[0]!, apps[2]!]) {
      const response = await fetch(`${app.url}/api/sources/${sources[0]!.id}/highlights`, {
        headers: { cookie: sessions.alex!.cookie },
      })
      expect(response.status).toBe(200)
    }
  })

  it('runs retention once per period across the three instances, through pgbouncer', async () => {
    const row = async () =>
      (
        await sql.query<{ value: { claimedBy?: string; finishedAt?: string; pruned?: { table: string }[] } }>(
          `SELECT value FROM "SystemState" WHERE key = 'schedule:retention'`,
        )
      ).rows[0]?.value
    await until(async () => Boolean((await row())?.finishedAt), 90_000, 'a retention run has finished')
    const value = (await row())!
    expect(value.pruned?.map((p) => p.table)).toEqual(['GroupEvent', 'AuthSession'])
    console.log(`[topology] retention ran on one instance (${value.claimedBy}) and finished at ${value.finishedAt}`)
  })
})
