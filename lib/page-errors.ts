// The start every signed-in page shares: who is asking, then what they may see, with the domain's
// refusals turned into Next's not-found page or a sign-in redirect.
import { notFound, redirect } from 'next/navigation'
import { requirePageUser, type SessionUser } from '@/lib/auth/session'
import { AppError } from '@/lib/errors'

/** What a page receives: its route's segments and its query string (both promises since Next 15). */
export interface PageProps<Params> {
  params: Promise<Params>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export async function loadOrRespond<T>(load: () => Promise<T>, returnTo: string): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if (error instanceof AppError && error.status === 401)
      redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`)
    // A member who may not open a page (a student on the review page) sees the same as an outsider.
    if (error instanceof AppError && (error.status === 404 || error.status === 403)) notFound()
    throw error
  }
}

/**
 * The signed-in user (or the sign-in page, coming back to `path`) and what `load` reads for them,
 * the page's access check: a refusal shows the same not-found page as a row that does not exist.
 */
export async function openPage<T>(path: string, load: (user: SessionUser) => Promise<T>): Promise<[SessionUser, T]> {
  const user = await requirePageUser(path)
  return [user, await loadOrRespond(() => load(user), path)]
}
