// Who is asking: the signed-in user, re-read from the database on every request.
import { getToken } from 'next-auth/jwt'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { db } from '@/lib/db'
import { Unauthenticated } from '@/lib/errors'
import { authOptions } from './options'

export type SessionUser = { id: string; name: string; email: string }

export async function getCurrentUser(): Promise<SessionUser | null> {
  // Only decrypts the session cookie. getServerSession would also re-encrypt a fresh cookie that
  // route handlers and server components cannot send back anyway: double the work on every request.
  const cookieOptions = authOptions.cookies?.sessionToken
  const token = await getToken({
    req: { cookies: await cookies(), headers: await headers() } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: authOptions.secret,
    cookieName: cookieOptions?.name,
    secureCookie: cookieOptions?.options.secure,
  })
  const id = token?.sub
  if (!id) return null
  // A deleted account's cookie must not keep working.
  return db.user.findUnique({ where: { id }, select: { id: true, name: true, email: true } })
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
