// What the live event tests share besides ./fixtures: a seminar with a source of numbered
// sentences, a live stream read in the background frame by frame, and a second app instance's
// own database client.
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { expect, vi } from 'vitest'
import { createHighlight } from '@/lib/annotations/mutations'
import { db } from '@/lib/db'
import { PrismaClient } from '@/lib/generated/prisma/client'
import { bus, type BusMessage } from '@/lib/realtime/bus'
import type { LiveEvent } from '@/lib/realtime/events'
import { publishTransient } from '@/lib/realtime/publish'
import { liveEventStream, type StreamOptions } from '@/lib/realtime/stream'
import { createSource } from '@/lib/sources/mutations'
import { groupOf, person } from './fixtures'

export const WAIT = { timeout: 5_000, interval: 10 }

const SENTENCES = Array.from(
  { length: 30 },
  (_, i) => `Sentence ${i + 1} weighs the upkeep of bases against deterrence.`,
)
const TEXT = ['Why Alliances Endure', SENTENCES.join(' ')].join('\n\n')
export const sentence = (n: number) => {
  const start = TEXT.indexOf(`Sentence ${n} weighs`)
  return { start, end: start + `Sentence ${n} weighs`.length }
}

export async function seminar() {
  const iris = await person('Iris')
  const sam = await person('Sam')
  const ann = await person('Ann')
  const { groupId } = await groupOf(iris, [sam, ann], { name: 'Ethics seminar' })
  const { id: sourceId } = await createSource(iris, { groupId, title: 'Why Alliances Endure', text: TEXT })
  const source = { id: sourceId, groupId }
  const highlight = (who: { id: string }, n: number) => createHighlight(who, { sourceId, ...sentence(n), tag: 'CLAIM' })
  return { groupId, sourceId, source, iris, sam, ann, highlight }
}

interface Frame {
  id?: number
  event?: string
  data?: unknown
  retry?: number
  comment?: string
}

function parseFrame(block: string): Frame {
  const frame: Frame = {}
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      frame.comment = line.slice(1).trim()
      continue
    }
    const colon = line.indexOf(':')
    const field = line.slice(0, colon)
    const value = line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id') frame.id = Number(value)
    else if (field === 'event') frame.event = value
    else if (field === 'data') frame.data = JSON.parse(value)
    else if (field === 'retry') frame.retry = Number(value)
    else throw new Error(`Unexpected SSE line: ${JSON.stringify(line)}`)
  }
  return frame
}

const open: { abort: () => Promise<void> }[] = []

/** Opens a live stream (as a student unless told) and reads it in the background into `frames`. */
export function openStream(
  options: Omit<StreamOptions, 'signal' | 'standing'> & { standing?: StreamOptions['standing'] },
) {
  const controller = new AbortController()
  const reader = liveEventStream({ standing: 'student', ...options, signal: controller.signal }).getReader()
  const decoder = new TextDecoder()
  const frames: Frame[] = []
  let buffer = ''
  let ended = false
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
        frames.push(parseFrame(buffer.slice(0, cut)))
        buffer = buffer.slice(cut + 2)
      }
    }
    ended = true
  })()
  const stream = {
    frames,
    /** The frames that carry an event, as [sse id, event]. */
    events: () =>
      frames.filter((f) => f.data !== undefined && f.event === undefined).map((f) => [f.id ?? null, f.data] as const),
    /**
     * Resolves once the stream has started. A reader's stream says `ready` before it marks the
     * reader present and only then listens for the client leaving (see the last test), so for those
     * wait for the presence notice too, and a moment more.
     */
    ready: async () => {
      await vi.waitFor(() => expect(frames.some((f) => f.event === 'ready')).toBe(true), WAIT)
      if (!options.source) return
      const sourceId = options.source.id
      await vi.waitFor(
        () => expect(stream.events()).toContainEqual([null, { type: 'presence.changed', sourceId }]),
        WAIT,
      )
      await new Promise((resolve) => setTimeout(resolve, 300))
    },
    ended: () => ended,
    abort: async () => {
      controller.abort()
      const closed = await Promise.race([
        pump.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000)),
      ])
      if (!closed) throw new Error('The stream did not close when its client went away.')
    },
  }
  open.push(stream)
  return stream
}

/** Closes every stream opened so far (after each test). */
export async function closeStreams(): Promise<void> {
  await Promise.all(open.splice(0).map((stream) => stream.abort()))
}

/** A Prisma client of its own, as another app instance on the same database would have. */
export function otherInstance() {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 })
  const client = new PrismaClient({ adapter: new PrismaPg(pool) })
  return {
    db: client,
    close: async () => {
      await client.$disconnect()
      await pool.end().catch(() => {})
    },
  }
}

export const changed = (sourceId: string, highlightId: string): LiveEvent => ({
  type: 'highlight.changed',
  sourceId,
  highlightId,
})

/**
 * The bus starts listening on its first subscriber; wait until it hears notices, so a test that
 * publishes right after a stream is ready measures the stream rather than the first connection.
 */
export async function warmUpBus(): Promise<void> {
  const warm = await seminar()
  const heard: BusMessage[] = []
  const unsubscribe = bus.subscribe(warm.groupId, (message) => heard.push(message))
  try {
    await vi.waitFor(
      async () => {
        await publishTransient(db, warm.groupId, { type: 'presence.changed', sourceId: warm.sourceId })
        expect(heard.length).toBeGreaterThan(0)
      },
      { timeout: 10_000, interval: 50 },
    )
  } finally {
    unsubscribe()
  }
}
