'use client'
import { useRouter } from 'next/navigation'
import { InlineAlert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import { removeMemberAction } from '@/lib/groups/actions'

export function RemoveMemberButton({ groupId, userId, name }: { groupId: string; userId: string; name: string }) {
  const router = useRouter()
  const { run, pending, failure } = useAction(removeMemberAction)
  return (
    <span className="flex items-center gap-2">
      <InlineAlert as="span" message={failure?.error} />
      <button
        type="button"
        disabled={pending}
        aria-label={`Remove ${name} from the group`}
        className="rounded px-2 py-1 text-xs text-red-700 hover:bg-red-50 disabled:opacity-50"
        onClick={() => {
          if (
            window.confirm(
              `Remove ${name} from this group? The join code changes too, so they cannot join again with it.`,
            )
          )
            run({ groupId, userId }, () => router.refresh())
        }}
      >
        Remove
      </button>
    </span>
  )
}
