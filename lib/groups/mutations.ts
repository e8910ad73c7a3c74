// Group mutations: parse, authorize, change in one transaction.
import { db } from '@/lib/db'
import { Invalid, Unauthenticated } from '@/lib/errors'
import { authorizeJoin } from '@/lib/permissions'
import { authorizeInGroup, type Actor } from './access'
import { endMembership } from './lifecycle'
import { joinCodeExpiry, newJoinCode } from './join-code'
import { CreateGroup, GroupRef, GroupSettings, GroupTimeZone, JoinGroup, RemoveMember } from './schema'

function signedIn(actor: Actor): { id: string } {
  if (!actor) throw new Unauthenticated()
  return actor
}

export async function createGroup(actor: Actor, input: unknown): Promise<{ id: string }> {
  const user = signedIn(actor)
  const data = CreateGroup.parse(input)
  return db.group.create({
    data: {
      name: data.name,
      description: data.description,
      timeZone: data.timeZone ?? 'UTC',
      joinCode: newJoinCode(),
      joinCodeExpiresAt: joinCodeExpiry(),
      createdById: user.id,
      memberships: { create: { userId: user.id, role: 'INSTRUCTOR' } },
    },
    select: { id: true },
  })
}

export async function joinGroupByCode(
  actor: Actor,
  input: unknown,
): Promise<{ groupId: string; alreadyMember: boolean }> {
  const user = signedIn(actor)
  const { code } = JoinGroup.parse(input)
  const group = await db.group.findUnique({
    where: { joinCode: code },
    select: { id: true, joinCodeExpiresAt: true, archivedAt: true },
  })
  if (!group)
    throw new Invalid('No group has this join code. Check it with your instructor.', { code: 'Unknown join code.' })
  if (group.joinCodeExpiresAt < new Date()) {
    throw new Invalid('This join code has expired. Ask your instructor for a new one.', { code: 'Expired join code.' })
  }
  const existing = await db.membership.findUnique({ where: { groupId_userId: { groupId: group.id, userId: user.id } } })
  if (existing) return { groupId: group.id, alreadyMember: true }
  authorizeJoin({ archived: group.archivedAt !== null })
  try {
    await db.membership.create({ data: { groupId: group.id, userId: user.id, role: 'STUDENT' } })
  } catch (error) {
    // A double submit: the other request made the membership.
    if ((error as { code?: string }).code === 'P2002') return { groupId: group.id, alreadyMember: true }
    throw error
  }
  return { groupId: group.id, alreadyMember: false }
}

export async function rotateJoinCode(actor: Actor, input: unknown): Promise<{ joinCode: string }> {
  const { groupId } = GroupRef.parse(input)
  await authorizeInGroup(actor, groupId, 'joinCode:rotate')
  return db.group.update({
    where: { id: groupId },
    data: { joinCode: newJoinCode(), joinCodeExpiresAt: joinCodeExpiry() },
    select: { joinCode: true },
  })
}

/**
 * Removes a member. The join code they know is replaced, so they cannot simply join again (the
 * instructor shares the new one with anyone still to join), and their open live streams of the
 * group close at once.
 */
export async function removeMember(actor: Actor, input: unknown): Promise<{ joinCode: string }> {
  const { groupId, userId } = RemoveMember.parse(input)
  await authorizeInGroup(actor, groupId, 'member:remove')
  return db.$transaction(async (tx) => {
    await endMembership(tx, groupId, userId, {
      notMember: 'That person is not a member of this group.',
      lastInstructor: 'A group needs at least one instructor; add another before removing this one.',
    })
    return tx.group.update({
      where: { id: groupId },
      data: { joinCode: newJoinCode(), joinCodeExpiresAt: joinCodeExpiry() },
      select: { joinCode: true },
    })
  })
}

/** "Read first": students see classmates' highlights on a source only after making their own. */
export async function updateGroupSettings(actor: Actor, input: unknown): Promise<void> {
  const { groupId, readFirst } = GroupSettings.parse(input)
  await authorizeInGroup(actor, groupId, 'group:manage')
  await db.group.update({ where: { id: groupId }, data: { readFirst } })
}

/**
 * The zone the group's dates are entered and shown in. Dates already set keep their instant: an
 * assignment due at 17:00 in London reads 02:00 the next day once the group moves to Tokyo.
 */
export async function setGroupTimeZone(actor: Actor, input: unknown): Promise<void> {
  const { groupId, timeZone } = GroupTimeZone.parse(input)
  await authorizeInGroup(actor, groupId, 'group:manage')
  await db.group.update({ where: { id: groupId }, data: { timeZone } })
}
