// The end of a membership or of a whole group: a member leaves, an instructor archives the group
// (read-only for everyone, until unarchived) or deletes it with everything in it. Leaving and
// deleting close the live streams of those who are no longer in it.
import { db } from '@/lib/db'
import { Conflict, Invalid, NotFound } from '@/lib/errors'
import { publishTransient } from '@/lib/realtime/publish'
import { authorizeInGroup, type Actor } from './access'
import { DeleteGroup, GroupRef, SetArchived } from './schema'

export const LAST_INSTRUCTOR = 'A group needs at least one instructor; add another before the last one leaves.'

/**
 * Leaves a group. What the member wrote stays with the seminar (classmates' threads and maps cite
 * it), as when an instructor removes a member; they can join again with the current code.
 */
export async function leaveGroup(actor: Actor, input: unknown): Promise<void> {
  const { groupId } = GroupRef.parse(input)
  const access = await authorizeInGroup(actor, groupId, 'group:leave')
  await db.$transaction(async (tx) => {
    // The same lock as removeMember: the last two instructors cannot both leave.
    await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId} FOR UPDATE`
    if (access.role === 'INSTRUCTOR' && (await tx.membership.count({ where: { groupId, role: 'INSTRUCTOR' } })) <= 1) throw new Conflict(LAST_INSTRUCTOR)
    const { count } = await tx.membership.deleteMany({ where: { groupId, userId: actor!.id } })
    if (count === 0) throw new NotFound('You are no longer a member of this group.')
    await publishTransient(tx, groupId, { type: 'member.removed', userId: actor!.id })
  })
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
    throw new Invalid(`Type the group’s name, “${access.group.name}”, to delete it.`, { confirmName: 'This is not the group’s name.' })
  }
  return db.$transaction(async (tx) => {
    const members = await tx.membership.findMany({ where: { groupId }, select: { userId: true } })
    const { count } = await tx.group.deleteMany({ where: { id: groupId } })
    if (count === 0) throw new NotFound('This group does not exist.')
    for (const { userId } of members) await publishTransient(tx, groupId, { type: 'member.removed', userId })
    return { name: access.group.name }
  })
}
