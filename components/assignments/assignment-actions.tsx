'use client'
// Edit and delete, beside each assignment in the instructor's list.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { InlineAlert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import { deleteAssignmentAction } from '@/lib/assignments/actions'
import { AssignmentForm, type AssignmentDraft } from './assignment-form'

interface Props {
  groupId: string
  timeZone: string
  sources: { id: string; title: string }[]
  assignment: { id: string; draft: AssignmentDraft }
}

export function AssignmentActions({ groupId, timeZone, sources, assignment }: Props) {
  const router = useRouter()
  const [editing, setEditing] = useState(false)
  const remove = useAction(deleteAssignmentAction)
  const { title } = assignment.draft
  const button = 'rounded px-2 py-0.5 text-xs hover:bg-stone-100'
  return (
    <div className="flex flex-col gap-2">
      <span className="flex gap-1">
        <button
          type="button"
          className={button}
          aria-expanded={editing}
          aria-label={`Edit ${title}`}
          onClick={() => setEditing(!editing)}
        >
          {editing ? 'Close' : 'Edit'}
        </button>
        <button
          type="button"
          className={`${button} text-red-700`}
          aria-label={`Delete ${title}`}
          onClick={() =>
            window.confirm(`Delete “${title}”? Its submissions stay as maps; only the assignment goes.`) &&
            remove.run({ assignmentId: assignment.id }, () => router.refresh())
          }
        >
          Delete
        </button>
      </span>
      <InlineAlert message={remove.failure?.error} />
      {editing && (
        <div className="rounded border border-stone-200 p-3">
          <AssignmentForm
            groupId={groupId}
            timeZone={timeZone}
            sources={sources}
            editing={assignment}
            defaults={assignment.draft}
            onDone={() => setEditing(false)}
          />
        </div>
      )}
    </div>
  )
}
