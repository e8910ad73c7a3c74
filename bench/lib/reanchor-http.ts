// The re-anchoring benchmark over real HTTP: on an isolated Colloquy, the demo instructor saves
// the large edit of a 500,000-character source through the editor's server action, once on a
// source with 1,000 highlights and once on the same text with none, while /api/health is asked
// every 50 ms. The save's own latency and the health check's during it are what a seminar feels.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHighlight } from '../../lib/annotations/mutations'
import { createSource } from '../../lib/sources/mutations'
import { DEMO_PASSWORD } from '../../prisma/demo-content'
import { BENCH_BUILD_DIR, signIn, startBenchApp } from './app-server'
import { connectToBenchDatabase, demoPeople, type DemoPeople } from './map-db'
import { stopChild } from './processes'
import type { Row } from './report'
import { percentile } from './stats'

const HEALTH_EVERY_MS = 50
const ROUNDS = 3
const SAVE_TIMEOUT_MS = 120_000

interface Save {
  ms: number
  status: number
  result: string
  health: number[]
}

/** The id and page of the editor's save action in this build, as the browser bundle has them. */
function saveAction(): { id: string; path: string } {
  const manifest = JSON.parse(
    readFileSync(join(BENCH_BUILD_DIR, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>
  }
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === 'lib/sources/editing/actions.ts' && entry.exportedName === 'editSourceTextAction',
  )
  if (!found) throw new Error('No editSourceTextAction in this build.')
  return {
    id: found[0],
    path: Object.keys(found[1].workers)[0]!
      .replace(/^app/, '')
      .replace(/\/page$/, ''),
  }
}

async function timedHealth(url: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) })
  await response.text()
  if (!response.ok) throw new Error(`/api/health answered ${response.status}`)
  return performance.now() - started
}

/** Posts the save as the editor does, asking /api/health every 50 ms until it is answered. */
async function save(url: string, cookie: string, groupId: string, sourceId: string, text: string): Promise<Save> {
  const action = saveAction()
  const path = action.path.replace('[groupId]', groupId).replace('[sourceId]', sourceId)
  const health: number[] = []
  let done = false
  const polling = (async () => {
    while (!done) {
      health.push(await timedHealth(url))
      await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS))
    }
  })()
  const started = performance.now()
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'Next-Action': action.id,
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      Origin: url,
      cookie,
    },
    body: JSON.stringify([{ sourceId, expectedVersion: 1, text }]),
    signal: AbortSignal.timeout(SAVE_TIMEOUT_MS),
  })
  const body = await response.text()
  const ms = performance.now() - started
  done = true
  await polling
  const result =
    body
      .split('\n')
      .find((line) => line.startsWith('1:'))
      ?.slice(2) ?? body.slice(0, 300)
  return { ms, status: response.status, result, health }
}

/** A fresh source with the long text and, unless `bare`, 1,000 highlights by the demo people. */
async function longSourceFor(
  people: DemoPeople,
  text: string,
  anchors: { start: number; end: number }[],
  bare: boolean,
): Promise<string> {
  const { id } = await createSource(people.instructor, {
    groupId: people.groupId,
    title: bare ? 'Long source, no highlights' : 'Long source',
    text,
    restore: [],
  })
  if (!bare) {
    const authors = [people.instructor, ...people.students]
    for (const [i, anchor] of anchors.entries()) {
      await createHighlight(authors[i % authors.length]!, {
        sourceId: id,
        start: anchor.start,
        end: anchor.end,
        tag: (['CLAIM', 'EVIDENCE', 'BIAS'] as const)[i % 3],
      })
    }
  }
  return id
}

export async function reanchorOverHttp(text: string, edited: string, anchors: { start: number; end: number }[]) {
  const app = await startBenchApp()
  const release = connectToBenchDatabase(app.databaseUrl)
  try {
    const people = await demoPeople()
    const cookie = await signIn(app.url, people.instructor.email, DEMO_PASSWORD)
    const idle: number[] = []
    for (let i = 0; i < 40; i++) idle.push(await timedHealth(app.url))
    const withHighlights: Save[] = []
    const without: Save[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const annotated = await longSourceFor(people, text, anchors, false)
      const bare = await longSourceFor(people, text, anchors, true)
      // Alternated, so neither always runs on a warmer server.
      const pair = round % 2 === 0 ? [annotated, bare] : [bare, annotated]
      for (const sourceId of pair)
        (sourceId === annotated ? withHighlights : without).push(
          await save(app.url, cookie, people.groupId, sourceId, edited),
        )
    }
    const failures = [...withHighlights, ...without]
      .filter((s) => s.status !== 200 || !s.result.includes('"ok":true'))
      .map((s) => `save answered ${s.status}: ${s.result}`)
    const p = (values: number[], q: number) => (values.length ? percentile(values, q) : NaN)
    const during = withHighlights.flatMap((s) => s.health)
    const duringBare = without.flatMap((s) => s.health)
    const rows: Row[] = [
      {
        name: `save over HTTP, 1,000 highlights, p50 of ${ROUNDS}`,
        unit: 'ms',
        figure: p(
          withHighlights.map((s) => s.ms),
          50,
        ),
        baseline: p(
          without.map((s) => s.ms),
          50,
        ),
      },
      {
        name: `save over HTTP, 1,000 highlights, max of ${ROUNDS}`,
        unit: 'ms',
        figure: Math.max(...withHighlights.map((s) => s.ms)),
        baseline: Math.max(...without.map((s) => s.ms)),
      },
      { name: '/api/health during the save, p50', unit: 'ms', figure: p(during, 50), baseline: p(duringBare, 50) },
      { name: '/api/health during the save, p99', unit: 'ms', figure: p(during, 99), baseline: p(duringBare, 99) },
    ]
    const notes = [
      `HTTP: the save action of the editor (Next server action) on a fresh source each round; baseline: the same edit of the same text with no highlights, which skips re-anchoring`,
      `/api/health at idle: p50 ${p(idle, 50).toFixed(1)} ms, p99 ${p(idle, 99).toFixed(1)} ms; during the saves ${during.length} checks (max ${Math.max(...during).toFixed(0)} ms), ${duringBare.length} without highlights`,
      `save answers: ${withHighlights.map((s) => s.result.slice(0, 80)).join(' | ')}`,
    ]
    return { rows, notes, failures, details: { withHighlights, without, idle } }
  } finally {
    await release()
    await stopChild(app.child)
  }
}
