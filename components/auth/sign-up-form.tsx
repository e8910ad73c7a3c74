'use client'
// Creates an account, then signs straight in. Sign-up answers the same whether or not the email
// already has an account; if the sign-in then fails, that email had one with another password.
import { signIn } from 'next-auth/react'
import { useRouter } from 'next/navigation'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { formFields, useAction } from '@/components/ui/use-action'
import { signUp } from '@/lib/auth/actions'
import { NewPasswordField } from './new-password-field'

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter()
  const { run, pending, failure, fieldError } = useAction(signUp)

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const values = formFields(event.currentTarget, ['name', 'email', 'password'])
    run(values, async () => {
      const result = await signIn('credentials', { email: values.email, password: values.password, redirect: false })
      router.push(result?.ok ? callbackUrl : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}&notice=account`)
      router.refresh()
    })
  }

  return (
    <form onSubmit={onSubmit} method="post" className="flex flex-col gap-4" noValidate>
      {failure && <Alert>{failure.error}</Alert>}
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={80}
        error={fieldError('name')}
        autoFocus
      />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={fieldError('email')} />
      <NewPasswordField label="Password" name="password" error={fieldError('password')} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating your account…' : 'Create account'}
      </Button>
    </form>
  )
}
