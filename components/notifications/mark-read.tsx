'use client'
// Marks one inbox entry read, or all of them, then shows the inbox again.
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { markNotificationsReadAction } from '@/lib/notifications/actions'
import { UNREAD_EVENT } from './inbox-link'

export function MarkRead({ notificationId, label }: { notificationId?: string; label: string }) {
  const router = useRouter()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const onClick = async () => {
    setPending(true)
    const result = await markNotificationsReadAction(notificationId ? { notificationId } : { all: true })
    setPending(false)
    if (!result.ok) return setError(result.error)
    window.dispatchEvent(new CustomEvent(UNREAD_EVENT, { detail: result.data.unread }))
    router.refresh()
  }
  return (
    <span className="flex flex-col items-end gap-1">
      <Button variant="secondary" className="px-2.5 py-1 text-xs" disabled={pending} onClick={() => void onClick()}>
        {label}
      </Button>
      {error && <Alert>{error}</Alert>}
    </span>
  )
}
