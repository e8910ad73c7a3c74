// Turns domain errors met while rendering a page into Next's not-found page or a sign-in redirect.
import { notFound, redirect } from 'next/navigation'
import { AppError } from '@/lib/errors'

export async function loadOrRespond<T>(load: () => Promise<T>, returnTo: string): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if (error instanceof AppError && error.status === 401) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`)
    if (error instanceof AppError && error.status === 404) notFound()
    throw error
  }
}
