'use client'
// Deleting one's account: the password, a box saying they mean it, then signed out for good.
import { signOut } from 'next-auth/react'
import { useState } from 'react'
import { ActionForm } from '@/components/ui/action-form'
import { Alert } from '@/components/ui/alert'
import { useAction } from '@/components/ui/use-action'
import { deleteAccountAction } from '@/lib/account/actions'

export function DeleteAccountForm() {
  const [password, setPassword] = useState('')
  const [confirmed, setConfirmed] = useState(false)
  const { run, pending, failure, fieldError } = useAction(deleteAccountAction)
  return (
    <ActionForm
      aria-label="Delete my account"
      className="flex flex-col gap-3 text-sm"
      onSubmit={() => {
        // The button is disabled until the box is ticked, so an unticked form is never sent.
        if (confirmed) run({ password, confirmed }, () => void signOut({ callbackUrl: '/' }))
      }}
    >
      <label className="flex flex-col gap-1">
        Your password
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={fieldError('password') ? true : undefined}
          className="rounded border border-stone-300 px-2 py-1"
        />
      </label>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={confirmed}
          onChange={(event) => setConfirmed(event.target.checked)}
          className="mt-1"
        />
        I have downloaded what I want to keep. Delete my account and everything in it.
      </label>
      {failure && <Alert>{failure.error}</Alert>}
      <button
        type="submit"
        disabled={pending || !confirmed || password === ''}
        className="self-start rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 disabled:opacity-50"
      >
        Delete my account
      </button>
    </ActionForm>
  )
}
