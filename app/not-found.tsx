import Link from 'next/link'

export default function NotFoundPage() {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-20">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-stone-700">This page does not exist, or you are not a member of the group it belongs to.</p>
      <Link href="/dashboard" className="font-medium text-indigo-700 underline">
        Back to my groups
      </Link>
    </div>
  )
}
