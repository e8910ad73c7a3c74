import { redirect } from 'next/navigation'
import { ButtonLink } from '@/components/ui/button'
import { getCurrentUser } from '@/lib/auth/session'

export default async function HomePage() {
  if (await getCurrentUser()) redirect('/dashboard')
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-20">
      <h1 className="font-serif text-4xl font-semibold leading-tight">Read together. Argue better.</h1>
      <p className="text-lg text-stone-700">
        Colloquy is where a seminar reads its sources side by side: highlight passages, tag them as claim, evidence or
        bias, discuss them in place, and turn them into argument maps your instructor can review.
      </p>
      <div className="flex gap-3">
        <ButtonLink href="/sign-up">Create an account</ButtonLink>
        <ButtonLink href="/sign-in" variant="secondary">
          Sign in
        </ButtonLink>
      </div>
    </div>
  )
}
