'use client'
import { useRouter } from 'next/navigation'
import { ActionForm } from '@/components/ui/action-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { formFields, useAction } from '@/components/ui/use-action'
import { createMapAction } from '@/lib/maps/actions'

export function CreateMapForm({ groupId, canCreateGroupMap }: { groupId: string; canCreateGroupMap: boolean }) {
  const router = useRouter()
  const { run, pending, failure, fieldError } = useAction(createMapAction)
  return (
    <ActionForm
      onSubmit={(form) => {
        const { title, kind } = formFields(form, ['title', 'kind'])
        run({ groupId, title, kind: kind === 'GROUP' ? 'GROUP' : 'PERSONAL' }, (map) =>
          router.push(`/groups/${groupId}/maps/${map.id}`),
        )
      }}
    >
      {failure && !failure.fieldErrors.title && <Alert>{failure.error}</Alert>}
      <Field
        label="Map title"
        name="title"
        required
        maxLength={120}
        placeholder="e.g. Is the alliance still worth it?"
        error={fieldError('title')}
      />
      {canCreateGroupMap ? (
        <fieldset className="flex gap-4 text-sm">
          <legend className="mb-1 text-sm font-medium text-stone-800">Kind</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="kind" value="PERSONAL" defaultChecked /> Personal
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="kind" value="GROUP" /> Group map (everyone edits)
          </label>
        </fieldset>
      ) : (
        <input type="hidden" name="kind" value="PERSONAL" />
      )}
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Creating…' : 'Create map'}
      </Button>
    </ActionForm>
  )
}
