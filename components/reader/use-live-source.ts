'use client'
// Keeps a reader in sync: listens to the group's live stream and re-reads the highlights its
// events name (not the whole list) and the readers present whenever something changes; after a
// reconnect it reads the whole list again, to catch up. The first connection starts at `since`,
// the point the page's highlights were read at, so it replays what changed since then.
import { useEffect, useRef, useState } from 'react'
import { useEventStream } from '@/components/live/use-event-stream'

export function useLiveSource(
  groupId: string,
  sourceId: string,
  since: number,
  handlers: { highlights: (ids?: string[]) => void; presence: () => void; source: () => void },
) {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const changed = useRef(new Set<string>())
  useEffect(() => () => clearTimeout(timer.current), [])
  const connected = useRef(false)
  // The first position only: a later render must not reopen the stream.
  const [start] = useState(since)
  useEventStream(`/api/groups/${groupId}/events?sourceId=${sourceId}&since=${start}`, {
    ready: () => {
      if (connected.current) latest.current.highlights()
      connected.current = true
      latest.current.presence()
    },
    event: (event) => {
      if (event.type === 'highlight.changed' && event.sourceId === sourceId) {
        // Bursts of events (a classmate typing replies) collapse into one re-read of what they name.
        changed.current.add(event.highlightId)
        clearTimeout(timer.current)
        timer.current = setTimeout(() => {
          const ids = [...changed.current]
          changed.current.clear()
          latest.current.highlights(ids)
        }, 60)
      } else if (event.type === 'presence.changed' && event.sourceId === sourceId) latest.current.presence()
      else if (event.type === 'source.changed' && event.sourceId === sourceId) latest.current.source()
    },
  })
}
