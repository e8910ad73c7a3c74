'use client'
// One live connection to a group's event stream that does not give up. EventSource retries by
// itself after a dropped connection, but never after an error answer (a 503 while the database
// restarts): then it is closed for good, and this opens a new one after a growing pause.
import { useEffect, useRef } from 'react'
import type { LiveEvent } from '@/lib/realtime/events'

/** The window event that repeats every live event a page's stream receives. */
export const LIVE_EVENT = 'colloquy:live'

const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 15_000

export interface StreamHandlers {
  /** The stream is caught up (also after every reconnect): re-read whatever may have been missed. */
  ready: () => void
  event: (event: LiveEvent) => void
}

export function useEventStream(url: string, handlers: StreamHandlers): void {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  useEffect(() => {
    let source: EventSource | undefined
    let retry: ReturnType<typeof setTimeout> | undefined
    let pause = FIRST_RETRY_MS
    const open = () => {
      source = new EventSource(url)
      source.addEventListener('ready', () => {
        pause = FIRST_RETRY_MS
        latest.current.ready()
      })
      source.onmessage = (message) => {
        const event = JSON.parse(message.data) as LiveEvent
        latest.current.event(event)
        // Also for listeners outside the page's own code (the header's inbox count), so no second stream is opened.
        window.dispatchEvent(new CustomEvent(LIVE_EVENT, { detail: event }))
      }
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) return
        retry = setTimeout(open, pause)
        pause = Math.min(pause * 2, MAX_RETRY_MS)
      }
    }
    open()
    return () => {
      clearTimeout(retry)
      source?.close()
    }
  }, [url])
}
