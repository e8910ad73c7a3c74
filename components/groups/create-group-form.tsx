'use client'
import { useRouter } from 'next/navigation'
import { ActionForm } from '@/components/ui/action-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { formFields, useAction } from '@/components/ui/use-action'
import { createGroupAction } from '@/lib/groups/actions'

export function CreateGroupForm() {
  const router = useRouter()
  const { run, pending, failure, fieldError } = useAction(createGroupAction)
  return (
    <ActionForm
      onSubmit={(form) => {
        // The group's dates are set and shown in its creator's time zone until they change it.
        const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone
        run({ ...formFields(form, ['name', 'description']), timeZone }, (group) => router.push(`/groups/${group.id}`))
      }}
    >
      {failure && !failure.fieldErrors.name && <Alert>{failure.error}</Alert>}
      <Field
        label="Group name"
        name="name"
        required
        maxLength={100}
        placeholder="e.g. Modern Japan, spring term"
        error={fieldError('name')}
      />
      <Field label="Description (optional)" name="description" maxLength={1000} error={fieldError('description')} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Creating…' : 'Create group'}
      </Button>
    </ActionForm>
  )
}
