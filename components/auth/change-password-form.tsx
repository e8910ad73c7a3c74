'use client'
// The current password, then the new one; says so when the change is done.
import { useRef, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { formFields, useAction } from '@/components/ui/use-action'
import { changePasswordAction } from '@/lib/auth/actions'
import { NewPasswordField } from './new-password-field'

export function ChangePasswordForm() {
  const form = useRef<HTMLFormElement>(null)
  const [done, setDone] = useState(false)
  const { run, pending, failure, fieldError } = useAction(changePasswordAction)

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setDone(false)
    run(formFields(event.currentTarget, ['currentPassword', 'newPassword']), () => {
      form.current?.reset()
      setDone(true)
    })
  }

  return (
    <form ref={form} onSubmit={onSubmit} method="post" className="flex flex-col gap-4" noValidate>
      {failure && <Alert>{failure.error}</Alert>}
      {done && <Alert tone="success">Your password is changed. Your other devices are signed out.</Alert>}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fieldError('currentPassword')}
      />
      <NewPasswordField label="New password" name="newPassword" error={fieldError('newPassword')} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Changing your password…' : 'Change password'}
      </Button>
    </form>
  )
}
