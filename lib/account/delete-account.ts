// Deleting one's own account and everything personal in it: highlights with their notes and
// threads, replies, personal maps with their feedback, memberships, sessions. What they gave the
// seminar stays with it, under "Former member": the sources an instructor added, the feedback
// they wrote on students' maps, their share of the group maps (whose history must still replay,
// so the account's row remains, with no name, email or password). The only instructor of a
// group deletes the group first. The password proves it is them, throttled like a sign-in.
import { WRONG_CURRENT_PASSWORD } from '@/lib/auth/credentials'
import { verifyPassword } from '@/lib/auth/password'
import { beginSignIn } from '@/lib/auth/throttle'
import { db } from '@/lib/db'
import { Conflict, Invalid } from '@/lib/errors'
import { unciteHighlight } from '@/lib/maps/operations'
import { publishInTransaction, publishTransient } from '@/lib/realtime/publish'
import { DeleteAccount } from './schema'

export const FORMER_MEMBER = 'Former member'
/** Not a hash of anything: no password verifies against it. */
export const DELETED_ACCOUNT_PASSWORD = '!deleted-account'

async function provePassword(user: { id: string; email: string }, password: string, address: string) {
  const attempt = await beginSignIn(user.email, address)
  let valid: boolean
  try {
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })
    valid = await verifyPassword(passwordHash, password, address)
  } catch (error) {
    await attempt.abandoned().catch(() => {})
    throw error
  }
  if (!valid) {
    await attempt.failed()
    throw new Invalid(WRONG_CURRENT_PASSWORD, { password: WRONG_CURRENT_PASSWORD })
  }
  await attempt.succeeded()
}

export async function deleteAccount(user: { id: string; email: string }, input: unknown, address: string): Promise<void> {
  const data = DeleteAccount.parse(input)
  await provePassword(user, data.password, address)
  await db.$transaction(
    async (tx) => {
      const memberships = await tx.membership.findMany({ where: { userId: user.id }, select: { groupId: true, role: true, group: { select: { name: true } } } })
      // Locked as leaving and removing lock them, so no group is left without an instructor.
      for (const { groupId } of memberships) await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId} FOR UPDATE`
      const alone: string[] = []
      for (const m of memberships) if (m.role === 'INSTRUCTOR' && (await tx.membership.count({ where: { groupId: m.groupId, role: 'INSTRUCTOR' } })) <= 1) alone.push(m.group.name)
      if (alone.length > 0) {
        const names = alone.map((name) => `“${name}”`).join(', ')
        throw new Conflict(`You are the only instructor of ${names}. Delete ${alone.length === 1 ? 'that group' : 'those groups'} on ${alone.length === 1 ? 'its' : 'their'} page first, then your account.`)
      }
      await tx.argumentMap.deleteMany({ where: { ownerId: user.id } })
      const highlights = await tx.highlight.findMany({ where: { authorId: user.id }, select: { id: true, sourceId: true, visibility: true, source: { select: { groupId: true } } } })
      // Nodes of others' maps citing them keep their text, through their maps' logs.
      for (const h of highlights) await unciteHighlight(tx, h.id, user.id)
      await tx.highlight.deleteMany({ where: { authorId: user.id } })
      await tx.reply.deleteMany({ where: { authorId: user.id } })
      await tx.membership.deleteMany({ where: { userId: user.id } })
      await tx.readerPresence.deleteMany({ where: { userId: user.id } })
      await tx.authSession.deleteMany({ where: { userId: user.id } })
      await tx.user.update({ where: { id: user.id }, data: { name: FORMER_MEMBER, email: `${user.id}@deleted.invalid`, passwordHash: DELETED_ACCOUNT_PASSWORD } })
      // Classmates' readers drop the shared highlights now; the person's own streams close.
      for (const h of highlights) {
        if (h.visibility === 'GROUP') await publishInTransaction(tx, h.source.groupId, { type: 'highlight.changed', sourceId: h.sourceId, highlightId: h.id })
      }
      for (const { groupId } of memberships) await publishTransient(tx, groupId, { type: 'member.removed', userId: user.id })
    },
    { timeout: 30_000 },
  )
}
