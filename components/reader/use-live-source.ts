'use client'
// Keeps a reader in sync: listens to the group's live stream and re-reads the highlights and
// the readers present whenever something changes (and after every reconnect, to catch up).
import { useEffect, useRef } from 'react'
import type { LiveEvent } from '@/lib/realtime/events'

export function useLiveSource(groupId: string, sourceId: string, handlers: { highlights: () => void; presence: () => void; source: () => void }) {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    // Bursts of events (a classmate typing replies) collapse into one re-read.
    const refresh = () => {
      clearTimeout(timer)
      timer = setTimeout(() => latest.current.highlights(), 60)
    }
    const source = new EventSource(`/api/groups/${groupId}/events?sourceId=${sourceId}`)
    source.addEventListener('ready', () => {
      latest.current.highlights()
      latest.current.presence()
    })
    source.onmessage = (message) => {
      const event = JSON.parse(message.data) as LiveEvent
      if (event.type === 'highlight.changed' && event.sourceId === sourceId) refresh()
      else if (event.type === 'presence.changed' && event.sourceId === sourceId) latest.current.presence()
      else if (event.type === 'source.changed' && event.sourceId === sourceId) latest.current.source()
    }
    return () => {
      clearTimeout(timer)
      source.close()
    }
  }, [groupId, sourceId])
}
