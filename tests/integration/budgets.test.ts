// Budgets of the expensive map work against a real database: a 2,000-node backup is imported,
// copied, restored and deleted in short transactions (it used to hold a connection for minutes),
// one person's parallel imports and exports run one at a time and the rest are told when to come
// back, the pool keeps free connections for everyone else meanwhile, and an ordinary statement
// that runs past its budget is stopped and answered as "busy".
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db, STATEMENT_TIMEOUT_MS } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { importMapBackup, type MapBackup } from '@/lib/export/backup'
import { exportMap } from '@/lib/export/map-export'
import { deleteMap, duplicateMap, restoreRevision } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { replay } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { loadMapState } from '@/lib/maps/state'
import { groupOf, peakWhile, person, refusal } from './fixtures'

const NODES = 2_000

/** The largest map a backup may hold: 2,000 nodes on a grid, each but the first supporting the one before. */
function largeBackup(title: string): MapBackup {
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    id: `n${i}`,
    kind: (['CLAIM', 'EVIDENCE', 'BIAS', 'NOTE'] as const)[i % 4]!,
    label: `Point ${i}: alliances endure because the habits they build outlast the threats that founded them.`,
    x: (i % 50) * 260,
    y: Math.floor(i / 50) * 140,
    citation: null,
  }))
  const relations = nodes.slice(1).map((node, i) => ({
    id: `r${i}`,
    fromId: node.id,
    toId: `n${i}`,
    kind: i % 5 ? ('SUPPORTS' as const) : ('ATTACKS' as const),
    label: '',
  }))
  return { format: 'colloquy-map', version: 1, title, kind: 'PERSONAL', nodes, relations }
}

/** The longest any transaction on this database has been open, sampled while `work` runs. */
async function longestTransaction<T>(work: () => Promise<T>): Promise<{ result: T; longestMs: number }> {
  const { result, peak } = await peakWhile(
    `SELECT max(extract(epoch FROM clock_timestamp() - xact_start) * 1000)::float8 AS value
       FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
    work,
    { pauseMs: 20 },
  )
  return { result, longestMs: peak }
}

async function replaysToStored(mapId: string) {
  const log = await db.mapOperation.findMany({
    where: { mapId },
    orderBy: { seq: 'asc' },
    select: { seq: true, payload: true },
  })
  const { seq } = await db.argumentMap.findUniqueOrThrow({ where: { id: mapId }, select: { seq: true } })
  expect(log.map((entry) => entry.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1))
  const sorted = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id))
  const stored = await loadMapState(mapId)
  const replayed = replay(log.map((entry) => entry.payload as Operation))
  expect(sorted(stored.nodes)).toEqual(sorted(replayed.nodes))
  expect(sorted(stored.relations)).toEqual(sorted(replayed.relations))
}

let sam: { id: string }
let ann: { id: string }
let groupId: string

beforeAll(async () => {
  const iris = await person('Iris')
  sam = await person('Sam')
  ann = await person('Ann')
  ;({ groupId } = await groupOf(iris, [sam, ann], { name: 'Budget seminar' }))
})

afterAll(async () => {
  // The job worker threads, so the test process can end.
  await (globalThis as { colloquyJobs?: { close(): Promise<void> } }).colloquyJobs?.close()
})

describe('a 2,000-node map', () => {
  let mapId: string

  it('is imported from its backup in one short transaction, and its log replays to it', async () => {
    const backup = largeBackup('The largest map')
    expect(Buffer.byteLength(JSON.stringify(backup))).toBeLessThan(2 * 1024 * 1024)
    const started = performance.now()
    const { result, longestMs } = await longestTransaction(() => importMapBackup(sam, { groupId, backup }))
    mapId = result.id
    const state = await loadMapState(mapId)
    expect([state.nodes.length, state.relations.length]).toEqual([NODES, NODES - 1])
    expect(longestMs).toBeLessThan(5_000)
    expect(performance.now() - started).toBeLessThan(20_000)
    await replaysToStored(mapId)
  }, 60_000)

  it('is copied and restored to an earlier revision in short transactions too', async () => {
    const copy = await longestTransaction(() => duplicateMap(sam, { mapId }))
    expect(copy.longestMs).toBeLessThan(5_000)
    expect((await loadMapState(copy.result.id)).nodes).toHaveLength(NODES)
    await replaysToStored(copy.result.id)

    // A few more edits, then back to the imported map: one revision of its own, in one transaction.
    const { seq: imported } = await db.argumentMap.findUniqueOrThrow({ where: { id: mapId }, select: { seq: true } })
    const first = (await loadMapState(mapId)).nodes[0]!
    await applyMapOperation(sam, { mapId, op: { type: 'node.move', nodeId: first.id, x: -500, y: -500 } })
    await applyMapOperation(sam, { mapId, op: { type: 'node.delete', nodeId: first.id } })
    const restored = await longestTransaction(() => restoreRevision(sam, { mapId, seq: imported }))
    expect(restored.longestMs).toBeLessThan(5_000)
    expect(restored.result.seq).toBeGreaterThan(imported + 2)
    const state = await loadMapState(mapId)
    expect([state.nodes.length, state.relations.length]).toEqual([NODES, NODES - 1])
    expect(state.nodes.find((n) => n.id === first.id)).toMatchObject({ x: first.x, y: first.y })
    await replaysToStored(mapId)
  }, 60_000)

  it('is deleted by its owner in one short statement, log and all', async () => {
    const deleted = await longestTransaction(() => deleteMap(sam, { mapId }))
    expect(deleted.longestMs).toBeLessThan(3_000)
    expect(await db.argumentMap.count({ where: { id: mapId } })).toBe(0)
    expect(await db.mapOperation.count({ where: { mapId } })).toBe(0)
    expect(await db.mapNode.count({ where: { mapId } })).toBe(0)
  }, 60_000)
})

describe('one person’s expensive work', () => {
  it('runs one import at a time: ten at once get one map and nine “come back in N s”, and the pool keeps room for everyone else', async () => {
    const backup = largeBackup('Ten at once')
    // Connections in a transaction open for more than 200 ms, the most at once: each import held one for minutes before.
    // Meanwhile another student keeps reading: every read answers, and soon.
    const reads: Promise<number>[] = []
    const read = async () => {
      const started = performance.now()
      await db.argumentMap.count({ where: { groupId } })
      return performance.now() - started
    }
    const reader = setInterval(() => reads.push(read()), 50)
    // Connections in a transaction open for more than 200 ms, the most at once: each import held one for minutes before.
    const { result: settled, peak: inTransaction } = await peakWhile(
      `SELECT count(*)::int AS value FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start < clock_timestamp() - interval '200 milliseconds'`,
      () => Promise.allSettled(Array.from({ length: 10 }, () => importMapBackup(sam, { groupId, backup }))),
    )
    clearInterval(reader)
    const refused = settled.flatMap((r) => (r.status === 'rejected' ? [toFailure(r.reason)] : []))
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(refused).toHaveLength(9)
    for (const failure of refused) {
      expect(failure).toMatchObject({ status: 429, error: expect.stringMatching(/in progress|busy/) })
      expect(failure.retryAfterSeconds).toBeGreaterThanOrEqual(1)
    }
    expect(await db.argumentMap.count({ where: { title: 'Ten at once' } })).toBe(1)
    const readTimes = await Promise.all(reads)
    expect(readTimes.length).toBeGreaterThan(5)
    expect(Math.max(...readTimes)).toBeLessThan(1_000)
    // One import per person at a time: at most its own transaction.
    expect(inTransaction).toBeLessThanOrEqual(1)
  }, 120_000)

  it('exports one large picture at a time per person, while another person’s export goes ahead', async () => {
    const { id: bigMap } = await importMapBackup(sam, { groupId, backup: largeBackup('Big picture') })
    const settled = await Promise.allSettled(Array.from({ length: 4 }, () => exportMap(sam, bigMap, { format: 'svg' })))
    const refused = settled.flatMap((r) => (r.status === 'rejected' ? [toFailure(r.reason)] : []))
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(refused.map((f) => f.status)).toEqual([429, 429, 429])
    expect(refused[0]!.error).toMatch(/^You already have a picture export in progress/)
    const { id: annsMap } = await importMapBackup(ann, {
      groupId,
      backup: { ...largeBackup('Ann’s'), nodes: largeBackup('').nodes.slice(0, 50), relations: [] },
    })
    expect((await exportMap(ann, annsMap, { format: 'png' })).contentType).toBe('image/png')
  }, 120_000)
})

describe('ordinary statements', () => {
  it(`are stopped after ${STATEMENT_TIMEOUT_MS / 1000} s and answered as busy, nothing saved`, async () => {
    const started = performance.now()
    const failure = await refusal(db.$queryRaw`SELECT pg_sleep(${STATEMENT_TIMEOUT_MS / 1000 + 5})`)
    expect(performance.now() - started).toBeLessThan(STATEMENT_TIMEOUT_MS + 3_000)
    expect(failure).toMatchObject({
      status: 503,
      error: 'Colloquy is busy right now; your change was not saved. Please try again in a moment.',
    })
  }, 30_000)
})
