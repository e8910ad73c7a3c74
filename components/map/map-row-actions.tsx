'use client'
// Rename, duplicate, submit, reopen and delete, from the map list.
import { useRouter } from 'next/navigation'
import { InlineAlert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import {
  deleteMapAction,
  duplicateMapAction,
  renameMapAction,
  reopenMapAction,
  submitMapAction,
} from '@/lib/maps/actions'

const BUTTON = 'rounded px-2 py-0.5 text-xs hover:bg-stone-100'

interface RowProps {
  groupId: string
  map: {
    id: string
    title: string
    canRename: boolean
    canDuplicate: boolean
    canDelete: boolean
    canSubmit: boolean
    canReopen: boolean
  }
}

export function MapRowActions({ groupId, map }: RowProps) {
  const router = useRouter()
  const rename = useAction(renameMapAction)
  const duplicate = useAction(duplicateMapAction)
  const remove = useAction(deleteMapAction)
  const submit = useAction(submitMapAction)
  const reopen = useAction(reopenMapAction)
  const failure = rename.failure ?? duplicate.failure ?? remove.failure ?? submit.failure ?? reopen.failure
  const done = () => router.refresh()
  // Each button is named with the map's title, as a row of them repeats down the list.
  const actions = [
    {
      shown: map.canRename,
      text: 'Rename',
      name: `Rename ${map.title}`,
      onClick: () => {
        const title = window.prompt('New title for the map', map.title)
        if (title !== null) rename.run({ mapId: map.id, title }, done)
      },
    },
    {
      shown: map.canDuplicate,
      text: 'Duplicate',
      name: `Duplicate ${map.title}`,
      onClick: () => duplicate.run({ mapId: map.id }, (copy) => router.push(`/groups/${groupId}/maps/${copy.id}`)),
    },
    {
      shown: map.canSubmit,
      text: 'Submit',
      name: `Submit ${map.title} for review`,
      tone: 'text-indigo-700',
      onClick: () =>
        window.confirm('Submit this map for review? You cannot edit it until your instructor reopens it.') &&
        submit.run({ mapId: map.id }, done),
    },
    {
      shown: map.canReopen,
      text: 'Reopen',
      name: `Reopen ${map.title}`,
      tone: 'text-indigo-700',
      onClick: () => reopen.run({ mapId: map.id }, done),
    },
    {
      shown: map.canDelete,
      text: 'Delete',
      name: `Delete ${map.title}`,
      tone: 'text-red-700',
      onClick: () =>
        window.confirm(`Delete “${map.title}”? This cannot be undone.`) && remove.run({ mapId: map.id }, done),
    },
  ]
  return (
    <span className="flex flex-wrap items-center gap-1">
      <InlineAlert as="span" message={failure?.error} />
      {actions.map(
        ({ shown, text, name, tone, onClick }) =>
          shown && (
            <button
              key={text}
              type="button"
              className={tone ? `${BUTTON} ${tone}` : BUTTON}
              aria-label={name}
              onClick={onClick}
            >
              {text}
            </button>
          ),
      )}
    </span>
  )
}
