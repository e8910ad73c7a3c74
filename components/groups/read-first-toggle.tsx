'use client'
// The instructor's "read first" setting for the group.
import { useRouter } from 'next/navigation'
import { InlineAlert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import { updateGroupSettingsAction } from '@/lib/groups/actions'

export function ReadFirstToggle({ groupId, readFirst }: { groupId: string; readFirst: boolean }) {
  const router = useRouter()
  const { run, pending, failure } = useAction(updateGroupSettingsAction)
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-1"
          checked={readFirst}
          disabled={pending}
          onChange={(event) => run({ groupId, readFirst: event.target.checked }, () => router.refresh())}
        />
        <span>
          Read first
          <span className="block text-xs text-stone-500">
            Students see classmates’ highlights on an essay only after making their own there.
          </span>
        </span>
      </label>
      <InlineAlert message={failure?.error} />
    </div>
  )
}
