'use client'
// Rename, duplicate, submit, reopen and delete, from the map list.
import { useRouter } from 'next/navigation'
import { useAction } from '@/components/ui/use-action'
import {
  deleteMapAction,
  duplicateMapAction,
  renameMapAction,
  reopenMapAction,
  submitMapAction,
} from '@/lib/maps/actions'

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
  const button = 'rounded px-2 py-0.5 text-xs hover:bg-stone-100'
  return (
    <span className="flex flex-wrap items-center gap-1">
      {failure && (
        <span role="alert" className="text-xs text-red-700">
          {failure.error}
        </span>
      )}
      {map.canRename && (
        <button
          type="button"
          className={button}
          aria-label={`Rename ${map.title}`}
          onClick={() => {
            const title = window.prompt('New title for the map', map.title)
            if (title !== null) rename.run({ mapId: map.id, title }, done)
          }}
        >
          Rename
        </button>
      )}
      {map.canDuplicate && (
        <button
          type="button"
          className={button}
          aria-label={`Duplicate ${map.title}`}
          onClick={() => duplicate.run({ mapId: map.id }, (copy) => router.push(`/groups/${groupId}/maps/${copy.id}`))}
        >
          Duplicate
        </button>
      )}
      {map.canSubmit && (
        <button
          type="button"
          className={`${button} text-indigo-700`}
          aria-label={`Submit ${map.title} for review`}
          onClick={() =>
            window.confirm('Submit this map for review? You cannot edit it until your instructor reopens it.') &&
            submit.run({ mapId: map.id }, done)
          }
        >
          Submit
        </button>
      )}
      {map.canReopen && (
        <button
          type="button"
          className={`${button} text-indigo-700`}
          aria-label={`Reopen ${map.title}`}
          onClick={() => reopen.run({ mapId: map.id }, done)}
        >
          Reopen
        </button>
      )}
      {map.canDelete && (
        <button
          type="button"
          className={`${button} text-red-700`}
          aria-label={`Delete ${map.title}`}
          onClick={() =>
            window.confirm(`Delete “${map.title}”? This cannot be undone.`) && remove.run({ mapId: map.id }, done)
          }
        >
          Delete
        </button>
      )}
    </span>
  )
}
