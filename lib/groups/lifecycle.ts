// The end of a membership or of a whole group: a member leaves or is removed (endMembership), an
// instructor archives the group (read-only for everyone, until unarchived) or deletes it with
// everything in it. Leaving, removal and deletion close the live streams of those no longer in it.
import { db } from '@/lib/db'
import { Conflict, Invalid, NotFound } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'
import { publishTransient } from '@/lib/realtime/publish'
import { authorizeInGroup, type Actor } from './access'
import { DeleteGroup, GroupRef, SetArchived } from './schema'

export const LAST_INSTRUCTOR = 'A group needs at least one instructor; add another before the last one leaves.'

type Tx = Prisma.TransactionClient

/**
 * Ends one membership inside the caller's transaction, whoever ends it (the member leaving, an
 * instructor removing them). The group's row is locked first, so two instructors leaving or
 * removing each other cannot both pass the "last instructor" check; the person's open live
 * streams of the group close at commit. What they wrote stays with the seminar (classmates'
 * threads and maps cite it).
 */
export async function endMembership(
  tx: Tx,
  groupId: string,
  userId: string,
  refusals: { notMember: string; lastInstructor: string },
): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId} FOR UPDATE`
  const member = await tx.membership.findUnique({
    where: { groupId_userId: { groupId, userId } },
    select: { id: true, role: true },
  })
  if (!member) throw new NotFound(refusals.notMember)
  if (member.role === 'INSTRUCTOR' && (await tx.membership.count({ where: { groupId, role: 'INSTRUCTOR' } })) <= 1)
    throw new Conflict(refusals.lastInstructor)
  await tx.membership.delete({ where: { id: member.id } })
  // Sent at commit, like every notice.
  await publishTransient(tx, groupId, { type: 'member.removed', userId })
}

/**
 * Leaves a group: the membership ends as when an instructor removes a member, but the join code
 * stays. Removal changes it to keep the removed person out; one who left by choice may join again
 * with the current code, and the students still to join keep the code they were given.
 */
export async function leaveGroup(actor: Actor, input: unknown): Promise<void> {
  const { groupId } = GroupRef.parse(input)
  await authorizeInGroup(actor, groupId, 'group:leave')
  await db.$transaction((tx) =>
    endMembership(tx, groupId, actor!.id, {
      notMember: 'You are no longer a member of this group.',
      lastInstructor: LAST_INSTRUCTOR,
    }),
  )
}

/**
 * Archives a group (what it allows then is decided in lib/permissions.ts: reading, exporting,
 * leaving, unarchiving, deleting) or unarchives it. Archiving again keeps the first date.
 */
export async function setGroupArchived(actor: Actor, input: unknown): Promise<{ archivedAt: Date | null }> {
  const { groupId, archived } = SetArchived.parse(input)
  const access = await authorizeInGroup(actor, groupId, 'group:setArchived')
  const archivedAt = archived ? (access.group.archivedAt ?? new Date()) : null
  const { count } = await db.group.updateMany({ where: { id: access.group.id }, data: { archivedAt } })
  if (count === 0) throw new NotFound('This group does not exist.')
  return { archivedAt }
}

/**
 * Deletes a group and everything in it (sources and their revisions, highlights, replies, maps
 * with their history, feedback, live events), for real: the rows go, nothing is kept aside. The
 * instructor confirms by typing the group's name.
 */
export async function deleteGroup(actor: Actor, input: unknown): Promise<{ name: string }> {
  const { groupId, confirmName } = DeleteGroup.parse(input)
  const access = await authorizeInGroup(actor, groupId, 'group:delete')
  if (confirmName.normalize('NFC') !== access.group.name.normalize('NFC')) {
    throw new Invalid(`Type the group’s name, “${access.group.name}”, to delete it.`, {
      confirmName: 'This is not the group’s name.',
    })
  }
  return db.$transaction(async (tx) => {
    const members = await tx.membership.findMany({ where: { groupId }, select: { userId: true } })
    const { count } = await tx.group.deleteMany({ where: { id: groupId } })
    if (count === 0) throw new NotFound('This group does not exist.')
    for (const { userId } of members) await publishTransient(tx, groupId, { type: 'member.removed', userId })
    return { name: access.group.name }
  })
}
