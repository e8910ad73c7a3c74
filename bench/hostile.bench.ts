// hostile: a normal student keeps reading the reader page and tagging passages while an attacker
// runs one attack at a time against the same production app (10 parallel backup imports, 4 large
// PNG exports, 2,000 stream opens, 100 parallel sign-ins, endless request bodies, hostile
// uploads). Each figure is the student's p50 / p99 during an attack beside the same student on the
// idle app, measured first in the same run; errors are the student's requests that did not succeed.
// The attacker runs in a process of its own (bench/lib/attacker.ts), as it would on its own machine;
// it still shares this machine's cores with the app and the student, so it runs at a lower OS
// priority (its CPU would be its own machine's) and the CPU it used is printed beside what it sent,
// which shows whether the attack kept its strength. Every window starts from the same reader page:
// the highlights the student made in a window are deleted after it, or each later window would
// read a page hundreds of highlights heavier than the idle one.
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { setPriority } from 'node:os'
import type { Readable, Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { DEMO_INSTRUCTOR, DEMO_PASSWORD, DEMO_STUDENTS } from '../prisma/demo-content'
import { signIn, startBenchApp, type BenchApp } from './lib/app-server'
import { ATTACKS, largeBackup, type Attack, type Target } from './lib/attacks'
import { client, statusCounts, type Client } from './lib/hostile-client'
import { stopChild } from './lib/processes'
import { step, type BenchResult, type Row } from './lib/report'
import { percentile } from './lib/stats'

/** How long the student is measured on the idle app, and during each attack. */
const WINDOW_MS = 40_000
/** The attacker's niceness: the app's own job workers run at 10 too (lib/jobs/runner.ts). */
const ATTACKER_NICE = 10
const ATTACKER_FAILED = 'the attacker failed:'
/** The student's pause between one request and the next, as a person reading and tagging. */
const THINK_MS = 100
/** Between attacks, so one attack's tail is not the next one's. */
const SETTLE_MS = 3_000
const TARGET_RATIO = 3
const TAGS = ['CLAIM', 'EVIDENCE', 'BIAS'] as const

interface Sample {
  kind: 'page' | 'highlight'
  ms: number
  status: number
}

interface World extends Target {
  app: BenchApp
  textLength: number
  student: string
  studentId: string
}

/** The database's clock, for the start of a window. */
async function databaseNow(databaseUrl: string): Promise<Date> {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    return (await db.query<{ now: Date }>('SELECT now() AS now')).rows[0]!.now
  } finally {
    await db.end()
  }
}

/** Deletes the highlights the student made since `since`, so the next window reads the same page. */
async function removeStudentHighlights(w: World, since: Date): Promise<number> {
  const db = new pg.Client({ connectionString: w.app.databaseUrl })
  await db.connect()
  try {
    const { rowCount } = await db.query(
      'DELETE FROM "Highlight" WHERE "sourceId" = $1 AND "authorId" = $2 AND "createdAt" >= $3',
      [w.sourceId, w.studentId, since],
    )
    return rowCount ?? 0
  } finally {
    await db.end()
  }
}

/** The student: open the essay, tag a passage, pause; again and again until `stop`. */
async function normalUser(w: World, http: Client, stop: AbortSignal, offset: { n: number }): Promise<Sample[]> {
  const samples: Sample[] = []
  const headers = { cookie: w.student }
  while (!stop.aborted) {
    const page = await http.send('GET', `/groups/${w.groupId}/sources/${w.sourceId}`, { headers })
    samples.push({ kind: 'page', ms: page.ms, status: page.status })
    const i = offset.n++
    const start = (i * 7) % (w.textLength - 400)
    const body = JSON.stringify({
      start,
      end: start + 12 + (i % 200),
      tag: TAGS[i % 3],
      visibility: i % 4 ? 'GROUP' : 'PRIVATE',
    })
    const made = await http.send('POST', `/api/sources/${w.sourceId}/highlights`, {
      headers: { ...headers, 'content-type': 'application/json' },
      body,
    })
    samples.push({ kind: 'highlight', ms: made.ms, status: made.status })
    await sleep(THINK_MS)
  }
  return samples
}

const ok = (s: Sample) => (s.kind === 'page' ? s.status === 200 : s.status === 201)

/** Connections of the app to its database, sampled: the most at once, and the most inside a transaction. */
function watchPool(
  databaseUrl: string,
  stop: AbortSignal,
): Promise<{ busiest: number; inTransaction: number; total: number }> {
  return (async () => {
    const watcher = new pg.Client({ connectionString: databaseUrl })
    await watcher.connect()
    const seen = { busiest: 0, inTransaction: 0, total: 0 }
    try {
      while (!stop.aborted) {
        const { rows } = await watcher.query<{ active: number; tx: number; total: number }>(
          `SELECT count(*) FILTER (WHERE state = 'active')::int AS active,
                  count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS tx,
                  count(*)::int AS total
             FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        )
        const row = rows[0]!
        seen.busiest = Math.max(seen.busiest, row.active + row.tx)
        seen.inTransaction = Math.max(seen.inTransaction, row.tx)
        seen.total = Math.max(seen.total, row.total)
        await sleep(100)
      }
    } finally {
      await watcher.end()
    }
    return seen
  })()
}

/** The health check, twice a second: how many of its answers were 200. */
async function watchHealth(http: Client, stop: AbortSignal): Promise<{ ok: number; all: number; slowest: number }> {
  const seen = { ok: 0, all: 0, slowest: 0 }
  while (!stop.aborted) {
    const answer = await http.send('GET', '/api/health', { timeoutMs: 20_000 })
    seen.all++
    if (answer.status === 200) seen.ok++
    seen.slowest = Math.max(seen.slowest, answer.ms)
    await sleep(500)
  }
  return seen
}

async function findTarget(
  databaseUrl: string,
  email: string,
): Promise<{ groupId: string; sourceId: string; textLength: number; studentId: string }> {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ groupId: string; sourceId: string; length: number; userId: string }>(
      `SELECT s."groupId", s.id AS "sourceId", length(s.text)::int AS length, u.id AS "userId"
         FROM "User" u JOIN "Membership" m ON m."userId" = u.id JOIN "Source" s ON s."groupId" = m."groupId"
        WHERE u.email = $1 ORDER BY length(s.text) DESC LIMIT 1`,
      [email],
    )
    const row = rows[0]
    if (!row) throw new Error(`No source for ${email}; was the demo seeded?`)
    return { groupId: row.groupId, sourceId: row.sourceId, textLength: row.length, studentId: row.userId }
  } finally {
    await db.end()
  }
}

interface Window {
  samples: Sample[]
  pool: { busiest: number; inTransaction: number; total: number }
  health: { ok: number; all: number; slowest: number }
  attacker?: string
}

/** An attacker process (bench/lib/attacker.ts), once it has prepared and begun. */
async function startAttacker(w: World, attack: Attack): Promise<{ stop: () => Promise<string> }> {
  const target: Target = {
    url: w.url,
    groupId: w.groupId,
    sourceId: w.sourceId,
    attacker: w.attacker,
    instructor: w.instructor,
    bigMapId: w.bigMapId,
  }
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/attacker.ts', JSON.stringify({ attack: attack.name, target })],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  if (child.pid) setPriority(child.pid, ATTACKER_NICE)
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => out.includes('ready\n') && (clearInterval(check), resolve()), 50)
    void exited.then(
      (code) => (
        clearInterval(check),
        reject(new Error(`The attacker "${attack.name}" exited (${code}) before it was ready`))
      ),
    )
  })
  return {
    stop: async () => {
      child.stdin.end()
      // An attack that does not stop within a few seconds of the window's end is stopped.
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000)
      const code = await exited
      clearTimeout(kill)
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (code !== 0 || !line) throw new Error(`The attacker "${attack.name}" ended with ${code}: ${out.slice(-500)}`)
      const { summary, cpuMs } = JSON.parse(line) as { summary: string; cpuMs: number }
      return `${summary}; attacker's CPU ${(cpuMs / 1000).toFixed(1)} s`
    },
  }
}

async function measure(w: World, attack?: Attack, windowMs = WINDOW_MS): Promise<Window> {
  const stop = new AbortController()
  const studentHttp = client(w.app.url, 2)
  const healthHttp = client(w.app.url, 1)
  const offset = { n: Math.floor(Math.random() * 1_000_000) }
  const attacker = attack ? await startAttacker(w, attack) : undefined
  const since = await databaseNow(w.app.databaseUrl)
  try {
    const pool = watchPool(w.app.databaseUrl, stop.signal)
    const health = watchHealth(healthHttp, stop.signal)
    // The attack has its head start; the student arrives a moment later, as people do.
    await sleep(attack ? 1_000 : 0)
    const student = normalUser(w, studentHttp, stop.signal, offset)
    await sleep(windowMs)
    stop.abort()
    const done = { samples: await student, pool: await pool, health: await health }
    // An attacker that failed costs its own figure a note, not the other attacks' figures.
    const summary = await attacker
      ?.stop()
      .catch((error: unknown) => `${ATTACKER_FAILED} ${error instanceof Error ? error.message : String(error)}`)
    return { ...done, attacker: summary }
  } finally {
    studentHttp.close()
    healthHttp.close()
    await removeStudentHighlights(w, since)
  }
}

export async function benchHostile(): Promise<BenchResult> {
  const rows: Row[] = []
  const notes: string[] = []
  const failures: string[] = []
  step('starting the app…')
  const app = await startBenchApp()
  try {
    const [student, attacker, instructor] = await Promise.all([
      signIn(app.url, DEMO_STUDENTS[0]!.email, DEMO_PASSWORD),
      signIn(app.url, DEMO_STUDENTS[1]!.email, DEMO_PASSWORD),
      signIn(app.url, DEMO_INSTRUCTOR.email, DEMO_PASSWORD),
    ])
    const target = await findTarget(app.databaseUrl, DEMO_STUDENTS[0]!.email)
    const setup = client(app.url, 2)
    const imported = await setup.send('POST', `/api/groups/${target.groupId}/maps/import`, {
      headers: { cookie: attacker, 'content-type': 'application/json' },
      body: JSON.stringify(largeBackup('The attacker’s big map', 2_000)),
      timeoutMs: 120_000,
    })
    setup.close()
    if (imported.status !== 201)
      throw new Error(
        `Importing the attacker's 2,000-node map failed: ${imported.status} ${imported.body.slice(0, 200)}`,
      )
    const w: World = {
      app,
      url: app.url,
      ...target,
      student,
      attacker,
      instructor,
      bigMapId: (JSON.parse(imported.body) as { id: string }).id,
    }

    step('warming up (the student alone, not counted)…')
    await measure(w, undefined, 5_000)
    step(`the student alone on the idle app, ${WINDOW_MS / 1000} s…`)
    const idle = await measure(w)
    const idleOk = idle.samples.filter(ok)
    const idleP50 = percentile(
      idleOk.map((s) => s.ms),
      50,
    )
    const idleP99 = percentile(
      idleOk.map((s) => s.ms),
      99,
    )
    notes.push(
      `idle: ${idle.samples.length} requests by the student (reader page + highlight, ${THINK_MS} ms apart), ${idle.samples.length - idleOk.length} errors; database connections in use at most ${idle.pool.busiest} (of the pool's 10), health ${idle.health.ok}/${idle.health.all}`,
    )
    rows.push({
      name: 'idle: the student’s errors',
      unit: 'count',
      figure: idle.samples.length - idleOk.length,
      baseline: null,
    })

    // HOSTILE_ONLY=uploads,sign-ins runs the attacks whose names contain those words (for working on one).
    const only = process.env.HOSTILE_ONLY?.split(',')
      .map((word) => word.trim())
      .filter(Boolean)
    for (const attack of ATTACKS.filter((a) => !only?.length || only.some((word) => a.name.includes(word)))) {
      await sleep(SETTLE_MS)
      step(`${attack.name}, ${WINDOW_MS / 1000} s…`)
      const during = await measure(w, attack)
      const good = during.samples.filter(ok)
      const errors = during.samples.length - good.length
      const p50 = good.length
        ? percentile(
            good.map((s) => s.ms),
            50,
          )
        : Number.NaN
      const p99 = good.length
        ? percentile(
            good.map((s) => s.ms),
            99,
          )
        : Number.NaN
      rows.push({ name: `${attack.name}: the student’s p50`, unit: 'ms', figure: p50, baseline: idleP50 })
      rows.push({ name: `${attack.name}: the student’s p99`, unit: 'ms', figure: p99, baseline: idleP99 })
      rows.push({ name: `${attack.name}: the student’s errors`, unit: 'count', figure: errors, baseline: null })
      const met = errors === 0 && p99 <= TARGET_RATIO * idleP99
      notes.push(
        `${attack.name}: student ${during.samples.length} requests, ${errors} errors${errors ? ` (${statusCounts(during.samples.filter((s) => !ok(s)).map((s) => s.status))})` : ''}; ` +
          `target (no errors, p99 ≤ ${TARGET_RATIO}× idle) ${met ? 'met' : 'NOT met'}; database connections in use at most ${during.pool.busiest}, ${during.pool.inTransaction} inside a transaction; ` +
          `health ${during.health.ok}/${during.health.all}, slowest ${Math.round(during.health.slowest)} ms; attacker: ${during.attacker}`,
      )
      if (during.attacker?.startsWith(ATTACKER_FAILED)) failures.push(`${attack.name}: ${during.attacker}`)
      if (errors > 0)
        failures.push(
          `${attack.name}: the student got ${errors} errors (${statusCounts(during.samples.filter((s) => !ok(s)).map((s) => s.status))})`,
        )
    }
    return { name: 'hostile', rows, notes, failures }
  } finally {
    await stopChild(app.child)
  }
}
