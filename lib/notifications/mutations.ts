// Marking inbox entries read (one, or all of them; only ever the person's own), and how often
// the person is emailed a digest of them.
import { db } from '@/lib/db'
import { Invalid, NotFound, Unauthenticated } from '@/lib/errors'
import type { DigestFrequency } from '@/lib/generated/prisma/enums'
import type { Actor } from '@/lib/groups/access'
import { unreadCount } from './queries'
import { accountOfToken } from './digest/unsubscribe'
import { DigestSetting, MarkRead, Unsubscribe } from './schema'

export const NOTIFICATION_NOT_FOUND = 'This notification does not exist.'

export async function markNotificationsRead(actor: Actor, input: unknown): Promise<{ unread: number }> {
  const data = MarkRead.parse(input)
  if (!actor) throw new Unauthenticated()
  if (data.all) {
    await db.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } })
  } else {
    // Someone else's entry answers exactly as a missing one.
    const { count } = await db.notification.updateMany({
      where: { id: data.notificationId!, userId: actor.id },
      data: { readAt: new Date() },
    })
    if (count === 0) throw new NotFound(NOTIFICATION_NOT_FOUND)
  }
  return { unread: await unreadCount(actor) }
}

export const UNSUBSCRIBE_INVALID = 'This unsubscribe link is not valid. Sign in and change the setting in your inbox.'

/** How often the person is emailed a digest of their unread notifications. */
export async function setDigestFrequency(actor: Actor, input: unknown): Promise<{ digest: DigestFrequency }> {
  const data = DigestSetting.parse(input)
  if (!actor) throw new Unauthenticated()
  await db.user.update({ where: { id: actor.id }, data: { digest: data.digest } })
  return data
}

/** The link in a digest: turns digests off for the account it was made for, without signing in. */
export async function unsubscribeFromDigests(input: unknown): Promise<void> {
  const data = Unsubscribe.parse(input)
  const userId = accountOfToken(data.token)
  if (!userId) throw new Invalid(UNSUBSCRIBE_INVALID)
  await db.user.updateMany({ where: { id: userId }, data: { digest: 'OFF' } })
}
