// Turns domain errors met while rendering a page into Next's not-found page or a sign-in redirect.
import { notFound, redirect } from 'next/navigation'
import { AppError } from '@/lib/errors'

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
