// Deleting one's own account and everything personal in it: highlights with their notes and
// threads, replies, personal maps with their feedback, memberships, sessions. What they gave the
// seminar stays with it, under "Former member": the sources an instructor added, the feedback
// they wrote on students' maps, their share of the group maps (whose history must still replay,
// so the account's row remains, with no name, email or password). The only instructor of a
// group deletes the group first. The password proves it is them, throttled like a sign-in.
import { proveCurrentPassword } from '@/lib/auth/credentials'
import { Conflict } from '@/lib/errors'
import { unciteHighlight } from '@/lib/maps/operations'
import type { LiveEvent } from '@/lib/realtime/events'
import { publishInTransaction, publishTransient, transactionWithEvents } from '@/lib/realtime/publish'
import { highlightAudience } from '@/lib/permissions/visibility'
import { DeleteAccount } from './schema'

export const FORMER_MEMBER = 'Former member'
/** Not a hash of anything: no password verifies against it. */
export const DELETED_ACCOUNT_PASSWORD = '!deleted-account'

interface Dropped {
  id: string
  sourceId: string
  groupId: string
  authorId: string
  visibility: 'GROUP' | 'PRIVATE'
}

/**
 * The live events that make open readers re-read what changed: one per source and audience, not
 * one per highlight. A private highlight's event goes only to those who could see it (its
 * author, the instructors), so a classmate learns nothing of it, not even its id.
 */
export function droppedHighlightEvents(dropped: Dropped[]): { groupId: string; event: LiveEvent }[] {
  const events = new Map<string, { groupId: string; event: LiveEvent }>()
  for (const h of dropped) {
    const audience = highlightAudience(h.authorId, h.visibility)
    const key = `${h.sourceId}\u0000${h.visibility === 'PRIVATE' ? h.authorId : ''}`
    if (!events.has(key))
      events.set(key, {
        groupId: h.groupId,
        event: { type: 'highlight.changed', sourceId: h.sourceId, highlightId: h.id, audience },
      })
  }
  return [...events.values()]
}

export async function deleteAccount(
  user: { id: string; email: string },
  input: unknown,
  address: string,
): Promise<void> {
  const data = DeleteAccount.parse(input)
  await proveCurrentPassword(user, data.password, address, 'password')
  await transactionWithEvents(
    async (tx) => {
      const memberships = await tx.membership.findMany({
        where: { userId: user.id },
        select: { groupId: true, role: true, group: { select: { name: true } } },
      })
      // Locked as leaving and removing lock them, so no group is left without an instructor.
      for (const { groupId } of memberships) await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId} FOR UPDATE`
      const alone: string[] = []
      for (const m of memberships)
        if (
          m.role === 'INSTRUCTOR' &&
          (await tx.membership.count({ where: { groupId: m.groupId, role: 'INSTRUCTOR' } })) <= 1
        )
          alone.push(m.group.name)
      if (alone.length > 0) {
        const names = alone.map((name) => `“${name}”`).join(', ')
        throw new Conflict(
          `You are the only instructor of ${names}. Delete ${alone.length === 1 ? 'that group' : 'those groups'} on ${alone.length === 1 ? 'its' : 'their'} page first, then your account.`,
        )
      }
      await tx.argumentMap.deleteMany({ where: { ownerId: user.id } })
      const highlights = await tx.highlight.findMany({
        where: { authorId: user.id },
        select: { id: true, sourceId: true, authorId: true, visibility: true, source: { select: { groupId: true } } },
      })
      // Threads on others' highlights lose this person's replies.
      const repliedOn = await tx.highlight.findMany({
        where: { authorId: { not: user.id }, replies: { some: { authorId: user.id } } },
        select: { id: true, sourceId: true, authorId: true, visibility: true, source: { select: { groupId: true } } },
      })
      // Nodes of others' maps citing them keep their text, through their maps' logs.
      for (const h of highlights) await unciteHighlight(tx, h.id, user.id)
      await tx.highlight.deleteMany({ where: { authorId: user.id } })
      await tx.reply.deleteMany({ where: { authorId: user.id } })
      await tx.membership.deleteMany({ where: { userId: user.id } })
      await tx.readerPresence.deleteMany({ where: { userId: user.id } })
      await tx.authSession.deleteMany({ where: { userId: user.id } })
      await tx.user.update({
        where: { id: user.id },
        data: { name: FORMER_MEMBER, email: `${user.id}@deleted.invalid`, passwordHash: DELETED_ACCOUNT_PASSWORD },
      })
      // Open readers drop the highlights and replies now; the person's own streams close.
      const dropped = [...highlights, ...repliedOn].map((h) => ({ ...h, groupId: h.source.groupId }))
      for (const { groupId, event } of droppedHighlightEvents(dropped)) await publishInTransaction(tx, groupId, event)
      for (const { groupId } of memberships)
        await publishTransient(tx, groupId, { type: 'member.removed', userId: user.id })
    },
    { timeout: 30_000 },
  )
}
