// Reads for the map list, the map editor (with what each node cites), history and catch-up.
import { db } from '@/lib/db'
import { authorizeInGroup, type Actor } from '@/lib/groups/access'
import { can } from '@/lib/permissions'
import { canSeeHighlight, canSeeMap, mapAction } from '@/lib/permissions/visibility'
import { readerContext } from '@/lib/annotations/reader-context'
import { blockAt, blocksOf } from '@/lib/sources/blocks'
import { StoredLayout } from '@/lib/sources/editing/schema'
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
        lastEdit: m.operations[0] ? { by: m.operations[0].actor.name, at: m.operations[0].createdAt.toISOString() } : null,
        newFeedback: m.ownerId === viewerId && !!m.feedback[0] && (!m.feedbackSeenAt || m.feedback[0].createdAt > m.feedbackSeenAt),
        canRename: can(access.standing, mapAction(m.kind, 'rename')!, { isOwner: m.ownerId === viewerId, archived: access.archived }) && m.status === 'DRAFT',
        canDuplicate: can(access.standing, 'map:create', { archived: access.archived }),
        canDelete: can(access.standing, mapAction(m.kind, 'delete')!, { isOwner: m.ownerId === viewerId, archived: access.archived }) && m.status === 'DRAFT',
        canSubmit:
          m.kind === 'PERSONAL' && m.status === 'DRAFT' && can(access.standing, 'personalMap:submit', { isOwner: m.ownerId === viewerId, archived: access.archived }),
        canReopen: m.kind === 'PERSONAL' && m.status === 'SUBMITTED' && can(access.standing, 'personalMap:reopen', { archived: access.archived }),
      })),
  }
}

/** Every highlight of the group the actor may see, with where it sits, for citing on maps. */
export async function citablePassages(actor: Actor, groupId: string, ids?: string[]): Promise<CitedPassage[]> {
  // Access to the group is checked once; each source only adds its own "read first" state.
  const access = await authorizeInGroup(actor, groupId, 'source:read')
  const sources = await db.source.findMany({ where: { groupId: access.group.id }, select: { id: true, groupId: true, title: true, text: true, layout: true, version: true } })
  const passages: CitedPassage[] = []
  for (const source of sources) {
    const ctx = await readerContext(actor!.id, { ...access, source })
    const blocks = blocksOf(source.text, StoredLayout.parse(source.layout))
    const rows = await db.highlight.findMany({
      where: { sourceId: source.id, ...(ids ? { id: { in: ids } } : {}) },
      orderBy: { start: 'asc' },
      select: { id: true, authorId: true, visibility: true, exact: true, tag: true, start: true, anchorStatus: true, author: { select: { name: true } } },
    })
    for (const h of rows) {
      if (!canSeeHighlight(ctx, h)) continue
      passages.push({
        highlightId: h.id,
        sourceId: source.id,
        sourceTitle: source.title,
        paragraph: h.anchorStatus === 'ORPHANED' ? null : (blockAt(blocks, h.start)?.number ?? null),
        ...pageOf(h.anchorStatus === 'ORPHANED' ? undefined : blockAt(blocks, h.start)),
        exact: h.exact,
        tag: h.tag,
        anchorStatus: h.anchorStatus,
        authorName: h.author.name,
      })
    }
  }
  return passages
}

/** The page of the original a cited paragraph starts on, only where the source knows it (a PDF). */
const pageOf = (block: { page: number | null } | undefined) => (block?.page ? { page: block.page } : {})

export async function getMapForEditor(actor: Actor, mapId: unknown) {
  const access = await authorizeOnMap(actor, mapId, 'read')
  const state = await loadMapState(access.map.id)
  const cited = await citablePassages(actor, access.map.groupId, state.nodes.flatMap((n) => (n.highlightId ? [n.highlightId] : [])))
  const owner = access.map.ownerId ? await db.user.findUnique({ where: { id: access.map.ownerId }, select: { name: true } }) : null
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
  const rows = await db.mapOperation.findMany({ where: { mapId: access.map.id, seq: { lte: seq } }, orderBy: { seq: 'asc' }, select: { payload: true } })
  return replay(rows.map((row) => row.payload as Operation))
}
