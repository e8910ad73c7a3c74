'use client'
// Deleting a group for good: the instructor types its name to confirm, having been offered the
// seminar archive first (the only copy that survives).
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { ActionForm } from '@/components/ui/action-form'
import { useAction } from '@/components/ui/use-action'
import { deleteGroupAction } from '@/lib/groups/actions'

export function DeleteGroupForm({ groupId, groupName }: { groupId: string; groupName: string }) {
  const router = useRouter()
  const [typed, setTyped] = useState('')
  const { run, pending, failure, fieldError } = useAction(deleteGroupAction)
  return (
    <ActionForm
      aria-label="Delete this group"
      className="flex flex-col gap-2 text-sm"
      onSubmit={() => run({ groupId, confirmName: typed }, () => router.push('/dashboard'))}
    >
      <p className="text-stone-600">
        Deletes the group with its sources, every highlight and reply, every map and all feedback, for everyone, at
        once. This cannot be undone:{' '}
        <a href={`/api/groups/${groupId}/archive`} download className="text-indigo-700 underline">
          download the seminar archive
        </a>{' '}
        first to keep a copy.
      </p>
      <label className="flex flex-col gap-1">
        Type “{groupName}” to confirm
        <input
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          aria-invalid={fieldError('confirmName') ? true : undefined}
          aria-describedby={fieldError('confirmName') ? 'delete-group-error' : undefined}
          className="rounded border border-stone-300 px-2 py-1"
        />
      </label>
      {failure && (
        <p id="delete-group-error" role="alert" className="text-red-700">
          {failure.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || typed.trim() === ''}
        className="self-start rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 disabled:opacity-50"
      >
        Delete group for good
      </button>
    </ActionForm>
  )
}
