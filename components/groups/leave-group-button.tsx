'use client'
// A member leaves the group, after confirming in a dialog; their highlights and replies stay with the seminar.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { ConfirmDialog } from '@/components/ui/confirm-dialog'
import { useAction } from '@/components/ui/use-action'
import { leaveGroupAction } from '@/lib/groups/actions'

export function LeaveGroupButton({ groupId, groupName }: { groupId: string; groupName: string }) {
  const router = useRouter()
  const [confirming, setConfirming] = useState(false)
  const { run, pending, failure } = useAction(leaveGroupAction)
  return (
    <div className="flex flex-col items-start gap-2 text-sm">
      <p className="text-stone-600">
        Your highlights and replies stay with the seminar. You can join again with the group’s current code.
      </p>
      {failure && (
        <p role="alert" className="text-red-700">
          {failure.error}
        </p>
      )}
      <Button type="button" variant="danger" disabled={pending} onClick={() => setConfirming(true)}>
        Leave group
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Leave “${groupName}”?`}
        confirmLabel="Leave the group"
        pending={pending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          // A refusal (the last instructor) closes the dialog too: the reason shows beside the button.
          run({ groupId }, () => router.push('/dashboard'))
          setConfirming(false)
        }}
      >
        <p>You will no longer see its sources and maps.</p>
        <p className="mt-2">
          Your highlights and replies stay with the seminar. You can join again with the group’s current code.
        </p>
      </ConfirmDialog>
    </div>
  )
}
