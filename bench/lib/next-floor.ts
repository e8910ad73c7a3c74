// The framework's own ceiling for highlight-create: a Next.js app whose route handler reads the
// JSON body and answers 201, with Colloquy's own next.config.js (the same headers on every answer),
// built and served by the same `next build` and `next start` on plain node, and loaded the same
// way. No session, no validation, no database: what any App Router endpoint costs before it works.
// A second route adds exactly the database work of the app's highlight creation and nothing else:
// the same two statements on a pg pool of 10 (the access check, then colloquy_create_highlight),
// and the same coalesced numbering of the events afterwards; no session cookie, no zod, no Prisma.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { BENCH_LOG_DIR } from './app-server'
import { freePorts, startChild, stopChild, type Child } from './processes'

/** Under the project, so the app resolves `next` from the project's node_modules; wiped each run. */
const FLOOR_DIR = resolve('.data/bench-next-floor')
const PATH = '/api/ping'
const DATABASE_PATH = '/api/database-only'
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')

const ROUTE = `export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  await request.json()
  return Response.json({ id: 'none' }, { status: 201 })
}
`

/**
 * The statements of lib/sources/access.ts (authorizeOnSource) and lib/annotations/mutations.ts
 * (createHighlight, then lib/realtime/numbering.ts), as text: keep them in step with those.
 */
const DATABASE_ROUTE = `import { randomUUID } from 'node:crypto'
import pg from 'pg'

export const dynamic = 'force-dynamic'

const env = process.env
const pool = new pg.Pool({ connectionString: env.FLOOR_DATABASE_URL, max: 10 })
const ACCESS = \`SELECT s.id, s."groupId", s.title, s.version,
       CASE WHEN s.version = $1 THEN NULL ELSE s.text END AS text,
       g.name AS "groupName", g.description, g."readFirst", g."archivedAt", m.role::text AS role, u.id AS "accountId"
  FROM "Source" s
  JOIN "Group" g ON g.id = s."groupId"
  LEFT JOIN "User" u ON u.id = $2
        AND ($3::text IS NULL OR EXISTS (
          SELECT 1 FROM "AuthSession" a WHERE a.id = $3 AND a."userId" = u.id AND a."expiresAt" > now()))
  LEFT JOIN "Membership" m ON m."groupId" = s."groupId" AND m."userId" = u.id
 WHERE s.id = $4\`
const CREATE = \`SELECT colloquy_create_highlight($1, $2, $3, $4, $5, $6::"HighlightTag", $7::"Visibility", $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb) AS outcome\`
const NUMBER = 'SELECT group_id, numbered FROM colloquy_number_events($1, $2::text[], 1000, false)'
let cached
let numbering = false
let again = false
function numberEvents(groupId) {
  if (numbering) return void (again = true)
  numbering = true
  pool.query({ name: 'number', text: NUMBER, values: ['colloquy_events', [groupId]] }).catch(() => {}).finally(() => {
    numbering = false
    if (again) {
      again = false
      numberEvents(groupId)
    }
  })
}

export async function POST(request) {
  const body = await request.json()
  const { rows } = await pool.query({ name: 'access', text: ACCESS, values: [cached?.version ?? null, env.FLOOR_AUTHOR_ID, env.FLOOR_SESSION_ID, env.FLOOR_SOURCE_ID] })
  const source = rows[0]
  if (source.text !== null) cached = { version: source.version, text: source.text }
  const text = cached.text
  const id = randomUUID().replaceAll('-', '')
  const event = { type: 'highlight.changed', sourceId: source.id, highlightId: id }
  const values = [source.groupId, id, source.id, source.version, env.FLOOR_AUTHOR_ID, body.tag, body.visibility, text.slice(body.start, body.end),
    text.slice(Math.max(0, body.start - 32), body.start), text.slice(body.end, body.end + 32), body.start, body.end, null, JSON.stringify(event)]
  const created = await pool.query({ name: 'create', text: CREATE, values })
  if (created.rows[0].outcome !== 'created') return Response.json({ error: created.rows[0].outcome }, { status: 409 })
  numberEvents(source.groupId)
  return Response.json({ id }, { status: 201 })
}
`

const FLOOR_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      lib: ['dom', 'esnext'],
      module: 'esnext',
      moduleResolution: 'bundler',
      jsx: 'react-jsx',
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      isolatedModules: true,
      allowJs: true,
      plugins: [{ name: 'next' }],
    },
    include: ['**/*.ts', '**/*.js'],
    exclude: ['node_modules', '.next'],
  },
  null,
  2,
)}\n`

/** What the database-only route works on: the bench database, and the signed-in student's source and session. */
export interface DatabaseFloorTarget {
  databaseUrl: string
  sourceId: string
  authorId: string
  sessionId: string
}

async function answers(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}${PATH}`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(5_000),
    })
    return response.status === 201
  } catch {
    return false
  }
}

/** `next build` as a child of its own, so a Ctrl-C or a failure stops it and its workers too. */
async function build(env: NodeJS.ProcessEnv): Promise<void> {
  const child = startChild('next-floor build', nextBin, env, join(BENCH_LOG_DIR, 'next-floor-build.log'), undefined, [
    'build',
    FLOOR_DIR,
  ])
  const code = await child.exited
  if (code !== 0) throw new Error(`Building the empty Next.js app failed (exit ${code}):\n${child.tail()}`)
}

export async function startNextFloor(
  target: DatabaseFloorTarget,
): Promise<{ origin: string; path: string; databasePath: string; child: Child }> {
  rmSync(FLOOR_DIR, { recursive: true, force: true })
  mkdirSync(join(FLOOR_DIR, `app${PATH}`), { recursive: true })
  writeFileSync(join(FLOOR_DIR, `app${PATH}/route.ts`), ROUTE)
  mkdirSync(join(FLOOR_DIR, `app${DATABASE_PATH}`), { recursive: true })
  writeFileSync(join(FLOOR_DIR, `app${DATABASE_PATH}/route.js`), DATABASE_ROUTE)
  // The app's next.config.js names its tsconfig, so Next does not write one for the route.ts.
  writeFileSync(join(FLOOR_DIR, 'tsconfig.json'), FLOOR_TSCONFIG)
  // Its own, doing nothing: Next would otherwise take the project's instrumentation.ts (the front
  // door, sweeps) and proxy.ts (page headers), which the empty route is measured without.
  writeFileSync(join(FLOOR_DIR, 'instrumentation.js'), 'export function register() {}\n')
  writeFileSync(
    join(FLOOR_DIR, 'proxy.js'),
    "export function proxy() {}\nexport const config = { matcher: ['/no-page-is-here'] }\n",
  )
  writeFileSync(
    join(FLOOR_DIR, 'next.config.js'),
    `export { default } from ${JSON.stringify(pathToFileURL(resolve('next.config.js')).href)}\n`,
  )
  const env = {
    ...process.env,
    NODE_ENV: 'production' as const,
    NEXT_TELEMETRY_DISABLED: '1',
    FLOOR_DATABASE_URL: target.databaseUrl,
    FLOOR_SOURCE_ID: target.sourceId,
    FLOOR_AUTHOR_ID: target.authorId,
    FLOOR_SESSION_ID: target.sessionId,
  }
  await build(env)
  const [port] = await freePorts(1)
  const child = startChild('next-floor', nextBin, env, join(BENCH_LOG_DIR, 'next-floor.log'), undefined, [
    'start',
    FLOOR_DIR,
    '-p',
    String(port),
  ])
  const origin = `http://127.0.0.1:${port}`
  for (let waited = 0; !(await answers(origin)); waited += 200) {
    if (child.process.exitCode !== null || waited > 60_000) {
      await stopChild(child)
      throw new Error(`The empty Next.js app did not start:\n${child.tail()}`)
    }
    await sleep(200)
  }
  return { origin, path: PATH, databasePath: DATABASE_PATH, child }
}
