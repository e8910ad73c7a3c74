// Who is told of what, written in the transaction of the change that caused it: replies (the
// highlight's author and everyone who replied before), @mentions in notes and replies, feedback on
// a personal map and its reopening (its owner), an assignment due within a day (its students who
// have not finished it, told once, by the reminder schedule in lib/assignments/reminders.ts). Nobody is told of a highlight they could not open,
// and each person told gets a live event only they receive.
import type { Prisma } from '@/lib/generated/prisma/client'
import type { NotificationKind } from '@/lib/generated/prisma/enums'
import { notePlainText } from '@/lib/annotations/note-text'
import type { NoteDoc } from '@/lib/annotations/note'
import { standingOf } from '@/lib/permissions'
import { canSeeHighlight, readFirstApplies } from '@/lib/permissions/visibility'
import { publishInTransaction } from '@/lib/realtime/publish'
import { mentionedMembers } from './mentions'

type Tx = Prisma.TransactionClient

interface HighlightRef {
  id: string
  sourceId: string
  authorId: string
  visibility: 'GROUP' | 'PRIVATE'
}

async function tell(
  tx: Tx,
  groupId: string,
  entries: {
    userId: string
    kind: NotificationKind
    actorId?: string
    highlightId?: string
    replyId?: string
    mapId?: string
    assignmentId?: string
  }[],
) {
  if (entries.length === 0) return
  await tx.notification.createMany({ data: entries.map((entry) => ({ ...entry, groupId })) })
  for (const userId of new Set(entries.map((entry) => entry.userId))) {
    await publishInTransaction(tx, groupId, { type: 'notification.created', audience: { rule: 'person', userId } })
  }
}

/** Of these people, those who may open the highlight now (its privacy, their role, read first). */
async function whoSees(tx: Tx, groupId: string, highlight: HighlightRef, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return []
  const [group, members, unlocked] = await Promise.all([
    tx.group.findUniqueOrThrow({ where: { id: groupId }, select: { readFirst: true } }),
    tx.membership.findMany({ where: { groupId, userId: { in: userIds } }, select: { userId: true, role: true } }),
    tx.highlight.groupBy({ by: ['authorId'], where: { sourceId: highlight.sourceId, authorId: { in: userIds } } }),
  ])
  const hasOwn = new Set(unlocked.map((row) => row.authorId))
  return members
    .filter((m) => {
      const standing = standingOf(m.userId, m.role)
      const locked = readFirstApplies(standing, group.readFirst) && !hasOwn.has(m.userId)
      return canSeeHighlight({ viewerId: m.userId, standing, lockedByReadFirst: locked }, highlight)
    })
    .map((m) => m.userId)
}

async function membersOf(tx: Tx, groupId: string) {
  const rows = await tx.membership.findMany({
    where: { groupId },
    select: { user: { select: { id: true, name: true } } },
  })
  return rows.map((row) => row.user)
}

/** A reply was written: its highlight's author and earlier repliers, and whoever it mentions. */
export async function notifyReply(
  tx: Tx,
  groupId: string,
  actorId: string,
  highlight: HighlightRef,
  reply: { id: string; body: NoteDoc },
) {
  const mentioned = mentionedMembers(notePlainText(reply.body), await membersOf(tx, groupId)).filter(
    (id) => id !== actorId,
  )
  const earlier = await tx.reply.findMany({
    where: { highlightId: highlight.id, id: { not: reply.id } },
    select: { authorId: true },
    distinct: ['authorId'],
  })
  const thread = [highlight.authorId, ...earlier.map((r) => r.authorId)].filter(
    (id) => id !== actorId && !mentioned.includes(id),
  )
  const seeing = new Set(await whoSees(tx, groupId, highlight, [...new Set([...mentioned, ...thread])]))
  await tell(tx, groupId, [
    ...mentioned
      .filter((id) => seeing.has(id))
      .map((userId) => ({ userId, kind: 'MENTION' as const, actorId, highlightId: highlight.id, replyId: reply.id })),
    ...[...new Set(thread)]
      .filter((id) => seeing.has(id))
      .map((userId) => ({ userId, kind: 'REPLY' as const, actorId, highlightId: highlight.id, replyId: reply.id })),
  ])
}

/** A highlight's note was written or changed: those it newly mentions. */
export async function notifyNoteMentions(
  tx: Tx,
  groupId: string,
  actorId: string,
  highlight: HighlightRef,
  note: NoteDoc | null,
  before: NoteDoc | null = null,
) {
  const members = await membersOf(tx, groupId)
  const already = new Set(mentionedMembers(notePlainText(before), members))
  const mentioned = mentionedMembers(notePlainText(note), members).filter((id) => id !== actorId && !already.has(id))
  const seeing = await whoSees(tx, groupId, highlight, mentioned)
  await tell(
    tx,
    groupId,
    seeing.map((userId) => ({ userId, kind: 'MENTION' as const, actorId, highlightId: highlight.id })),
  )
}

/** Feedback on a map, or the map reopened: its owner, when it has one other than the actor. */
export async function notifyMapOwner(
  tx: Tx,
  kind: 'FEEDBACK' | 'MAP_REOPENED',
  actorId: string,
  map: { id: string; groupId: string; ownerId: string | null },
) {
  if (!map.ownerId || map.ownerId === actorId) return
  const member = await tx.membership.findUnique({
    where: { groupId_userId: { groupId: map.groupId, userId: map.ownerId } },
    select: { id: true },
  })
  if (!member) return
  await tell(tx, map.groupId, [{ userId: map.ownerId, kind, actorId, mapId: map.id }])
}

/** An assignment is due within a day: these students, who have not finished it yet. */
export async function notifyAssignmentDue(tx: Tx, assignment: { id: string; groupId: string }, userIds: string[]) {
  await tell(
    tx,
    assignment.groupId,
    userIds.map((userId) => ({ userId, kind: 'ASSIGNMENT_DUE' as const, assignmentId: assignment.id })),
  )
}
