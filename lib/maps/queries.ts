// Reads for the map list, the map editor (with what each node cites), history and catch-up.
import { db } from '@/lib/db'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { can } from '@/lib/permissions'
import { canSeeHighlight, canSeeMap, mapAction } from '@/lib/permissions/visibility'
import { readerContexts } from '@/lib/annotations/reader-context'
import { blockIndexes } from '@/lib/sources/block-index'
import { authorizeOnMap } from './access'
import { replay } from './reducer'
import type { Operation } from './schema'
import { loadMapState } from './state'

export interface CitedPassage {
  highlightId: string
  sourceId: string
  sourceTitle: string
  paragraph: number | null
  /** The page of the original (a PDF) the paragraph starts on, when known. */
  page?: number | null
  exact: string
  tag: 'CLAIM' | 'EVIDENCE' | 'BIAS'
  anchorStatus: 'EXACT' | 'MOVED' | 'ORPHANED'
  authorName: string
}

export async function listGroupMaps(actor: Actor, groupId: unknown) {
  const access = await authorizeInGroup(actor, groupId, 'group:read')
  const maps = await db.argumentMap.findMany({
    where: { groupId: access.group.id },
    orderBy: [{ kind: 'asc' }, { updatedAt: 'desc' }],
    include: {
      owner: { select: { id: true, name: true } },
      _count: { select: { nodes: true, relations: true } },
      operations: { orderBy: { seq: 'desc' }, take: 1, select: { createdAt: true, actor: { select: { name: true } } } },
      feedback: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } },
    },
  })
  const viewerId = actor!.id
  return {
    ...access,
    maps: maps
      .filter((m) => canSeeMap({ id: viewerId, standing: access.standing }, m))
      .map((m) => ({
        id: m.id,
        title: m.title,
        kind: m.kind,
        status: m.status,
        owner: m.owner,
        mine: m.ownerId === viewerId,
        nodeCount: m._count.nodes,
        relationCount: m._count.relations,
        updatedAt: m.updatedAt.toISOString(),
        lastEdit: m.operations[0]
          ? { by: m.operations[0].actor.name, at: m.operations[0].createdAt.toISOString() }
          : null,
        newFeedback:
          m.ownerId === viewerId &&
          !!m.feedback[0] &&
          (!m.feedbackSeenAt || m.feedback[0].createdAt > m.feedbackSeenAt),
        canRename:
          can(access.standing, mapAction(m.kind, 'rename')!, {
            isOwner: m.ownerId === viewerId,
            archived: access.archived,
          }) && m.status === 'DRAFT',
        canDuplicate: can(access.standing, 'map:create', { archived: access.archived }),
        canDelete:
          can(access.standing, mapAction(m.kind, 'delete')!, {
            isOwner: m.ownerId === viewerId,
            archived: access.archived,
          }) && m.status === 'DRAFT',
        canSubmit:
          m.kind === 'PERSONAL' &&
          m.status === 'DRAFT' &&
          can(access.standing, 'personalMap:submit', { isOwner: m.ownerId === viewerId, archived: access.archived }),
        canReopen:
          m.kind === 'PERSONAL' &&
          m.status === 'SUBMITTED' &&
          can(access.standing, 'personalMap:reopen', { archived: access.archived }),
      })),
  }
}

/**
 * Every highlight of the group the actor may see (or only those of `ids`), with where it sits, for
 * citing on maps. Reads the highlights and each source's block index, never the sources' texts.
 */
export async function citablePassages(actor: Actor, groupId: string, ids?: string[]): Promise<CitedPassage[]> {
  // Access to the group is checked once; each source only adds its own "read first" state.
  const access = await authorizeInGroup(actor, groupId, 'source:read')
  const rows = await db.highlight.findMany({
    where: { source: { groupId: access.group.id }, ...(ids ? { id: { in: ids } } : {}) },
    orderBy: [{ source: { createdAt: 'asc' } }, { sourceId: 'asc' }, { start: 'asc' }],
    select: {
      id: true,
      sourceId: true,
      authorId: true,
      visibility: true,
      exact: true,
      tag: true,
      start: true,
      anchorStatus: true,
      author: { select: { name: true } },
      source: { select: { title: true, version: true } },
    },
  })
  const sources = [...new Map(rows.map((h) => [h.sourceId, { id: h.sourceId, version: h.source.version }])).values()]
  const viewers = await readerContexts(
    actor!.id,
    access,
    sources.map((s) => s.id),
  )
  const visible = rows.filter((h) => canSeeHighlight(viewers.get(h.sourceId)!, h))
  const blocks = await blockIndexes(sources.filter((s) => visible.some((h) => h.sourceId === s.id)))
  return visible.map((h) => {
    const block = h.anchorStatus === 'ORPHANED' ? undefined : blocks.get(h.sourceId)?.at(h.start)
    return {
      highlightId: h.id,
      sourceId: h.sourceId,
      sourceTitle: h.source.title,
      paragraph: block?.paragraph ?? null,
      // The page of the original a cited paragraph starts on, only where the source knows it (a PDF).
      ...(block?.page ? { page: block.page } : {}),
      exact: h.exact,
      tag: h.tag,
      anchorStatus: h.anchorStatus,
      authorName: h.author.name,
    }
  })
}

/**
 * A map with what the editor and the exports need: its state, the passages its nodes cite (or,
 * for the editor's list to cite from, every passage the actor may cite in the group), and whether
 * the actor may edit it.
 */
export async function getMapForEditor(actor: Actor, mapId: unknown, passages: 'cited' | 'citable' = 'cited') {
  const access = await authorizeOnMap(actor, mapId, 'read')
  const state = await loadMapState(access.map.id)
  const ids = passages === 'cited' ? state.nodes.flatMap((n) => (n.highlightId ? [n.highlightId] : [])) : undefined
  const cited = await citablePassages(actor, access.map.groupId, ids)
  const owner = access.map.ownerId
    ? await db.user.findUnique({ where: { id: access.map.ownerId }, select: { name: true } })
    : null
  const editable =
    can(access.standing, mapAction(access.map.kind, 'edit')!, { isOwner: access.isOwner, archived: access.archived }) &&
    !(access.map.kind === 'PERSONAL' && access.map.status === 'SUBMITTED')
  return { ...access, state, cited, ownerName: owner?.name ?? null, editable }
}

export async function operationsSince(actor: Actor, mapId: unknown, since: number) {
  const access = await authorizeOnMap(actor, mapId, 'read')
  const rows = await db.mapOperation.findMany({
    where: { mapId: access.map.id, seq: { gt: since } },
    orderBy: { seq: 'asc' },
    take: 1000,
    select: { seq: true, payload: true },
  })
  return rows.map((row) => {
    const { opId, ...op } = row.payload as Operation & { opId?: string }
    return { seq: row.seq, op: op as Operation, opId: opId ?? null }
  })
}

export async function mapHistory(actor: Actor, mapId: unknown) {
  const access = await authorizeOnMap(actor, mapId, 'read')
  const rows = await db.mapOperation.findMany({
    where: { mapId: access.map.id },
    orderBy: { seq: 'desc' },
    take: 500,
    select: { seq: true, type: true, createdAt: true, actor: { select: { name: true } } },
  })
  return rows.map((row) => ({ seq: row.seq, type: row.type, at: row.createdAt.toISOString(), by: row.actor.name }))
}

/** The map as it was right after operation `seq`. */
export async function mapAtRevision(actor: Actor, mapId: unknown, seq: number) {
  const access = await authorizeOnMap(actor, mapId, 'read')
  const rows = await db.mapOperation.findMany({
    where: { mapId: access.map.id, seq: { lte: seq } },
    orderBy: { seq: 'asc' },
    select: { payload: true },
  })
  return replay(rows.map((row) => row.payload as Operation))
}
