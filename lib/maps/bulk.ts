// Many operations at once (import, duplicate, restore a revision): applied to the map in memory
// with the reducer's semantics (replayMany), then written as the difference with a few set-based statements
// per thousand rows, and logged and numbered like single edits, so the log still replays to the
// stored map. A 2,000-node import is one short transaction instead of thousands of round trips
// that held a connection for minutes. At most two run at once in a process, one per person; the
// rest are told when to come back.
import { Conflict, Invalid, NotFound } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'
import { JobGate, type GateLimits } from '@/lib/jobs/gate'
import { mapChanged } from '@/lib/realtime/events'
import { publishInTransaction } from '@/lib/realtime/publish'
import { authorizeEditWhileLocked, type MapAccess } from './access'
import { replayMany, type MapNodeState, type MapRelationState, type MapState } from './reducer'
import { MAX_NODES, type Operation } from './schema'
import { loadMapState } from './state'
import { newId } from '@/lib/ids'

type Tx = Prisma.TransactionClient

/** Rows per statement: well under PostgreSQL's 65,535 bound parameters. */
const CHUNK = 1000
/** A bulk write's own statement budget; ordinary requests get the pool's (lib/db.ts). */
export const BULK_STATEMENT_TIMEOUT_MS = 60_000
/** Waiting for a connection is short (the pool is shared); the work itself is bounded by the statement budget. */
export const BULK_TRANSACTION = { maxWait: 5_000, timeout: 90_000 }

const BULK: GateLimits = { perOwner: 1, global: 2, queue: 8, maxWaitMs: 10_000, noun: 'map import, copy or restore' }
const store = globalThis as unknown as { colloquyBulkGate?: JobGate }
const gate = (store.colloquyBulkGate ??= new JobGate(BULK.global))

/** Runs `work` within the bulk-write budget of `owner`; throws Busy (429) past it. */
export async function withinBulkBudget<T>(owner: string, work: () => Promise<T>): Promise<T> {
  const release = await gate.enter('map-bulk', owner, BULK)
  try {
    return await work()
  } finally {
    release()
  }
}

/** Ids of logged operations, of the shape Prisma's cuids have (lowercase letters and digits). */

const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK))

/** The operations to apply, planned from the map as it is once locked. */
export type BulkPlan = (current: MapState, seq: number) => Operation[] | Promise<Operation[]>

/**
 * Applies the planned operations to the map inside the caller's transaction; returns the map's
 * new sequence number. The map row is locked first, so no edit lands between the plan and the
 * write. A citation of a passage no longer in the group is dropped (rebuilding keeps every
 * passage that still exists, whoever may see it).
 */
export async function applyBulk(tx: Tx, access: MapAccess, actorId: string, plan: BulkPlan): Promise<number> {
  await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${BULK_STATEMENT_TIMEOUT_MS}`)
  const mapId = access.map.id
  const [locked] = await tx.$queryRaw<{ seq: number; status: string }[]>`
    SELECT seq, status::text AS status FROM "ArgumentMap" WHERE id = ${mapId} FOR UPDATE`
  if (!locked) throw new NotFound('This map does not exist.')
  authorizeEditWhileLocked(access, locked.status)
  const current = await loadMapState(mapId, tx)
  const ops = await plan(current, locked.seq)
  if (ops.length === 0) return locked.seq
  const applied = await dropMissingCitations(tx, access.map.groupId, ops)
  const next = replayMany(applied, current)
  if (next.nodes.length > MAX_NODES)
    throw new Invalid(`A map can hold at most ${MAX_NODES.toLocaleString('en')} nodes.`)
  try {
    await writeDifference(tx, mapId, current, next)
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002')
      throw new Conflict('Part of this map already exists elsewhere; nothing was changed.')
    throw error
  }
  const seq = locked.seq + applied.length
  for (const part of chunks(applied.map((op, i) => ({ op, seq: locked.seq + 1 + i })))) {
    await tx.$executeRaw`
      INSERT INTO "MapOperation" (id, "mapId", seq, "actorId", type, payload)
      SELECT v.id, ${mapId}, v.seq, ${actorId}, v.type, v.payload::jsonb
        FROM unnest(${part.map(() => newId())}::text[], ${part.map((o) => o.seq)}::int[], ${part.map((o) => o.op.type)}::text[],
                    ${part.map((o) => JSON.stringify(o.op))}::text[]) AS v(id, seq, type, payload)`
  }
  await tx.argumentMap.update({ where: { id: mapId }, data: { seq } })
  await publishInTransaction(tx, access.map.groupId, mapChanged(access.map, seq))
  return seq
}

/** node.add operations whose passage was deleted from the group since, without their citation. */
async function dropMissingCitations(tx: Tx, groupId: string, ops: Operation[]): Promise<Operation[]> {
  const cited = [
    ...new Set(ops.flatMap((op) => (op.type === 'node.add' && op.node.highlightId ? [op.node.highlightId] : []))),
  ]
  if (cited.length === 0) return ops
  const present = new Set<string>()
  for (const part of chunks(cited)) {
    const rows = await tx.highlight.findMany({ where: { id: { in: part }, source: { groupId } }, select: { id: true } })
    for (const row of rows) present.add(row.id)
  }
  return ops.map((op) =>
    op.type === 'node.add' && op.node.highlightId && !present.has(op.node.highlightId)
      ? { ...op, node: { ...op.node, highlightId: null } }
      : op,
  )
}

const sameNode = (a: MapNodeState, b: MapNodeState) =>
  a.kind === b.kind &&
  a.label === b.label &&
  a.highlightId === b.highlightId &&
  a.x === b.x &&
  a.y === b.y &&
  a.version === b.version
const sameEnds = (a: MapRelationState, b: MapRelationState) => a.fromId === b.fromId && a.toId === b.toId

/** Makes the stored map `from` into `to`: deletions first, so a relation re-made between other nodes never collides. */
async function writeDifference(tx: Tx, mapId: string, from: MapState, to: MapState): Promise<void> {
  const toNodes = new Map(to.nodes.map((n) => [n.id, n]))
  const fromNodes = new Map(from.nodes.map((n) => [n.id, n]))
  const toRelations = new Map(to.relations.map((r) => [r.id, r]))
  const fromRelations = new Map(from.relations.map((r) => [r.id, r]))

  const goneRelations = from.relations
    .filter((r) => !toRelations.has(r.id) || !sameEnds(r, toRelations.get(r.id)!))
    .map((r) => r.id)
  for (const part of chunks(goneRelations)) await tx.mapRelation.deleteMany({ where: { mapId, id: { in: part } } })
  const goneNodes = from.nodes.filter((n) => !toNodes.has(n.id)).map((n) => n.id)
  for (const part of chunks(goneNodes)) await tx.mapNode.deleteMany({ where: { mapId, id: { in: part } } })

  const changedNodes = to.nodes.filter((n) => fromNodes.has(n.id) && !sameNode(n, fromNodes.get(n.id)!))
  for (const part of chunks(changedNodes)) {
    await tx.$executeRaw`
      UPDATE "MapNode" AS m
         SET kind = v.kind::"NodeKind", label = v.label, "highlightId" = v.hid, x = v.x, y = v.y, version = v.version
        FROM unnest(${part.map((n) => n.id)}::text[], ${part.map((n) => n.kind)}::text[], ${part.map((n) => n.label)}::text[],
                    ${part.map((n) => n.highlightId)}::text[], ${part.map((n) => n.x)}::float8[], ${part.map((n) => n.y)}::float8[],
                    ${part.map((n) => n.version)}::int[]) AS v(id, kind, label, hid, x, y, version)
       WHERE m.id = v.id AND m."mapId" = ${mapId}`
  }
  const newNodes = to.nodes.filter((n) => !fromNodes.has(n.id))
  // Created in the order they were added, as loadMapState reads them back (one millisecond apart).
  const first = Date.now() - newNodes.length
  for (const [index, part] of chunks(newNodes).entries()) {
    await tx.$executeRaw`
      INSERT INTO "MapNode" (id, "mapId", kind, label, "highlightId", x, y, version, "createdAt")
      SELECT v.id, ${mapId}, v.kind::"NodeKind", v.label, v.hid, v.x, v.y, v.version, to_timestamp(v.at / 1000.0) AT TIME ZONE 'UTC'
        FROM unnest(${part.map((n) => n.id)}::text[], ${part.map((n) => n.kind)}::text[], ${part.map((n) => n.label)}::text[],
                    ${part.map((n) => n.highlightId)}::text[], ${part.map((n) => n.x)}::float8[], ${part.map((n) => n.y)}::float8[],
                    ${part.map((n) => n.version)}::int[], ${part.map((_, i) => first + index * CHUNK + i)}::float8[]) AS v(id, kind, label, hid, x, y, version, at)`
  }

  const changedRelations = to.relations.filter((r) => {
    const was = fromRelations.get(r.id)
    return was && sameEnds(was, r) && (was.kind !== r.kind || was.label !== r.label)
  })
  for (const part of chunks(changedRelations)) {
    await tx.$executeRaw`
      UPDATE "MapRelation" AS m SET kind = v.kind::"RelationKind", label = v.label
        FROM unnest(${part.map((r) => r.id)}::text[], ${part.map((r) => r.kind)}::text[], ${part.map((r) => r.label)}::text[]) AS v(id, kind, label)
       WHERE m.id = v.id AND m."mapId" = ${mapId}`
  }
  const newRelations = to.relations.filter((r) => !fromRelations.has(r.id) || !sameEnds(fromRelations.get(r.id)!, r))
  for (const part of chunks(newRelations)) {
    await tx.$executeRaw`
      INSERT INTO "MapRelation" (id, "mapId", "fromId", "toId", kind, label)
      SELECT v.id, ${mapId}, v.f, v.t, v.kind::"RelationKind", v.label
        FROM unnest(${part.map((r) => r.id)}::text[], ${part.map((r) => r.fromId)}::text[], ${part.map((r) => r.toId)}::text[],
                    ${part.map((r) => r.kind)}::text[], ${part.map((r) => r.label)}::text[]) AS v(id, f, t, kind, label)`
  }
}
