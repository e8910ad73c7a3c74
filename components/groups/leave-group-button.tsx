'use client'
// A member leaves the group, after confirming; their highlights and replies stay with the seminar.
import { useRouter } from 'next/navigation'
import { useAction } from '@/components/ui/use-action'
import { leaveGroupAction } from '@/lib/groups/actions'

export function LeaveGroupButton({ groupId, groupName }: { groupId: string; groupName: string }) {
  const router = useRouter()
  const { run, pending, failure } = useAction(leaveGroupAction)
  return (
    <div className="flex flex-col items-start gap-2 text-sm">
      <p className="text-stone-600">Your highlights and replies stay with the seminar. You can join again with the group’s current code.</p>
      {failure && (
        <p role="alert" className="text-red-700">
          {failure.error}
        </p>
      )}
      <button
        type="button"
        disabled={pending}
        className="rounded-md px-3 py-1.5 font-medium text-red-700 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-50"
        onClick={() => {
          if (window.confirm(`Leave “${groupName}”? You will no longer see its sources and maps.`)) run({ groupId }, () => router.push('/dashboard'))
        }}
      >
        Leave group
      </button>
    </div>
  )
}
