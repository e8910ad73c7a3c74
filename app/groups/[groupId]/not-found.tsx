'use client'
// Inside a group: a source, map or page that is gone (deleted, or never there), or a group the
// visitor is not a member of. Both links are offered; the group's own page says which it was.
import Link from 'next/link'
import { useParams } from 'next/navigation'

export default function GroupNotFound() {
  const { groupId } = useParams<{ groupId: string }>()
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-20">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-stone-700">
        This page of the seminar does not exist: the source or map may have been deleted. Or you are not a member of the
        group it belongs to.
      </p>
      <p className="flex flex-wrap gap-4">
        <Link href={`/groups/${groupId}`} className="font-medium text-indigo-700 underline">
          Back to the group
        </Link>
        <Link href="/dashboard" className="font-medium text-indigo-700 underline">
          My groups
        </Link>
      </p>
    </div>
  )
}
