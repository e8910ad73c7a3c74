'use client'
import { useRouter } from 'next/navigation'
import { ActionForm } from '@/components/ui/action-form'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { formFields, useAction } from '@/components/ui/use-action'
import { joinGroupAction } from '@/lib/groups/actions'

export function JoinGroupForm({ code, compact = false }: { code?: string; compact?: boolean }) {
  const router = useRouter()
  const { run, pending, failure } = useAction(joinGroupAction)
  return (
    <ActionForm
      onSubmit={(form) => run(formFields(form, ['code']), (joined) => router.push(`/groups/${joined.groupId}`))}
    >
      {compact ? (
        <input type="hidden" name="code" value={code} />
      ) : (
        <Field
          label="Join code"
          name="code"
          defaultValue={code}
          required
          placeholder="K7QM-2XPA"
          autoComplete="off"
          error={failure?.error}
        />
      )}
      {failure && <Alert>{failure.error}</Alert>}
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Joining…' : 'Join group'}
      </Button>
    </ActionForm>
  )
}
