'use server'
// Server actions for the inbox and its email digests: add the session user, return a Result.
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import type { DigestFrequency } from '@/lib/generated/prisma/enums'
import { markNotificationsRead, setDigestFrequency, unsubscribeFromDigests } from './mutations'
import { unreadCount } from './queries'

export async function unreadCountAction(): Promise<Result<number>> {
  return attempt(async () => unreadCount(await getCurrentUser()))
}

export async function markNotificationsReadAction(input: unknown): Promise<Result<{ unread: number }>> {
  return attempt(async () => markNotificationsRead(await getCurrentUser(), input))
}

export async function setDigestFrequencyAction(input: unknown): Promise<Result<{ digest: DigestFrequency }>> {
  return attempt(async () => setDigestFrequency(await getCurrentUser(), input))
}

export async function unsubscribeAction(input: unknown): Promise<Result<void>> {
  return attempt(async () => unsubscribeFromDigests(input))
}
