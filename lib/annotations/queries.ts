// Reads of a source's highlights, filtered to what the reader may see.
import { db } from '@/lib/db'
import type { Actor } from '@/lib/groups/access'
import { mapAction } from '@/lib/maps/access'
import { can } from '@/lib/permissions'
import { authorizeOnSource } from '@/lib/sources/access'
import type { NoteDoc } from './note'
import { readerContext } from './reader-context'
import { canSeeHighlight } from './visibility'

export interface ReplyView {
  id: string
  author: { id: string; name: string }
  body: NoteDoc
  createdAt: string
  updatedAt: string
  canEdit: boolean
  canDelete: boolean
}

export interface HighlightView {
  id: string
  tag: 'CLAIM' | 'EVIDENCE' | 'BIAS'
  visibility: 'GROUP' | 'PRIVATE'
  start: number
  end: number
  exact: string
  anchorStatus: 'EXACT' | 'MOVED' | 'ORPHANED'
  note: NoteDoc | null
  author: { id: string; name: string; role: 'INSTRUCTOR' | 'STUDENT' | null }
  createdAt: string
  mine: boolean
  canEdit: boolean
  canDelete: boolean
  canConfirm: boolean
  replies: ReplyView[]
  /** Maps the viewer can open that cite this highlight. */
  maps: { id: string; title: string }[]
}

export interface ReaderHighlights {
  highlights: HighlightView[]
  lockedByReadFirst: boolean
  sourceVersion: number
}

export async function listSourceHighlights(actor: Actor, sourceId: unknown): Promise<ReaderHighlights> {
  const access = await authorizeOnSource(actor, sourceId, 'source:read')
  const viewerId = actor!.id
  const ctx = await readerContext(viewerId, access)
  const [rows, roles] = await Promise.all([
    db.highlight.findMany({
      where: { sourceId: access.source.id },
      orderBy: [{ start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }],
      include: {
        author: { select: { id: true, name: true } },
        replies: { orderBy: { createdAt: 'asc' }, include: { author: { select: { id: true, name: true } } } },
        mapNodes: { select: { map: { select: { id: true, title: true, kind: true, ownerId: true } } } },
      },
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
        canEdit: can(access.standing, 'highlight:edit', { isOwner }),
        canDelete: can(access.standing, 'highlight:delete', { isOwner }),
        canConfirm: can(access.standing, 'highlight:confirm', { isOwner }),
        maps: [...new Map(row.mapNodes.map(({ map }) => [map.id, map])).values()]
          .filter((map) => can(access.standing, mapAction(map.kind, 'read')!, { isOwner: map.ownerId === viewerId }))
          .map(({ id, title }) => ({ id, title })),
        replies: row.replies.map((reply) => {
          const ownsReply = reply.authorId === viewerId
          return {
            id: reply.id,
            author: reply.author,
            body: reply.body as NoteDoc,
            createdAt: reply.createdAt.toISOString(),
            updatedAt: reply.updatedAt.toISOString(),
            canEdit: can(access.standing, 'reply:edit', { isOwner: ownsReply }),
            canDelete: can(access.standing, 'reply:delete', { isOwner: ownsReply }),
          }
        }),
      }
    })
  return { highlights, lockedByReadFirst: ctx.lockedByReadFirst, sourceVersion: access.source.version }
}
