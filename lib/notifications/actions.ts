'use server'
// Server actions for the inbox and its email digests: add the session user, return a Result.
import type { z } from 'zod'
import { getCurrentUser } from '@/lib/auth/session'
import { attempt, type Result } from '@/lib/errors'
import type { DigestFrequency } from '@/lib/generated/prisma/enums'
import { markNotificationsRead, setDigestFrequency, unsubscribeFromDigests } from './mutations'
import { unreadCount } from './queries'
import type { DigestSetting, MarkRead, Unsubscribe } from './schema'

export async function unreadCountAction(): Promise<Result<number>> {
  return attempt(async () => unreadCount(await getCurrentUser()))
}

export async function markNotificationsReadAction(
  input: z.input<typeof MarkRead>,
): Promise<Result<{ unread: number }>> {
  return attempt(async () => markNotificationsRead(await getCurrentUser(), input))
}

export async function setDigestFrequencyAction(
  input: z.input<typeof DigestSetting>,
): Promise<Result<{ digest: DigestFrequency }>> {
  return attempt(async () => setDigestFrequency(await getCurrentUser(), input))
}

export async function unsubscribeAction(input: z.input<typeof Unsubscribe>): Promise<Result<void>> {
  return attempt(async () => unsubscribeFromDigests(input))
}
