import Link from 'next/link'
import { redirect } from 'next/navigation'
import { SignUpForm } from '@/components/auth/sign-up-form'
import { getCurrentUser } from '@/lib/auth/session'
import { safeCallbackUrl } from '@/lib/safe-redirect'

export const metadata = { title: 'Create an account · Colloquy' }

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl)
  if (await getCurrentUser()) redirect(callbackUrl)
  return (
    <>
      <h1 className="text-2xl font-semibold">Create your Colloquy account</h1>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="text-sm text-stone-600">
        Already have an account?{' '}
        <Link
          className="font-medium text-indigo-700 underline"
          href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          Sign in
        </Link>
      </p>
    </>
  )
}
