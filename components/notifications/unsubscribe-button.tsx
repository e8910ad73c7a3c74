'use client'
// Turns digests off from the link in a digest (a button, so a mail scanner opening the link changes nothing).
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { useAction } from '@/components/ui/use-action'
import { unsubscribeAction } from '@/lib/notifications/actions'
import { useState } from 'react'

export function UnsubscribeButton({ token }: { token: string }) {
  const { run, pending, failure } = useAction(unsubscribeAction)
  const [done, setDone] = useState(false)
  if (done)
    return <p role="status">Done: you will get no more email digests. You can turn them on again in your inbox.</p>
  return (
    <div className="flex flex-col gap-3">
      <Button disabled={pending} onClick={() => run({ token }, () => setDone(true))}>
        Stop email digests
      </Button>
      {failure && <Alert>{failure.error}</Alert>}
    </div>
  )
}
