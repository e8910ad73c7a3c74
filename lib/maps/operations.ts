// Applying one operation to a stored map: under a lock on the map row, checked, written,
// numbered (per-map sequence), logged and broadcast, all in one transaction.
import { Conflict, Invalid, NotFound } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { mapChanged } from '@/lib/realtime/events'
import { publishInTransaction, transactionWithEvents } from '@/lib/realtime/publish'
import type { Prisma } from '@/lib/generated/prisma/client'
import { readerContext } from '@/lib/annotations/reader-context'
import { canSeeHighlight } from '@/lib/permissions/visibility'
import { authorizeEditWhileLocked, authorizeOnMap, type MapAccess } from './access'
import { ApplyOperation, MAX_NODES, type Operation } from './schema'

type Tx = Prisma.TransactionClient

const NODE_GONE = 'That node is no longer on the map; someone may have deleted it.'
const RELATION_GONE = 'That relation is no longer on the map; someone may have deleted it.'

const HIGHLIGHT_MISSING = 'That highlight does not exist in this group.'

/** A write to one node or relation of the map that matched none: someone removed it first. */
async function wroteOne(write: Promise<{ count: number }>, gone: string): Promise<void> {
  if ((await write).count === 0) throw new NotFound(gone)
}

/** A new citation must be a passage the actor can see (private and "read first" rules included). */
async function assertHighlightUsable(tx: Tx, access: MapAccess, actorId: string, highlightId: string) {
  const highlight = await tx.highlight.findUnique({
    where: { id: highlightId },
    select: { authorId: true, visibility: true, sourceId: true, source: { select: { groupId: true } } },
  })
  if (!highlight || highlight.source.groupId !== access.map.groupId) throw new NotFound(HIGHLIGHT_MISSING)
  const viewer = await readerContext(actorId, { ...access, source: { id: highlight.sourceId } }, tx)
  if (!canSeeHighlight(viewer, highlight)) throw new NotFound(HIGHLIGHT_MISSING)
}

export interface ApplyOptions {
  publish: boolean
}

/** Writes one operation; returns it as applied. */
async function writeOperation(tx: Tx, access: MapAccess, actorId: string, op: Operation): Promise<Operation> {
  const mapId = access.map.id
  switch (op.type) {
    case 'node.add': {
      if ((await tx.mapNode.count({ where: { mapId } })) >= MAX_NODES) {
        throw new Invalid(`A map can hold at most ${MAX_NODES.toLocaleString('en')} nodes.`)
      }
      const node = op.node
      if (node.highlightId) await assertHighlightUsable(tx, access, actorId, node.highlightId)
      if (await tx.mapNode.findUnique({ where: { id: node.id }, select: { id: true } }))
        throw new Conflict('That node already exists.')
      await tx.mapNode.create({ data: { ...node, highlightId: node.highlightId ?? null, mapId } })
      return { ...op, node }
    }
    case 'node.uncite': {
      await wroteOne(tx.mapNode.updateMany({ where: { id: op.nodeId, mapId }, data: { highlightId: null } }), NODE_GONE)
      return op
    }
    case 'node.move': {
      await wroteOne(tx.mapNode.updateMany({ where: { id: op.nodeId, mapId }, data: { x: op.x, y: op.y } }), NODE_GONE)
      return op
    }
    case 'node.edit': {
      const node = await tx.mapNode.findFirst({
        where: { id: op.nodeId, mapId },
        select: { version: true, label: true },
      })
      if (!node) throw new NotFound(NODE_GONE)
      if (node.version !== op.baseVersion) {
        throw new Conflict(
          `Someone else changed this node while you were editing it. It now reads: “${node.label}”. Your text was not saved.`,
        )
      }
      await tx.mapNode.update({
        where: { id: op.nodeId },
        data: { label: op.label, kind: op.kind, version: { increment: 1 } },
      })
      return op
    }
    case 'node.delete': {
      // Its relations go with it (ON DELETE CASCADE), in this same transaction.
      await wroteOne(tx.mapNode.deleteMany({ where: { id: op.nodeId, mapId } }), NODE_GONE)
      return op
    }
    case 'relation.add': {
      const { fromId, toId } = op.relation
      if (fromId === toId) throw new Invalid('A node cannot support or attack itself.')
      const ends = await tx.mapNode.count({ where: { mapId, id: { in: [fromId, toId] } } })
      if (ends !== 2) throw new Invalid('A relation can only connect two nodes of this map.')
      const twin = await tx.mapRelation.findFirst({
        where: {
          mapId,
          OR: [
            { fromId, toId },
            { fromId: toId, toId: fromId },
          ],
        },
        select: { id: true },
      })
      if (twin) throw new Conflict('These two nodes are already connected; change that relation instead.')
      if (await tx.mapRelation.findUnique({ where: { id: op.relation.id }, select: { id: true } }))
        throw new Conflict('That relation already exists.')
      await tx.mapRelation.create({ data: { ...op.relation, mapId } })
      return op
    }
    case 'relation.edit': {
      if (op.fromId !== undefined) {
        // Reversing swaps the two ends; moving an end to another node is a new relation.
        const relation = await tx.mapRelation.findFirst({
          where: { id: op.relationId, mapId },
          select: { fromId: true, toId: true },
        })
        if (!relation) throw new NotFound(RELATION_GONE)
        const swapped = op.fromId === relation.toId && op.toId === relation.fromId
        if (!swapped && !(op.fromId === relation.fromId && op.toId === relation.toId))
          throw new Invalid('A relation can be reversed, but not moved to other nodes.')
      }
      const data = { kind: op.kind, label: op.label, fromId: op.fromId, toId: op.toId }
      await wroteOne(tx.mapRelation.updateMany({ where: { id: op.relationId, mapId }, data }), RELATION_GONE)
      return op
    }
    case 'relation.delete': {
      await wroteOne(tx.mapRelation.deleteMany({ where: { id: op.relationId, mapId } }), RELATION_GONE)
      return op
    }
    case 'layout.apply': {
      if (op.positions.length === 0) return op
      const ids = op.positions.map((p) => p.nodeId)
      const count = await tx.$executeRaw`
        UPDATE "MapNode" AS m SET x = v.x, y = v.y
        FROM unnest(${ids}::text[], ${op.positions.map((p) => p.x)}::float8[], ${op.positions.map((p) => p.y)}::float8[]) AS v(id, x, y)
        WHERE m.id = v.id AND m."mapId" = ${mapId}`
      if (count !== new Set(ids).size) throw new NotFound(NODE_GONE)
      return op
    }
  }
}

/** Applies a checked operation inside a transaction; returns the map's new sequence number. */
export async function applyInTransaction(
  tx: Tx,
  access: MapAccess,
  actorId: string,
  op: Operation,
  opId?: string,
  options: ApplyOptions = { publish: true },
): Promise<number> {
  // Locks the map and takes the next number in one statement; a refusal below rolls it back.
  const [locked] = await tx.$queryRaw<{ seq: number; status: string }[]>`
    UPDATE "ArgumentMap" SET seq = seq + 1, "updatedAt" = now() WHERE id = ${access.map.id}
    RETURNING seq, status::text AS status`
  if (!locked) throw new NotFound('This map does not exist.')
  authorizeEditWhileLocked(access, locked.status)
  const applied = await writeOperation(tx, access, actorId, op)
  const seq = locked.seq
  await tx.mapOperation.create({
    data: {
      mapId: access.map.id,
      seq,
      actorId,
      type: applied.type,
      payload: (opId ? { ...applied, opId } : applied) as Prisma.InputJsonValue,
    },
  })
  if (options.publish) await publishInTransaction(tx, access.map.groupId, mapChanged(access.map, seq))
  return seq
}

export async function applyMapOperation(actor: Actor, input: unknown): Promise<{ seq: number }> {
  const { mapId, op, opId } = ApplyOperation.parse(input)
  const access = await authorizeOnMap(actor, mapId, 'edit')
  // Edits of a busy map queue on its row lock; give them time to reach the front.
  const seq = await transactionWithEvents((tx) => applyInTransaction(tx, access, actor!.id, op, opId), {
    maxWait: 15_000,
    timeout: 20_000,
  })
  return { seq }
}

/**
 * A cited highlight is being deleted: every node citing it keeps its text but loses the
 * citation, through the log of its map, so replaying the log still gives the stored map.
 */
export async function unciteHighlight(tx: Tx, highlightId: string, actorId: string): Promise<void> {
  const nodes = await tx.mapNode.findMany({
    where: { highlightId },
    select: { id: true, mapId: true, map: { select: { id: true, groupId: true, kind: true, ownerId: true } } },
  })
  for (const node of nodes) {
    const [locked] = await tx.$queryRaw<
      { seq: number }[]
    >`SELECT seq FROM "ArgumentMap" WHERE id = ${node.mapId} FOR UPDATE`
    const seq = locked!.seq + 1
    const op: Operation = { type: 'node.uncite', nodeId: node.id }
    await tx.mapNode.update({ where: { id: node.id }, data: { highlightId: null } })
    await tx.mapOperation.create({
      data: { mapId: node.mapId, seq, actorId, type: op.type, payload: op as Prisma.InputJsonValue },
    })
    await tx.argumentMap.update({ where: { id: node.mapId }, data: { seq } })
    await publishInTransaction(tx, node.map.groupId, mapChanged(node.map, seq))
  }
}
