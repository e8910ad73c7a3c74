// A person's inbox: newest first, each entry a sentence, the passage or map it is about, and a
// link. What it shows is read now, through the usual rules: an entry about a highlight that has
// since turned private, or from a group the person has left, is not shown.
import { db } from '@/lib/db'
import { smtpUrl } from '@/lib/env'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { DigestFrequency } from '@/lib/generated/prisma/enums'
import { Unauthenticated } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { standingOf } from '@/lib/permissions'
import { canSeeHighlight, canSeeMap } from '@/lib/permissions/visibility'
import { notePlainText } from '@/lib/annotations/note-text'
import type { NoteDoc } from '@/lib/annotations/note'
import { formatInZone } from '@/lib/assignments/time-zone'

export const INBOX_SIZE = 50
const EXCERPT_CHARS = 140

export interface NotificationView {
  id: string
  kind: 'REPLY' | 'MENTION' | 'FEEDBACK' | 'MAP_REOPENED' | 'ASSIGNMENT_DUE'
  read: boolean
  createdAt: string
  groupName: string
  sentence: string
  excerpt: string | null
  href: string
}

const cut = (text: string) => (text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS - 1)}…` : text)

function sentenceOf(
  kind: NotificationView['kind'],
  actor: string,
  onReply: boolean,
  mapTitle: string | null,
  assignment: { title: string; dueAt: Date; timeZone: string } | null,
): string {
  if (kind === 'ASSIGNMENT_DUE')
    return assignment
      ? `“${assignment.title}” is due within a day: ${formatInZone(assignment.dueAt, assignment.timeZone)}`
      : 'An assignment is due within a day'
  if (kind === 'REPLY') return `${actor} replied in a thread you are part of`
  if (kind === 'MENTION') return `${actor} mentioned you in ${onReply ? 'a reply' : 'a note'}`
  if (kind === 'FEEDBACK') return `${actor} left feedback on your map “${mapTitle ?? ''}”`
  return `${actor} reopened your map “${mapTitle ?? ''}” for more work`
}

/**
 * The person's entries that `where` selects, newest first, as they may see them now: entries of
 * groups they have left, or about a highlight or map they can no longer open, are left out. The
 * inbox and the email digest both read through here.
 */
export async function visibleEntries(
  userId: string,
  where: Prisma.NotificationWhereInput,
  take: number,
): Promise<NotificationView[]> {
  const rows = await db.notification.findMany({
    where: { ...where, userId, group: { memberships: { some: { userId } } } },
    orderBy: { createdAt: 'desc' },
    take,
    include: {
      group: {
        select: { id: true, name: true, timeZone: true, memberships: { where: { userId }, select: { role: true } } },
      },
      actor: { select: { name: true } },
      highlight: { select: { id: true, sourceId: true, authorId: true, visibility: true, exact: true } },
      reply: { select: { body: true } },
      map: { select: { id: true, title: true, kind: true, ownerId: true } },
      assignment: { select: { id: true, title: true, dueAt: true } },
    },
  })
  return rows.flatMap((row): NotificationView[] => {
    const viewer = { id: userId, standing: standingOf(userId, row.group.memberships[0]?.role ?? null) }
    if (
      row.highlight &&
      !canSeeHighlight({ viewerId: userId, standing: viewer.standing, lockedByReadFirst: false }, row.highlight)
    )
      return []
    if (row.map && !canSeeMap(viewer, row.map)) return []
    const base = `/groups/${row.group.id}`
    const href = row.highlight
      ? `${base}/sources/${row.highlight.sourceId}?highlight=${row.highlight.id}`
      : row.map
        ? `${base}/maps/${row.map.id}`
        : row.assignment
          ? `${base}#assignment-${row.assignment.id}`
          : base
    const excerpt = row.reply ? notePlainText(row.reply.body as NoteDoc) : (row.highlight?.exact ?? null)
    return [
      {
        id: row.id,
        kind: row.kind,
        read: row.readAt !== null,
        createdAt: row.createdAt.toISOString(),
        groupName: row.group.name,
        sentence: sentenceOf(
          row.kind,
          row.actor?.name ?? 'A former member',
          row.reply !== null,
          row.map?.title ?? null,
          row.assignment && { ...row.assignment, timeZone: row.group.timeZone },
        ),
        excerpt: excerpt ? cut(excerpt) : null,
        href,
      },
    ]
  })
}

export async function listInbox(actor: Actor): Promise<{ notifications: NotificationView[]; unread: number }> {
  if (!actor) throw new Unauthenticated()
  return { notifications: await visibleEntries(actor.id, {}, INBOX_SIZE), unread: await unreadCount(actor) }
}

/** Unread entries of groups the person still belongs to. */
export async function unreadCount(actor: Actor): Promise<number> {
  if (!actor) throw new Unauthenticated()
  return db.notification.count({
    where: { userId: actor.id, readAt: null, group: { memberships: { some: { userId: actor.id } } } },
  })
}

/** The person's digest setting, and whether this app can send email at all. */
export async function digestSettingOf(
  actor: Actor,
): Promise<{ digest: DigestFrequency; email: string; emailConfigured: boolean }> {
  if (!actor) throw new Unauthenticated()
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { digest: true, email: true } })
  return { ...user, emailConfigured: smtpUrl() !== undefined }
}
