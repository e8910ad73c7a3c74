import Link from 'next/link'
import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/auth/sign-in-form'
import { getCurrentUser } from '@/lib/auth/session'
import { safeCallbackUrl } from '@/lib/safe-redirect'

export const metadata = { title: 'Sign in · Colloquy' }

function noticeOf(params: Record<string, string | string[] | undefined>): string | undefined {
  // After a sign-up whose sign-in failed: the email had an account already, with another password.
  if (params.notice === 'account') return 'If you already have an account with this email, sign in with its password.'
  return params.callbackUrl ? 'Please sign in to continue.' : undefined
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const params = await searchParams
  const callbackUrl = safeCallbackUrl(params.callbackUrl)
  if (await getCurrentUser()) redirect(callbackUrl)
  return (
    <>
      <h1 className="text-2xl font-semibold">Sign in to Colloquy</h1>
      <SignInForm callbackUrl={callbackUrl} notice={noticeOf(params)} />
      <p className="text-sm text-stone-600">
        New here?{' '}
        <Link
          className="font-medium text-indigo-700 underline"
          href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          Create an account
        </Link>
      </p>
    </>
  )
}
