// For the map benchmarks: Colloquy's own lib/ code (lib/db and what uses it) run from the bench
// process against the isolated app's database, then let go, so that the next benchmark (a new app,
// a new database on another port) gets a connection of its own. Plus the demo people and the
// ordinary way of building a map: operations applied through lib/maps/operations, so the stored
// map and its operation log agree.
import { connection, db } from '../../lib/db'
import { authorizeOnMap } from '../../lib/maps/access'
import { createMap } from '../../lib/maps/mutations'
import { applyInTransaction } from '../../lib/maps/operations'
import { replay, type MapState } from '../../lib/maps/reducer'
import type { Operation } from '../../lib/maps/schema'
import { loadMapState } from '../../lib/maps/state'
import { publishInTransaction, transactionWithEvents } from '../../lib/realtime/publish'
import { DEMO_GROUP, DEMO_INSTRUCTOR, DEMO_STUDENTS } from '../../prisma/demo-content'

/** lib/db keeps its one client here (see lib/db.ts); dropped on release so the next use reconnects. */
const store = globalThis as unknown as { colloquyConnection?: unknown }

/** Points lib/db at `databaseUrl` until the returned function is called (which closes the pool). */
export function connectToBenchDatabase(databaseUrl: string): () => Promise<void> {
  if (store.colloquyConnection) throw new Error('lib/db is already connected in this process; release it first.')
  const previous = process.env.DATABASE_URL
  process.env.DATABASE_URL = databaseUrl
  return async () => {
    if (store.colloquyConnection) {
      const { db: client, pool } = connection()
      await client.$disconnect().catch(() => {})
      await pool.end().catch(() => {})
      delete store.colloquyConnection
    }
    if (previous === undefined) delete process.env.DATABASE_URL
    else process.env.DATABASE_URL = previous
  }
}

export interface DemoPeople {
  groupId: string
  instructor: { id: string; email: string }
  students: { id: string; email: string }[]
}

export async function demoPeople(): Promise<DemoPeople> {
  const instructor = await db.user.findUniqueOrThrow({
    where: { email: DEMO_INSTRUCTOR.email },
    select: { id: true, email: true },
  })
  const group = await db.group.findFirstOrThrow({
    where: { name: DEMO_GROUP.name, createdById: instructor.id },
    select: { id: true },
  })
  const students = await db.user.findMany({
    where: { email: { in: DEMO_STUDENTS.map((s) => s.email) } },
    select: { id: true, email: true },
  })
  students.sort(
    (a, b) => DEMO_STUDENTS.findIndex((s) => s.email === a.email) - DEMO_STUDENTS.findIndex((s) => s.email === b.email),
  )
  return { groupId: group.id, instructor, students }
}

/** A group map (only instructors start those), empty. */
export async function createGroupMap(people: DemoPeople, title: string): Promise<string> {
  const { id } = await createMap(people.instructor, { groupId: people.groupId, title, kind: 'GROUP' })
  return id
}

/**
 * Applies `ops` as `actorId` through applyInTransaction, `batch` per transaction, each batch
 * announced once at its end. Returns the map's last seq.
 */
export async function applyInBatches(actorId: string, mapId: string, ops: Operation[], batch = 200): Promise<number> {
  const access = await authorizeOnMap({ id: actorId }, mapId, 'edit')
  let seq = access.map.seq
  for (let start = 0; start < ops.length; start += batch) {
    const slice = ops.slice(start, start + batch)
    seq = await transactionWithEvents(
      async (tx) => {
        let last = 0
        for (const op of slice) last = await applyInTransaction(tx, access, actorId, op, undefined, { publish: false })
        await publishInTransaction(tx, access.map.groupId, { type: 'map.changed', mapId, seq: last })
        return last
      },
      { maxWait: 15_000, timeout: 120_000 },
    )
  }
  return seq
}

function canonical(state: MapState): string {
  const nodes = [...state.nodes]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((n) => [n.id, n.kind, n.label, n.highlightId, n.x, n.y, n.version])
  const relations = [...state.relations]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => [r.id, r.fromId, r.toId, r.kind, r.label])
  return JSON.stringify({ nodes, relations })
}

/** The stored map against its operation log replayed; a description of the difference, or null. */
export async function logMismatch(mapId: string): Promise<string | null> {
  const [stored, log, map] = await Promise.all([
    loadMapState(mapId),
    db.mapOperation.findMany({ where: { mapId }, orderBy: { seq: 'asc' }, select: { seq: true, payload: true } }),
    db.argumentMap.findUniqueOrThrow({ where: { id: mapId }, select: { seq: true } }),
  ])
  if (log.length !== map.seq || log.some((entry, i) => entry.seq !== i + 1))
    return `map ${mapId}: seq ${map.seq} but ${log.length} logged operations (or a gap)`
  const replayed = replay(log.map((entry) => entry.payload as Operation))
  if (canonical(stored) !== canonical(replayed)) {
    return `map ${mapId}: stored ${stored.nodes.length} nodes / ${stored.relations.length} relations differ from the log replayed (${replayed.nodes.length} / ${replayed.relations.length})`
  }
  return null
}
