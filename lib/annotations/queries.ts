// Reads of a source's highlights, filtered to what the reader may see.
import { db } from '@/lib/db'
import type { Actor, GroupAccess } from '@/lib/groups/access'
import { can } from '@/lib/permissions'
import { canSeeHighlight, canSeeMap, readFirstApplies, visibleHighlightsWhere } from '@/lib/permissions/visibility'
import { authorizeOnSource } from '@/lib/sources/access'
import type { NoteDoc } from './note'
import type { HighlightChanges, HighlightView, ReaderHighlights } from './views'
import { ChangedHighlights } from './schema'
import { readerContext } from './reader-context'

const HIGHLIGHT_ORDER = [{ start: 'asc' as const }, { end: 'desc' as const }, { createdAt: 'asc' as const }]
const HIGHLIGHT_INCLUDE = {
  author: { select: { id: true, name: true } },
  replies: { orderBy: { createdAt: 'asc' as const }, include: { author: { select: { id: true, name: true } } } },
  mapNodes: { select: { map: { select: { id: true, title: true, kind: true, ownerId: true } } } },
}

export async function listSourceHighlights(actor: Actor, sourceId: unknown): Promise<ReaderHighlights> {
  return readHighlights(actor, sourceId)
}

export async function readHighlightChanges(actor: Actor, input: unknown): Promise<HighlightChanges> {
  const { sourceId, highlightIds } = ChangedHighlights.parse(input)
  const { highlights, ...rest } = await readHighlights(actor, sourceId, highlightIds)
  const seen = new Set(highlights.map((h) => h.id))
  return { ...rest, changed: highlights, gone: highlightIds.filter((id) => !seen.has(id)) }
}

async function readHighlights(actor: Actor, sourceId: unknown, onlyIds?: string[]): Promise<ReaderHighlights> {
  const access = await authorizeOnSource(actor, sourceId, 'source:read')
  const viewerId = actor!.id
  const ctx = await readerContext(viewerId, access)
  const archived = access.archived
  const [rows, roles] = await Promise.all([
    db.highlight.findMany({
      where: { sourceId: access.source.id, ...(onlyIds ? { id: { in: onlyIds } } : {}) },
      orderBy: HIGHLIGHT_ORDER,
      include: HIGHLIGHT_INCLUDE,
    }),
    db.membership.findMany({ where: { groupId: access.group.id }, select: { userId: true, role: true } }),
  ])
  const roleOf = new Map(roles.map((m) => [m.userId, m.role]))
  const highlights = rows
    .filter((row) => canSeeHighlight(ctx, row))
    .map((row): HighlightView => {
      const isOwner = row.authorId === viewerId
      return {
        id: row.id,
        tag: row.tag,
        visibility: row.visibility,
        start: row.start,
        end: row.end,
        exact: row.exact,
        anchorStatus: row.anchorStatus,
        note: row.note as NoteDoc | null,
        author: { ...row.author, role: roleOf.get(row.authorId) ?? null },
        createdAt: row.createdAt.toISOString(),
        mine: isOwner,
        canEdit: can(access.standing, 'highlight:edit', { isOwner, archived }),
        canDelete: can(access.standing, 'highlight:delete', { isOwner, archived }),
        canConfirm: can(access.standing, 'highlight:confirm', { isOwner, archived }),
        maps: [...new Map(row.mapNodes.map(({ map }) => [map.id, map])).values()]
          .filter((map) => canSeeMap({ id: viewerId, standing: access.standing }, map))
          .map(({ id, title }) => ({ id, title })),
        replies: row.replies.map((reply) => {
          const ownsReply = reply.authorId === viewerId
          return {
            id: reply.id,
            author: reply.author,
            body: reply.body as NoteDoc,
            createdAt: reply.createdAt.toISOString(),
            updatedAt: reply.updatedAt.toISOString(),
            canEdit: can(access.standing, 'reply:edit', { isOwner: ownsReply, archived }),
            canDelete: can(access.standing, 'reply:delete', { isOwner: ownsReply, archived }),
          }
        }),
      }
    })
  return {
    highlights,
    lockedByReadFirst: ctx.lockedByReadFirst,
    sourceVersion: access.source.version,
    canHighlight: can(access.standing, 'highlight:create', { archived }),
    canReply: can(access.standing, 'reply:create', { archived }),
  }
}

/** How many highlights of each source the viewer can see: classmates' private ones and those "read first" still hides are not counted. */
export async function visibleHighlightCounts(
  viewerId: string,
  access: Pick<GroupAccess, 'standing' | 'group'>,
  sourceIds: string[],
): Promise<Map<string, number>> {
  // Where read-first still hides classmates' highlights, the viewer has none of their own: 0.
  const readFirst = readFirstApplies(access.standing, access.group.readFirst)
  const unlocked = readFirst
    ? new Set(
        (
          await db.highlight.groupBy({ by: ['sourceId'], where: { sourceId: { in: sourceIds }, authorId: viewerId } })
        ).map((row) => row.sourceId),
      )
    : null
  const counted = unlocked ? sourceIds.filter((id) => unlocked.has(id)) : sourceIds
  const viewer = { viewerId, standing: access.standing, lockedByReadFirst: false }
  const rows = await db.highlight.groupBy({
    by: ['sourceId'],
    where: { sourceId: { in: counted }, ...visibleHighlightsWhere(viewer) },
    _count: { _all: true },
  })
  const counts = new Map(rows.map((row) => [row.sourceId, row._count._all]))
  return new Map(sourceIds.map((id) => [id, counts.get(id) ?? 0]))
}
