// A group's live events as a server-sent event stream. Stored events go out in sequence order
// with their number as the SSE id, once numbered (numbering.ts); a gap (a missed notice, or a
// reconnect with Last-Event-ID) is filled from the event log, so a client never misses one.
import { randomUUID } from 'node:crypto'
import { db } from '@/lib/db'
import type { Standing } from '@/lib/permissions'
import { mayReceive } from '@/lib/permissions/visibility'
import { bus, type BusMessage } from './bus'
import type { LiveEvent, Notice } from './events'
import { eventPosition } from './position'
import { enterSource, leaveSource, touchPresence } from './presence'

const HEARTBEAT_MS = 15_000
const REPLAY_LIMIT = 1000
/** How often an open stream asks whether its reader may still read the group. */
export const RECHECK_MS = 10_000

export interface StreamOptions {
  groupId: string
  userId: string
  /** How the user stands in the group: events about private work go only to those who may see it. */
  standing: Standing
  /** The last sequence number the client has, from Last-Event-ID; null on a first connect. */
  since: number | null
  /** The source the client is reading, for presence. */
  source: { id: string; groupId: string } | null
  signal: AbortSignal
  /**
   * Whether the reader may still read the group (a member, signed in): asked every RECHECK_MS, so
   * a stream outlives neither a removal whose notice was missed nor a sign-out. A removal notice
   * closes the stream at once.
   */
  stillAllowed?: () => Promise<boolean>
  /** RECHECK_MS unless told (tests). */
  recheckMs?: number
  /** Called once when the stream ends, whatever ended it. */
  onClose?: () => void
}

/** The event as the browser gets it: without its audience, which is for the server to decide on. */
const frame = (event: LiveEvent, seq: number | null) =>
  `${seq === null ? '' : `id: ${seq}\n`}data: ${JSON.stringify({ ...event, audience: undefined })}\n\n`

export function liveEventStream(options: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let last = options.since ?? 0
  let chain = Promise.resolve()
  let closed = false
  const connectionId = randomUUID()

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text))
      }
      const viewer = { id: options.userId, standing: options.standing }
      // An event the viewer may not see still moves `last` on, so it is never fetched as a gap.
      const deliver = (event: LiveEvent, seq: number | null) => {
        // For the server only: the removed member's own streams end here and now.
        if (event.type === 'member.removed') return event.userId === options.userId ? close() : undefined
        if (mayReceive(viewer, event.audience)) send(frame(event, seq))
      }
      const catchUp = async () => {
        // Numbered events only (a pending one has no seq yet; its notice follows its numbering).
        const rows = await db.groupEvent.findMany({
          where: { groupId: options.groupId, seq: { gt: last } },
          orderBy: { seq: 'asc' },
          take: REPLAY_LIMIT,
          select: { seq: true, payload: true },
        })
        for (const row of rows) {
          deliver(row.payload as LiveEvent, row.seq!)
          last = row.seq!
        }
      }
      const handle = async (message: BusMessage) => {
        if (message.kind === 'resync') return catchUp()
        const notice: Notice = message.notice
        if (notice.seq === null) return deliver(notice.event, null)
        if (notice.seq <= last) return
        if (notice.seq === last + 1) {
          last = notice.seq
          return deliver(notice.event, notice.seq)
        }
        await catchUp()
      }

      const timer: { heartbeat?: ReturnType<typeof setInterval>; recheck?: ReturnType<typeof setInterval> } = {}
      let unsubscribe = () => {}
      function close() {
        if (closed) return
        closed = true
        clearInterval(timer.heartbeat)
        clearInterval(timer.recheck)
        unsubscribe()
        options.onClose?.()
        if (options.source) void chain.then(() => leaveSource(connectionId, options.source!)).catch(() => {})
        try {
          controller.close()
        } catch {
          // Already closed by the client.
        }
      }
      // Listening from the very start, so a client that leaves while we start up is forgotten.
      options.signal.addEventListener('abort', close)
      if (options.signal.aborted) return close()

      // The starting point is settled first; notices that arrive meanwhile queue behind it and are
      // then sent, skipped (already counted) or fetched from the log (a gap), all in order.
      chain = (async () => {
        // Listen first: a change committed before LISTEN took effect is then in the number or log
        // read next, and any later one arrives as a notice. The other way round, a change landing
        // in between on a process that was not yet listening would wait for the next notice.
        await bus.listening()
        if (options.since === null) {
          last = await eventPosition(options.groupId)
          send(`id: ${last}\nevent: ready\ndata: {}\n\n`)
        } else {
          await catchUp()
          send(`event: ready\ndata: {}\n\n`)
        }
      })()
      unsubscribe = bus.subscribe(options.groupId, (message) => {
        chain = chain.then(() => handle(message)).catch(() => {})
      })
      send('retry: 2000\n\n')
      await chain.catch(() => {})
      if (closed) return
      if (options.source) await enterSource(connectionId, options.userId, options.source)
      if (closed && options.source) await leaveSource(connectionId, options.source).catch(() => {})

      timer.heartbeat = setInterval(() => {
        send(': ping\n\n')
        if (options.source) void touchPresence(connectionId).catch(() => {})
      }, HEARTBEAT_MS)
      const stillAllowed = options.stillAllowed
      if (stillAllowed) {
        timer.recheck = setInterval(() => {
          // A failed check (the database is away) keeps the stream; a clear "no" ends it.
          void stillAllowed().then(
            (allowed) => allowed || close(),
            () => {},
          )
        }, options.recheckMs ?? RECHECK_MS)
      }
    },
  })
}
