'use client'
// Archiving a group (read-only for everyone) or unarchiving it, each confirmed in place first.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useAction } from '@/components/ui/use-action'
import { setGroupArchivedAction } from '@/lib/groups/actions'

export function ArchiveGroupButton({
  groupId,
  groupName,
  archived,
}: {
  groupId: string
  groupName: string
  archived: boolean
}) {
  const router = useRouter()
  const [confirming, setConfirming] = useState(false)
  const { run, pending, failure } = useAction(setGroupArchivedAction)
  const verb = archived ? 'Unarchive' : 'Archive'
  return (
    <div className="flex flex-col items-start gap-2 text-sm">
      <p className="text-stone-600">
        {archived
          ? 'Unarchiving opens the group again: students can highlight, reply, edit maps and submit them as before.'
          : 'Archiving makes the group read-only for everyone: no new highlights, notes, replies, map edits or submissions. Everyone can still read and export it, and you can unarchive it at any time.'}
      </p>
      {failure && (
        <p role="alert" className="text-red-700">
          {failure.error}
        </p>
      )}
      {confirming ? (
        <div
          role="group"
          aria-label={`Confirm: ${verb.toLowerCase()} this group`}
          className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200"
        >
          <p className="font-medium">
            {verb} “{groupName}”?
          </p>
          <div className="flex gap-2">
            <button
              type="button"
              disabled={pending}
              autoFocus
              className="rounded-md bg-stone-800 px-3 py-1.5 font-medium text-white hover:bg-stone-900 disabled:opacity-50"
              onClick={() =>
                run({ groupId, archived: !archived }, () => {
                  setConfirming(false)
                  router.refresh()
                })
              }
            >
              Yes, {verb.toLowerCase()} it
            </button>
            <button
              type="button"
              className="rounded-md px-3 py-1.5 font-medium ring-1 ring-stone-300 hover:bg-stone-100"
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="rounded-md px-3 py-1.5 font-medium ring-1 ring-stone-300 hover:bg-stone-100"
          onClick={() => setConfirming(true)}
        >
          {verb} group…
        </button>
      )}
    </div>
  )
}
