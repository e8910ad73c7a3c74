// Applying one operation to a stored map: under a lock on the map row, checked, written,
// numbered (per-map sequence), logged and broadcast, all in one transaction.
import { db } from '@/lib/db'
import { Conflict, Forbidden, Invalid, NotFound } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { publishInTransaction } from '@/lib/realtime/publish'
import type { Prisma } from '@/lib/generated/prisma/client'
import { can } from '@/lib/permissions'
import { authorizeOnMap, type MapAccess } from './access'
import { ApplyOperation, MAX_NODES, type Operation } from './schema'

type Tx = Prisma.TransactionClient

const NODE_GONE = 'That node is no longer on the map; someone may have deleted it.'
const RELATION_GONE = 'That relation is no longer on the map; someone may have deleted it.'

async function assertHighlightUsable(tx: Tx, access: MapAccess, actorId: string, highlightId: string) {
  const highlight = await tx.highlight.findUnique({
    where: { id: highlightId },
    select: { authorId: true, visibility: true, source: { select: { groupId: true } } },
  })
  const visible =
    highlight &&
    highlight.source.groupId === access.map.groupId &&
    (highlight.visibility === 'GROUP' || highlight.authorId === actorId || can(access.standing, 'highlight:readAll'))
  if (!visible) throw new NotFound('That highlight does not exist in this group.')
}

async function writeOperation(tx: Tx, access: MapAccess, actorId: string, op: Operation): Promise<void> {
  const mapId = access.map.id
  switch (op.type) {
    case 'node.add': {
      if ((await tx.mapNode.count({ where: { mapId } })) >= MAX_NODES) {
        throw new Invalid(`A map can hold at most ${MAX_NODES.toLocaleString('en')} nodes.`)
      }
      if (op.node.highlightId) await assertHighlightUsable(tx, access, actorId, op.node.highlightId)
      if (await tx.mapNode.findUnique({ where: { id: op.node.id }, select: { id: true } })) throw new Conflict('That node already exists.')
      await tx.mapNode.create({ data: { ...op.node, highlightId: op.node.highlightId ?? null, mapId } })
      return
    }
    case 'node.move': {
      const { count } = await tx.mapNode.updateMany({ where: { id: op.nodeId, mapId }, data: { x: op.x, y: op.y } })
      if (count === 0) throw new NotFound(NODE_GONE)
      return
    }
    case 'node.edit': {
      const node = await tx.mapNode.findFirst({ where: { id: op.nodeId, mapId }, select: { version: true, label: true } })
      if (!node) throw new NotFound(NODE_GONE)
      if (node.version !== op.baseVersion) {
        throw new Conflict(`Someone else changed this node while you were editing it. It now reads: “${node.label}”. Your text was not saved.`)
      }
      await tx.mapNode.update({ where: { id: op.nodeId }, data: { label: op.label, kind: op.kind, version: { increment: 1 } } })
      return
    }
    case 'node.delete': {
      // Its relations go with it (ON DELETE CASCADE), in this same transaction.
      const { count } = await tx.mapNode.deleteMany({ where: { id: op.nodeId, mapId } })
      if (count === 0) throw new NotFound(NODE_GONE)
      return
    }
    case 'relation.add': {
      const { fromId, toId } = op.relation
      if (fromId === toId) throw new Invalid('A node cannot support or attack itself.')
      const ends = await tx.mapNode.count({ where: { mapId, id: { in: [fromId, toId] } } })
      if (ends !== 2) throw new Invalid('A relation can only connect two nodes of this map.')
      const twin = await tx.mapRelation.findFirst({
        where: { mapId, OR: [{ fromId, toId }, { fromId: toId, toId: fromId }] },
        select: { id: true },
      })
      if (twin) throw new Conflict('These two nodes are already connected; change that relation instead.')
      if (await tx.mapRelation.findUnique({ where: { id: op.relation.id }, select: { id: true } })) throw new Conflict('That relation already exists.')
      await tx.mapRelation.create({ data: { ...op.relation, mapId } })
      return
    }
    case 'relation.edit': {
      const { count } = await tx.mapRelation.updateMany({ where: { id: op.relationId, mapId }, data: { kind: op.kind, label: op.label } })
      if (count === 0) throw new NotFound(RELATION_GONE)
      return
    }
    case 'relation.delete': {
      const { count } = await tx.mapRelation.deleteMany({ where: { id: op.relationId, mapId } })
      if (count === 0) throw new NotFound(RELATION_GONE)
      return
    }
    case 'layout.apply': {
      if (op.positions.length === 0) return
      const ids = op.positions.map((p) => p.nodeId)
      const count = await tx.$executeRaw`
        UPDATE "MapNode" AS m SET x = v.x, y = v.y
        FROM unnest(${ids}::text[], ${op.positions.map((p) => p.x)}::float8[], ${op.positions.map((p) => p.y)}::float8[]) AS v(id, x, y)
        WHERE m.id = v.id AND m."mapId" = ${mapId}`
      if (count !== new Set(ids).size) throw new NotFound(NODE_GONE)
      return
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
  options: { publish: boolean } = { publish: true },
): Promise<number> {
  const [locked] = await tx.$queryRaw<{ seq: number; status: string }[]>`
    SELECT seq, status::text AS status FROM "ArgumentMap" WHERE id = ${access.map.id} FOR UPDATE`
  if (!locked) throw new NotFound('This map does not exist.')
  if (locked.status === 'SUBMITTED' && access.map.kind === 'PERSONAL') {
    throw new Forbidden('This map is submitted for review and is read-only until your instructor reopens it.')
  }
  await writeOperation(tx, access, actorId, op)
  const seq = locked.seq + 1
  await tx.mapOperation.create({ data: { mapId: access.map.id, seq, actorId, type: op.type, payload: (opId ? { ...op, opId } : op) as Prisma.InputJsonValue } })
  await tx.argumentMap.update({ where: { id: access.map.id }, data: { seq } })
  if (options.publish) await publishInTransaction(tx, access.map.groupId, { type: 'map.changed', mapId: access.map.id, seq })
  return seq
}

/**
 * Many operations in one transaction (duplicate, import, restore), announced once at the end:
 * publishing locks the group's row, which would hold every live event of the group meanwhile.
 */
export async function applyAllInTransaction(tx: Tx, access: MapAccess, actorId: string, ops: Operation[]): Promise<number> {
  let seq = access.map.seq
  for (const op of ops) seq = await applyInTransaction(tx, access, actorId, op, undefined, { publish: false })
  if (ops.length) await publishInTransaction(tx, access.map.groupId, { type: 'map.changed', mapId: access.map.id, seq })
  return seq
}

export async function applyMapOperation(actor: Actor, input: unknown): Promise<{ seq: number }> {
  const { mapId, op, opId } = ApplyOperation.parse(input)
  const access = await authorizeOnMap(actor, mapId, 'edit')
  const seq = await db.$transaction((tx) => applyInTransaction(tx, access, actor!.id, op, opId), { timeout: 20_000 })
  return { seq }
}
