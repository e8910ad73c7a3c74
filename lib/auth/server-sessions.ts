// Sessions kept on the server as well as in the cookie: each sign-in gets a row, and the session
// cookie (a next-auth JWT) names it. Every request checks the row together with the account (the
// same one query as before), so signing out, or changing the password, ends a session for good,
// even where a copy of its cookie survives.
import 'server-only'
import { randomBytes } from 'node:crypto'
import { db } from '@/lib/db'

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60

const expiry = () => new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000)

export async function startSession(userId: string): Promise<string> {
  const id = randomBytes(24).toString('base64url')
  // Ended and expired sessions of this person go as a new one starts.
  await db.authSession.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } })
  await db.authSession.create({ data: { id, userId, expiresAt: expiry() } })
  return id
}

/** Whether the session is still on, renewing it as next-auth renews its cookie. */
export async function renewSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db.authSession.updateMany({
    where: { id: sessionId, userId, expiresAt: { gt: new Date() } },
    data: { expiresAt: expiry() },
  })
  return count > 0
}

export async function endSession(sessionId: string): Promise<void> {
  await db.authSession.deleteMany({ where: { id: sessionId } })
}

/** Every session of the person but `keep` (a password change keeps the one that made it). */
export async function endOtherSessions(userId: string, keep: string | null): Promise<void> {
  await db.authSession.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } })
}
