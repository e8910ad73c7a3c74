// Who is asking: the signed-in user, re-read from the database on every request.
import { getServerSession } from 'next-auth'
import { redirect } from 'next/navigation'
import { db } from '@/lib/db'
import { Unauthenticated } from '@/lib/errors'
import { authOptions } from './options'

export type SessionUser = { id: string; name: string; email: string }

export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions)
  const id = session?.user?.id
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
