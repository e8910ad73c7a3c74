import { JoinGroupForm } from '@/components/groups/join-group-form'
import { requirePageUser } from '@/lib/auth/session'

export const metadata = { title: 'Join a group · Colloquy' }

export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params
  await requirePageUser(`/join/${encodeURIComponent(code)}`)
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">Join a seminar group</h1>
      <p className="text-stone-700">
        You were invited with the code <span className="font-mono font-semibold">{code}</span>.
      </p>
      <JoinGroupForm code={code} compact />
    </div>
  )
}
