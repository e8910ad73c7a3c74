// Who is asking: the signed-in user, re-read from the database on every request together with the
// server-side session the cookie names (ended by signing out or changing the password).
import { getToken } from 'next-auth/jwt'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { sqlRows } from '@/lib/db-raw'
import { Unauthenticated } from '@/lib/errors'
import { authOptions } from './options'
import { decodeSessionToken } from './session-token'

export type SessionUser = { id: string; name: string; email: string; sessionId: string }
/** What a session cookie claims, before the database has confirmed it. */
export type ClaimedActor = { id: string; sessionId: string }

/**
 * The user id the session cookie claims, without reading the account. Only for a lib function
 * that checks the account in its own query (authorizeOnSource does): it saves a round trip on the
 * busiest write. Everything else takes getCurrentUser.
 */
export async function getClaimedActor(): Promise<ClaimedActor | null> {
  // Only decrypts the session cookie. getServerSession would also re-encrypt a fresh cookie that
  // route handlers and server components cannot send back anyway: double the work on every request.
  const cookieOptions = authOptions.cookies?.sessionToken
  const token = await getToken({
    req: { cookies: await cookies(), headers: await headers() } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: authOptions.secret,
    cookieName: cookieOptions?.name,
    secureCookie: cookieOptions?.options.secure,
    decode: decodeSessionToken,
  })
  // A cookie from before sessions were kept on the server names none: it is no session.
  return token?.sub && typeof token.sid === 'string' ? { id: token.sub, sessionId: token.sid } : null
}

/** For route handlers that read a body or hold a stream: the claimed actor, refused before anything else is done. */
export async function requireClaimedActor(): Promise<ClaimedActor> {
  const claimed = await getClaimedActor()
  if (!claimed) throw new Unauthenticated()
  return claimed
}

export async function getCurrentUser(): Promise<SessionUser | null> {
  const claimed = await getClaimedActor()
  if (!claimed) return null
  // A deleted account's cookie, or an ended session's, must not keep working.
  const [user] = await sqlRows<SessionUser>`
    SELECT u.id, u.name, u.email
      FROM "User" u
      JOIN "AuthSession" s ON s."userId" = u.id AND s.id = ${claimed.sessionId} AND s."expiresAt" > now()
     WHERE u.id = ${claimed.id}`
  return user ? { ...user, sessionId: claimed.sessionId } : null
}

/** For server actions and route handlers: the user, or an Unauthenticated error. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser()
  if (!user) throw new Unauthenticated()
  return user
}

/** For pages: the user, or a redirect to sign-in that comes back here. */
export async function requirePageUser(returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser()
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`)
  return user
}
