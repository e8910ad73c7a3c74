'use client'
// Hands one of the student's draft maps in for an assignment, from its to-do item.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Select } from '@/components/ui/select'
import { useAction } from '@/components/ui/use-action'
import { submitMapAction } from '@/lib/maps/actions'

export function SubmitForAssignment({
  assignmentId,
  title,
  drafts,
  late,
}: {
  assignmentId: string
  title: string
  drafts: { id: string; title: string }[]
  late: boolean
}) {
  const router = useRouter()
  const { run, pending, failure } = useAction(submitMapAction)
  const [mapId, setMapId] = useState(drafts[0]?.id ?? '')
  if (drafts.length === 0)
    return <p className="text-xs text-stone-600">Start a personal map under Argument maps; it can be submitted here.</p>
  return (
    <form
      aria-label={`Submit a map for ${title}`}
      className="flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(event) => {
        event.preventDefault()
        const warning = late
          ? 'The due date has passed: your map will be marked late. Submit it?'
          : 'Submit this map? You cannot edit it until your instructor reopens it.'
        if (window.confirm(warning)) run({ mapId, assignmentId }, () => router.refresh())
      }}
    >
      <Select
        label="Map"
        value={mapId}
        choices={drafts.map((d) => ({ value: d.id, label: d.title }))}
        onChoose={setMapId}
      />
      <Button type="submit" variant="secondary" disabled={pending} className="py-1">
        {pending ? 'Submitting…' : 'Submit map'}
      </Button>
      {failure && (
        <p role="alert" className="basis-full text-red-700">
          {failure.error}
        </p>
      )}
    </form>
  )
}
