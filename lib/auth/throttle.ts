// Sign-in throttling: at most MAX_FAILURES failed attempts per email + address in WINDOW_MS.
// Kept in the database so every app instance sees the same count.
import type { Db } from '@/lib/db'
import { TooManyRequests } from '@/lib/errors'

export const MAX_FAILURES = 5
export const WINDOW_MS = 15 * 60 * 1000

type AttemptStore = Pick<Db, 'signInAttempt'>

export async function assertSignInAllowed(db: AttemptStore, email: string, ip: string, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS)
  const lastSuccess = await db.signInAttempt.findFirst({
    where: { email, ip, succeeded: true, createdAt: { gte: since } },
    orderBy: { createdAt: 'desc' },
  })
  const failures = await db.signInAttempt.findMany({
    where: { email, ip, succeeded: false, createdAt: { gte: lastSuccess?.createdAt ?? since } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  })
  if (failures.length < MAX_FAILURES) return
  const oldest = failures[failures.length - MAX_FAILURES]!.createdAt
  const minutes = Math.max(1, Math.ceil((oldest.getTime() + WINDOW_MS - now.getTime()) / 60_000))
  throw new TooManyRequests(
    `Too many failed sign-in attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
  )
}

export async function recordSignInAttempt(db: AttemptStore, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.signInAttempt.create({ data: { email, ip, succeeded } })
}
