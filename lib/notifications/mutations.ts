// Marking inbox entries read: one, or all of them. Only ever the person's own.
import { db } from '@/lib/db'
import { NotFound, Unauthenticated } from '@/lib/errors'
import type { Actor } from '@/lib/groups/access'
import { unreadCount } from './queries'
import { MarkRead } from './schema'

export const NOTIFICATION_NOT_FOUND = 'This notification does not exist.'

export async function markNotificationsRead(actor: Actor, input: unknown): Promise<{ unread: number }> {
  const data = MarkRead.parse(input)
  if (!actor) throw new Unauthenticated()
  if (data.all) {
    await db.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } })
  } else {
    // Someone else's entry answers exactly as a missing one.
    const { count } = await db.notification.updateMany({ where: { id: data.notificationId!, userId: actor.id }, data: { readAt: new Date() } })
    if (count === 0) throw new NotFound(NOTIFICATION_NOT_FOUND)
  }
  return { unread: await unreadCount(actor) }
}
