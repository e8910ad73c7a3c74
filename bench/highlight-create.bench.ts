// highlight-create: POST /api/sources/<id>/highlights on the production app (session, zod, access
// check, duplicate check, insert + live event in one transaction) against the naive baseline,
// node:http + one plain pg INSERT (bench/lib/baseline-server.ts), with the same load and bodies.
// At 10 connections, an empty Next.js route handler (bench/lib/next-floor.ts) shows the
// framework's own ceiling on the same machine, and a route handler doing only the app's database
// work (bench/lib/next-floor.ts). Then one seminar writing at once: 50 students, one connection
// each, all in one group, beside the same 50 students each writing in a group of their own
// (bench/lib/seminar-runs.ts): what sharing a group costs a seminar's writes, with this machine's
// commits and with commits held 2 ms longer.
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { DEMO_PASSWORD, DEMO_STUDENTS } from '../prisma/demo-content'
import { BENCH_LOG_DIR, signIn, startBenchApp } from './lib/app-server'
import { problemsOf, runLoad, type LoadResult } from './lib/load'
import { startNextFloor } from './lib/next-floor'
import { freePorts, startChild, stopChild, type Child } from './lib/processes'
import { step, withServerLog, type BenchResult, type Row } from './lib/report'
import { seminarAtOnce } from './lib/seminar-runs'
import { makeSeminarWriters } from './lib/seminar-writers'

const SECONDS = 10
const CONNECTION_LEVELS = [10, 50]
/** The first requests load route code, open pool connections and let the JIT settle; not counted. */
const WARMUP_SECONDS = 10
const FLOOR_SECONDS = 5
/** Students of one seminar writing at once, one connection each. */
const SEMINAR_WRITERS = 50
const TAGS = ['CLAIM', 'EVIDENCE', 'BIAS'] as const

interface Target {
  sourceId: string
  authorId: string
  title: string
  textLength: number
}

/** The signed-in student and the longest source of their group, read from the bench database. */
async function findTarget(databaseUrl: string, email: string): Promise<Target> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ authorId: string; sourceId: string; title: string; text: string }>(
      `SELECT u.id AS "authorId", s.id AS "sourceId", s.title, s.text
         FROM "User" u
         JOIN "Membership" m ON m."userId" = u.id
         JOIN "Source" s ON s."groupId" = m."groupId"
        WHERE u.email = $1
        ORDER BY length(s.text) DESC
        LIMIT 1`,
      [email],
    )
    const row = rows[0]
    if (!row) throw new Error(`The bench database has no source for ${email}; was the demo seeded?`)
    return { authorId: row.authorId, sourceId: row.sourceId, title: row.title, textLength: row.text.length }
  } finally {
    await client.end()
  }
}

/** The newest session of the signed-in student: the database-only floor checks it as the app does. */
async function sessionOf(databaseUrl: string, authorId: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM "AuthSession" WHERE "userId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
      [authorId],
    )
    if (!rows[0]) throw new Error(`No session of ${authorId} in the bench database.`)
    return rows[0].id
  } finally {
    await client.end()
  }
}

async function countHighlights(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM "Highlight"')
    return Number(rows[0]?.count ?? 0)
  } finally {
    await client.end()
  }
}

/** A distinct (start, end, tag) on every call: the app answers a second identical highlight with 409. */
function distinctBodies(textLength: number): () => string {
  const starts = textLength - 400
  let n = 0
  return () => {
    const i = n++
    const start = i % starts
    const end = start + 20 + (Math.floor(i / starts) % 281)
    return JSON.stringify({ start, end, tag: TAGS[i % TAGS.length], visibility: 'GROUP' })
  }
}

async function startBaseline(databaseUrl: string, target: Target): Promise<{ origin: string; child: Child }> {
  const [port] = await freePorts(1)
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    SOURCE_ID: target.sourceId,
    AUTHOR_ID: target.authorId,
  }
  const child = startChild('baseline', 'bench/lib/baseline-server.ts', env, join(BENCH_LOG_DIR, 'baseline.log'))
  for (let waited = 0; !/^ready$/m.test(child.tail()); waited += 100) {
    if (child.process.exitCode !== null || waited > 30_000) {
      await stopChild(child)
      throw new Error(`The baseline server did not start:\n${child.tail()}`)
    }
    await sleep(100)
  }
  return { origin: `http://127.0.0.1:${port}`, child }
}

/** Where the app's time goes, on the same instance: a database ping, and the session check alone. */
async function floorsOf(origin: string, cookie: string, path: string): Promise<string> {
  const health = await runLoad({ origin, path: '/api/health', method: 'GET', connections: 10, seconds: FLOOR_SECONDS })
  // An empty body passes the session cookie check, then validation answers 400 (no query runs).
  const session = await runLoad({
    origin,
    path,
    connections: 10,
    seconds: FLOOR_SECONDS,
    headers: { cookie },
    nextBody: () => '{}',
  })
  const describe = (run: LoadResult) => `${Math.round(run.requestsPerSecond)} req/s, p50 ${run.p50} ms`
  const refused = session.statusCodes['400'] ?? 0
  return `app floors at c10: GET /api/health ${describe(health)}; POST refused after the session check (${refused} × 400) ${describe(session)}`
}

export async function benchHighlightCreate(): Promise<BenchResult> {
  const children: Child[] = []
  try {
    const app = await startBenchApp()
    children.push(app.child)
    const student = DEMO_STUDENTS[0]!
    step(`app healthy at ${app.url}; signing in as ${student.email}`)
    const cookie = await signIn(app.url, student.email, DEMO_PASSWORD)
    const target = await findTarget(app.databaseUrl, student.email)
    step(`target: source ${target.sourceId}; starting the baseline server`)
    const baseline = await startBaseline(app.databaseUrl, target)
    children.push(baseline.child)
    step(`making ${SEMINAR_WRITERS} students beside the seminar and signing them in`)
    const writers = await makeSeminarWriters(app.url, app.databaseUrl, target.sourceId, SEMINAR_WRITERS)

    step('building and starting an empty Next.js app (and its database-only route)')
    const sessionId = await sessionOf(app.databaseUrl, target.authorId)
    const emptyApp = await startNextFloor({
      databaseUrl: app.databaseUrl,
      sourceId: target.sourceId,
      authorId: target.authorId,
      sessionId,
    })
    children.push(emptyApp.child)

    const path = `/api/sources/${target.sourceId}/highlights`
    const nextBody = distinctBodies(target.textLength)
    const onApp = (connections: number, seconds: number) =>
      runLoad({ origin: app.url, path, connections, seconds, headers: { cookie }, nextBody })
    const onBaseline = (connections: number, seconds: number) =>
      runLoad({ origin: baseline.origin, path, connections, seconds, nextBody })
    const onEmptyNext = (connections: number, seconds: number) =>
      runLoad({ origin: emptyApp.origin, path: emptyApp.path, connections, seconds, headers: { cookie }, nextBody })
    const onDatabaseOnly = (connections: number, seconds: number) =>
      runLoad({
        origin: emptyApp.origin,
        path: emptyApp.databasePath,
        connections,
        seconds,
        headers: { cookie },
        nextBody,
      })
    step(`warming up all four for ${WARMUP_SECONDS} s`)
    const failures = [
      ...problemsOf('app warm-up', await onApp(10, WARMUP_SECONDS)),
      ...problemsOf('baseline warm-up', await onBaseline(10, WARMUP_SECONDS)),
      ...problemsOf('empty Next.js warm-up', await onEmptyNext(10, WARMUP_SECONDS)),
      ...problemsOf('database-only Next.js warm-up', await onDatabaseOnly(10, WARMUP_SECONDS)),
    ]
    const before = await countHighlights(app.databaseUrl)
    const rows: Row[] = []
    const notes: string[] = [
      `POST ${path} ("${target.title}", ${target.textLength} chars) as ${student.email}, ${SECONDS} s per run`,
    ]
    const runs: { connections: number; app: LoadResult; baseline: LoadResult }[] = []
    let emptyNext: LoadResult | undefined
    let databaseOnly: LoadResult | undefined
    let created = 0
    for (const connections of CONNECTION_LEVELS) {
      // Alternating app and baseline at each level, so slow drift on a shared machine hits both.
      step(`app and baseline at ${connections} connections, ${SECONDS} s each`)
      const appRun = await onApp(connections, SECONDS)
      const baseRun = await onBaseline(connections, SECONDS)
      runs.push({ connections, app: appRun, baseline: baseRun })
      failures.push(
        ...problemsOf(`app at c${connections}`, appRun),
        ...problemsOf(`baseline at c${connections}`, baseRun),
      )
      created += (appRun.statusCodes['201'] ?? 0) + (baseRun.statusCodes['201'] ?? 0)
      rows.push(
        {
          name: `c${connections} throughput`,
          unit: 'req/s',
          figure: appRun.requestsPerSecond,
          baseline: baseRun.requestsPerSecond,
        },
        { name: `c${connections} latency p50`, unit: 'ms', figure: appRun.p50, baseline: baseRun.p50 },
        { name: `c${connections} latency p99`, unit: 'ms', figure: appRun.p99, baseline: baseRun.p99 },
      )
      notes.push(
        `c${connections}: app answered ${appRun.requests} requests (${appRun.non2xx} non-2xx), baseline ${baseRun.requests} (${baseRun.non2xx} non-2xx)`,
      )
      if (connections === 10) {
        const emptyRun = await onEmptyNext(connections, SECONDS)
        const databaseRun = await onDatabaseOnly(connections, SECONDS)
        failures.push(
          ...problemsOf('empty Next.js at c10', emptyRun),
          ...problemsOf('database-only Next.js at c10', databaseRun),
        )
        created += databaseRun.statusCodes['201'] ?? 0
        rows.push(
          {
            name: 'c10 throughput of an empty Next.js route handler',
            unit: 'req/s',
            figure: emptyRun.requestsPerSecond,
            baseline: baseRun.requestsPerSecond,
          },
          {
            name: 'c10 throughput (baseline: the empty Next.js route handler)',
            unit: 'req/s',
            figure: appRun.requestsPerSecond,
            baseline: emptyRun.requestsPerSecond,
          },
          {
            name: 'c10 latency p99 (baseline: the empty Next.js route handler)',
            unit: 'ms',
            figure: appRun.p99,
            baseline: emptyRun.p99,
          },
          {
            name: 'c10 throughput of a route handler doing only its database work (baseline: empty)',
            unit: 'req/s',
            figure: databaseRun.requestsPerSecond,
            baseline: emptyRun.requestsPerSecond,
          },
          {
            name: 'c10 latency p99 of a route handler doing only its database work (baseline: empty)',
            unit: 'ms',
            figure: databaseRun.p99,
            baseline: emptyRun.p99,
          },
        )
        notes.push(
          `framework ceiling at c10: an empty App Router route handler (reads the body, answers 201; same next build/start, same load) ${Math.round(emptyRun.requestsPerSecond)} req/s, ` +
            `p50 ${emptyRun.p50} ms, p99 ${emptyRun.p99} ms = ${Math.round((100 * emptyRun.requestsPerSecond) / baseRun.requestsPerSecond)}% of the baseline; the app does ${Math.round((100 * appRun.requestsPerSecond) / emptyRun.requestsPerSecond)}% of it`,
        )
        notes.push(
          `database floor at c10: the same next start with a route handler that runs only the app's statements for a highlight (access check, create, numbering; no session, zod or Prisma) ` +
            `${Math.round(databaseRun.requestsPerSecond)} req/s, p50 ${databaseRun.p50} ms, p99 ${databaseRun.p99} ms = ${Math.round((100 * databaseRun.requestsPerSecond) / emptyRun.requestsPerSecond)}% of the empty handler; the app does ${Math.round((100 * appRun.requestsPerSecond) / databaseRun.requestsPerSecond)}% of it`,
        )
        emptyNext = emptyRun
        databaseOnly = databaseRun
      }
    }
    const seminar = await seminarAtOnce(app.url, app.databaseUrl, writers, nextBody, failures)
    rows.push(...seminar.rows)
    notes.push(...seminar.notes)
    created += seminar.created
    const inserted = (await countHighlights(app.databaseUrl)) - before
    // A request still in flight when a run ends may be inserted without its answer being counted,
    // and one still in flight when a warm-up that writes ended (app, baseline, database-only, at
    // c10) may be inserted after `before` was read.
    const inFlight =
      2 * CONNECTION_LEVELS.reduce((sum, connections) => sum + connections, 0) +
      10 +
      seminar.runs * SEMINAR_WRITERS +
      3 * 10
    notes.push(`rows inserted during the measured runs: ${inserted} (201 answers: ${created})`)
    if (inserted < created || inserted > created + inFlight)
      failures.push(`${created} requests answered 201 but ${inserted} rows were inserted`)
    step(`app floors: /api/health and a refused POST, ${FLOOR_SECONDS} s each`)
    notes.push(await floorsOf(app.url, cookie, path))
    return withServerLog(
      {
        name: 'highlight-create',
        rows,
        notes,
        failures,
        details: { target, runs, emptyNextAtC10: emptyNext, databaseOnlyAtC10: databaseOnly },
      },
      app.logFile,
    )
  } finally {
    for (const child of children.reverse()) await stopChild(child)
  }
}
