import Link from 'next/link'
import { ChangePasswordForm } from '@/components/auth/change-password-form'
import { requirePageUser } from '@/lib/auth/session'

export const metadata = { title: 'Change your password · Colloquy' }

export default async function ChangePasswordPage() {
  const user = await requirePageUser('/account/password')
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6 px-4 py-16">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">Change your password</h1>
        <p className="text-sm text-stone-600">
          For {user.email}. Every other device signed in to your account is signed out; this one stays signed in.
        </p>
      </div>
      <ChangePasswordForm />
      <p className="border-t border-stone-200 pt-4 text-sm">
        <Link href="/account/delete" className="text-indigo-700 underline">
          Download your data, or delete your account
        </Link>
      </p>
    </div>
  )
}
