'use client'
// Keeps a reader in sync: listens to the group's live stream and re-reads the highlights and
// the readers present whenever something changes, and after every reconnect, to catch up. The
// first connection starts at `since`, the point the page's highlights were read at, so it
// replays what changed since then instead of re-reading them all.
import { useEffect, useRef, useState } from 'react'
import { useEventStream } from '@/components/live/use-event-stream'

export function useLiveSource(groupId: string, sourceId: string, since: number, handlers: { highlights: () => void; presence: () => void; source: () => void }) {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
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
        // Bursts of events (a classmate typing replies) collapse into one re-read.
        clearTimeout(timer.current)
        timer.current = setTimeout(() => latest.current.highlights(), 60)
      } else if (event.type === 'presence.changed' && event.sourceId === sourceId) latest.current.presence()
      else if (event.type === 'source.changed' && event.sourceId === sourceId) latest.current.source()
    },
  })
}
