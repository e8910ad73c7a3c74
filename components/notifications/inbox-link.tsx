'use client'
// "Inbox" in the header with the unread count. Where the page holds a live stream of its group
// (the reader, a map), it hears there of the person's own new entries (each is sent to that person
// only) without opening a stream of its own; and it reads the count again whenever the page
// changes or the window comes back into focus.
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useCallback, useEffect, useState } from 'react'
import { LIVE_EVENT } from '@/components/live/use-event-stream'
import type { LiveEvent } from '@/lib/realtime/events'
import { unreadCountAction } from '@/lib/notifications/actions'

/** The window event that carries the unread count after entries were marked read. */
export const UNREAD_EVENT = 'colloquy:unread'

export function InboxLink({ initialUnread }: { initialUnread: number }) {
  const pathname = usePathname()
  const [unread, setUnread] = useState(initialUnread)
  // A refreshed layout (after marking read) brings a new count from the server: it wins.
  const [fromServer, setFromServer] = useState(initialUnread)
  if (fromServer !== initialUnread) {
    setFromServer(initialUnread)
    setUnread(initialUnread)
  }
  const refresh = useCallback(async () => {
    const result = await unreadCountAction()
    if (result.ok) setUnread(result.data)
  }, [])
  // The layout stays as the person moves between pages: read the count again on each.
  useEffect(() => {
    const timer = setTimeout(() => void refresh(), 0)
    return () => clearTimeout(timer)
  }, [pathname, refresh])
  useEffect(() => {
    const onFocus = () => void refresh()
    // Marking read on this page says the new count at once (components/notifications/mark-read.tsx).
    const onMarked = (event: Event) => setUnread((event as CustomEvent<number>).detail)
    const onLive = (event: Event) => {
      if ((event as CustomEvent<LiveEvent>).detail.type === 'notification.created') void refresh()
    }
    window.addEventListener('focus', onFocus)
    window.addEventListener(UNREAD_EVENT, onMarked)
    window.addEventListener(LIVE_EVENT, onLive)
    return () => {
      window.removeEventListener('focus', onFocus)
      window.removeEventListener(UNREAD_EVENT, onMarked)
      window.removeEventListener(LIVE_EVENT, onLive)
    }
  }, [refresh])
  return (
    <>
      <Link
        href="/inbox"
        className="relative text-stone-700 hover:text-stone-900"
        aria-label={unread > 0 ? `Inbox, ${unread} unread` : 'Inbox'}
      >
        Inbox
        {unread > 0 && (
          <span
            aria-hidden
            data-testid="unread-count"
            className="ms-1 rounded-full bg-indigo-700 px-1.5 py-0.5 text-xs font-semibold text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </Link>
    </>
  )
}
