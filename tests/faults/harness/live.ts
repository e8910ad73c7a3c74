// A live-stream client that behaves like the browser's EventSource: it follows the server's
// `retry:`, reconnects with Last-Event-ID when the stream drops or cannot be reached, and gives up
// for good on any answer other than 200 (as EventSource does), which the tests then report.
import type { LiveEvent } from '@/lib/realtime/events'
import type { Session } from './client'

export interface Received {
  seq: number
  event: LiveEvent
  at: number
}

export interface LiveClient {
  /** Stored events (those with an id), in the order they arrived. */
  events: Received[]
  /** Times the stream was (re)opened and said ready. */
  connects: () => number
  /** Which server answered each (re)connection, as a balancer names it in X-Served-By. */
  servedBy: string[]
  /** Why it stopped reconnecting, if it did (EventSource would show nothing live from then on). */
  gaveUp: () => string | undefined
  ready: () => Promise<void>
  close: () => Promise<void>
}

const HEADERS_WITHIN_MS = 15_000

export function openLiveClient(session: Session, groupId: string): LiveClient {
  const events: Received[] = []
  const controller = new AbortController()
  let lastId: string | null = null
  let retryMs = 3_000
  let connects = 0
  let gaveUp: string | undefined
  const servedBy: string[] = []
  let resolveReady: () => void
  const firstReady = new Promise<void>((resolve) => (resolveReady = resolve))

  const dispatch = (block: string) => {
    let id: string | undefined
    let name: string | undefined
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
      if (field === 'id') id = value
      else if (field === 'event') name = value
      else if (field === 'data') data.push(value)
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value)
    }
    if (id !== undefined) lastId = id
    if (name === 'ready') {
      connects++
      resolveReady()
    } else if (name === undefined && id !== undefined && data.length) {
      events.push({ seq: Number(id), event: JSON.parse(data.join('\n')) as LiveEvent, at: Date.now() })
    }
  }

  const run = async () => {
    while (!controller.signal.aborted) {
      const headersTimer = new AbortController()
      const timer = setTimeout(() => headersTimer.abort(), HEADERS_WITHIN_MS)
      try {
        const response = await fetch(`${session.baseUrl}/api/groups/${groupId}/events`, {
          headers: {
            Accept: 'text/event-stream',
            cookie: session.cookie,
            ...(lastId !== null ? { 'Last-Event-ID': lastId } : {}),
          },
          signal: AbortSignal.any([controller.signal, headersTimer.signal]),
        })
        clearTimeout(timer)
        servedBy.push(response.headers.get('x-served-by') ?? '')
        if (response.status !== 200 || !response.body) {
          gaveUp = `the stream answered ${response.status}: ${await response.text().catch(() => '')}`
          return
        }
        const decoder = new TextDecoder()
        let buffer = ''
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true })
          for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
            dispatch(buffer.slice(0, cut))
            buffer = buffer.slice(cut + 2)
          }
        }
      } catch {
        // Dropped or unreachable: EventSource waits `retry` and tries again.
      } finally {
        clearTimeout(timer)
      }
      if (controller.signal.aborted) return
      await new Promise((resolve) => setTimeout(resolve, retryMs))
    }
  }
  const running = run()

  return {
    events,
    connects: () => connects,
    servedBy,
    gaveUp: () => gaveUp,
    ready: async () => {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('The live stream did not say ready within 15 s.')), 15_000).unref(),
      )
      await Promise.race([
        firstReady,
        timeout,
        running.then(() => Promise.reject(new Error(`The live stream stopped: ${gaveUp}`))),
      ])
    },
    close: async () => {
      controller.abort()
      await running
    },
  }
}
