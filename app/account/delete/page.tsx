import Link from 'next/link'
import { DeleteAccountForm } from '@/components/auth/delete-account-form'
import { requirePageUser } from '@/lib/auth/session'

export const metadata = { title: 'Your data and your account · Colloquy' }

export default async function DeleteAccountPage() {
  const user = await requirePageUser('/account/delete')
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-6 px-4 py-16">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold">Your data and your account</h1>
        <p className="text-sm text-stone-600">For {user.email}.</p>
      </div>
      <section aria-label="Download my data" className="flex flex-col gap-2 text-sm">
        <h2 className="text-lg font-semibold">1. Download your data</h2>
        <p className="text-stone-600">
          One file with your groups, your highlights with their notes and replies, your replies to others, and your maps
          with the feedback on them.
        </p>
        <a
          href="/api/account/data"
          download
          className="self-start rounded-md bg-indigo-700 px-3 py-1.5 font-medium text-white hover:bg-indigo-800"
        >
          Download my data (JSON)
        </a>
      </section>
      <section aria-label="Delete my account for good" className="flex flex-col gap-2 text-sm">
        <h2 className="text-lg font-semibold">2. Delete your account</h2>
        <p className="text-stone-600">
          Your highlights (with classmates’ replies to them), your replies, your maps and your sessions are deleted at
          once; map nodes that cited your highlights keep their text. What you gave a seminar as its instructor
          (sources, feedback) stays with it, signed “Former member”. If you are a group’s only instructor, delete that
          group first.
        </p>
        <DeleteAccountForm />
      </section>
      <p className="text-sm">
        <Link href="/account/password" className="text-indigo-700 underline">
          Change your password instead
        </Link>
      </p>
    </div>
  )
}
