'use client'
// The instructor's invite tools: join code, invite link, copy, and rotate (which ends the old code).
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { useAction } from '@/components/ui/use-action'
import { rotateJoinCodeAction } from '@/lib/groups/actions'

export function InvitePanel({
  groupId,
  joinCode,
  expiresAt,
  origin,
}: {
  groupId: string
  joinCode: string
  expiresAt: string
  origin: string
}) {
  const router = useRouter()
  const { run, pending, failure } = useAction(rotateJoinCodeAction)
  const [copied, setCopied] = useState(false)
  const display = `${joinCode.slice(0, 4)}-${joinCode.slice(4)}`
  const link = `${origin}/join/${joinCode}`

  return (
    <div className="flex flex-col gap-3 text-sm">
      {failure && <Alert>{failure.error}</Alert>}
      <div>
        <span id="join-code-label" className="block text-stone-600">
          Join code
        </span>
        <span
          data-testid="join-code"
          role="status"
          aria-labelledby="join-code-label"
          className="font-mono text-2xl font-semibold tracking-widest text-stone-900"
        >
          {display}
        </span>
        <span className="block text-xs text-stone-500">
          Valid until {new Date(expiresAt).toLocaleDateString('en-GB', { dateStyle: 'medium' })}
        </span>
      </div>
      <div>
        <label htmlFor="invite-link" className="block text-stone-600">
          Invite link
        </label>
        <input
          id="invite-link"
          readOnly
          value={link}
          className="w-full rounded border border-stone-300 bg-stone-50 px-2 py-1 font-mono text-xs"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(link).catch(() => {})
            setCopied(true)
          }}
        >
          {copied ? 'Copied' : 'Copy link'}
        </Button>
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (window.confirm('Make a new join code? The current code and link will stop working.')) {
              run({ groupId }, () => router.refresh())
            }
          }}
        >
          {pending ? 'Rotating…' : 'New code'}
        </Button>
      </div>
    </div>
  )
}
