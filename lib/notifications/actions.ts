'use server'
// Server actions for the inbox: add the session user, return a Result.
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import { markNotificationsRead } from './mutations'
import { unreadCount } from './queries'

export async function unreadCountAction(): Promise<Result<number>> {
  return attempt(async () => unreadCount(await getCurrentUser()))
}

export async function markNotificationsReadAction(input: unknown): Promise<Result<{ unread: number }>> {
  return attempt(async () => markNotificationsRead(await getCurrentUser(), input))
}
