// Numbering live events after their writers commit: a writer holds nothing another writer of the
// group waits for; streams and replays only ever see numbered events; numbers stay contiguous and
// in writing order when two app instances number the same group at once or a backlog exceeds one
// batch; a group whose row another transaction holds holds up no other group; and the sweep
// numbers what a crash left pending between a commit and its numbering.
import pg from 'pg'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { db } from '@/lib/db'
import { bus, type BusMessage } from '@/lib/realtime/bus'
import { CHANNEL, type LiveEvent } from '@/lib/realtime/events'
import { eventsNumbered, numberPendingEvents, sweepPendingEvents } from '@/lib/realtime/numbering'
import { eventPosition } from '@/lib/realtime/position'
import { publishInTransaction, transactionWithEvents } from '@/lib/realtime/publish'
import { changed, closeStreams, openStream, otherInstance, seminar, WAIT, warmUpBus } from './live-fixtures'

afterEach(closeStreams)
beforeAll(warmUpBus)

/** An event committed without a numbering being asked for, as when a writer's process dies right after its commit. */
const strand = (groupId: string, event: LiveEvent) =>
  db.$executeRaw`INSERT INTO "GroupEvent" ("groupId", type, payload) VALUES (${groupId}, ${event.type}, ${JSON.stringify(event)}::jsonb)`

const logOf = (groupId: string) =>
  db.groupEvent.findMany({ where: { groupId }, orderBy: { id: 'asc' }, select: { seq: true, payload: true } })

describe('a writer of a group', () => {
  it('holds nothing another writer of the group waits for: a change committed meanwhile is numbered and delivered first', async () => {
    const s = await seminar()
    const watcher = openStream({ groupId: s.groupId, userId: s.iris.id, since: null, source: null })
    await watcher.ready()
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let published = () => {}
    const inside = new Promise<void>((resolve) => (published = resolve))
    // A slow change: its event is written, then its transaction stays open.
    const slow = transactionWithEvents(async (tx) => {
      await publishInTransaction(tx, s.groupId, { type: 'source.changed', sourceId: s.sourceId })
      published()
      await held
    })
    await inside
    try {
      const started = Date.now()
      const quick = await s.highlight(s.sam, 1)
      // Before, the quick writer waited on the group's row until the slow one committed (never, here).
      expect(Date.now() - started).toBeLessThan(2_000)
      await vi.waitFor(() => expect(watcher.events()).toEqual([[1, changed(s.sourceId, quick.id)]]), WAIT)
    } finally {
      release()
    }
    await slow
    await vi.waitFor(() => expect(watcher.events()).toHaveLength(2), WAIT)
    expect(watcher.events()[1]).toEqual([2, { type: 'source.changed', sourceId: s.sourceId }])
    expect((await db.group.findUniqueOrThrow({ where: { id: s.groupId } })).eventSeq).toBe(2)
  })
})

describe('pending events', () => {
  it('are seen by no stream, replay or position until numbered, then arrive live with the next number', async () => {
    const s = await seminar()
    const first = await s.highlight(s.sam, 1)
    await eventsNumbered()
    const live = openStream({ groupId: s.groupId, userId: s.ann.id, since: null, source: null })
    await live.ready()
    await strand(s.groupId, changed(s.sourceId, 'stranded'))

    const replay = openStream({ groupId: s.groupId, userId: s.ann.id, since: 0, source: null })
    await replay.ready()
    expect(replay.events()).toEqual([[1, changed(s.sourceId, first.id)]])
    expect(await eventPosition(s.groupId)).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(live.events()).toEqual([])

    expect(await sweepPendingEvents()).toBeGreaterThanOrEqual(1)
    await eventsNumbered()
    await vi.waitFor(() => expect(live.events()).toEqual([[2, changed(s.sourceId, 'stranded')]]), WAIT)
    await vi.waitFor(() => expect(replay.events()).toHaveLength(2), WAIT)
    expect(await eventPosition(s.groupId)).toBe(2)
  })

  it('left by a crash are numbered by the sweep in the order they were written, once', async () => {
    const s = await seminar()
    const heard: BusMessage[] = []
    const unsubscribe = bus.subscribe(s.groupId, (message) => heard.push(message))
    try {
      for (let i = 0; i < 5; i++) await strand(s.groupId, changed(s.sourceId, `left-${i}`))
      await Promise.all([sweepPendingEvents(), sweepPendingEvents()])
      await eventsNumbered()
      expect(await sweepPendingEvents()).toBe(0)
      const log = await logOf(s.groupId)
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
      expect(log.map((e) => (e.payload as { highlightId: string }).highlightId)).toEqual([
        'left-0',
        'left-1',
        'left-2',
        'left-3',
        'left-4',
      ])
      await vi.waitFor(() => expect(heard).toHaveLength(5), WAIT)
      expect(heard.map((m) => (m.kind === 'notice' ? m.notice.seq : null))).toEqual([1, 2, 3, 4, 5])
    } finally {
      unsubscribe()
    }
  })
})

describe('numbering', () => {
  it('stays contiguous and in writing order when two app instances number the same group at once', async () => {
    const s = await seminar()
    const heard: BusMessage[] = []
    const unsubscribe = bus.subscribe(s.groupId, (message) => heard.push(message))
    const other = otherInstance()
    try {
      let written = 0
      // Events keep arriving while both instances number, each as fast as it can.
      const writing = (async () => {
        for (; written < 300; written++) await strand(s.groupId, changed(s.sourceId, `w${written}`))
      })()
      const mine = (async () => {
        while (written < 300) await numberPendingEvents([s.groupId])
      })()
      const theirs = (async () => {
        while (written < 300)
          await other.db.$queryRaw`SELECT * FROM colloquy_number_events(${CHANNEL}, ${[s.groupId]}::text[], 1000, true)`
      })()
      await Promise.all([writing, mine, theirs])
      await numberPendingEvents([s.groupId])
    } finally {
      await other.close()
      unsubscribe()
    }
    const log = await logOf(s.groupId)
    const numbers = Array.from({ length: 300 }, (_, i) => i + 1)
    // Written one after another, so numbered in that order: seq follows the order of writing.
    expect(log.map((e) => e.seq)).toEqual(numbers)
    expect(log.map((e) => (e.payload as { highlightId: string }).highlightId)).toEqual(numbers.map((n) => `w${n - 1}`))
    expect((await db.group.findUniqueOrThrow({ where: { id: s.groupId } })).eventSeq).toBe(300)
    // Announced once each, in number order.
    await vi.waitFor(() => expect(heard).toHaveLength(300), WAIT)
    expect(heard.map((m) => (m.kind === 'notice' ? m.notice.seq : null))).toEqual(numbers)
  })

  it('goes on with other groups while a group’s row is held by another transaction, and numbers that group once it is let go', async () => {
    const held = await seminar()
    const free = await seminar()
    // A change of the group's settings, still open.
    const settings = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await settings.connect()
    try {
      await settings.query('BEGIN')
      await settings.query(`UPDATE "Group" SET description = 'Tuesdays' WHERE id = $1`, [held.groupId])
      const waiting = await held.highlight(held.sam, 1)
      const other = await free.highlight(free.sam, 1)
      await vi.waitFor(
        async () => expect(await logOf(free.groupId)).toEqual([{ seq: 1, payload: changed(free.sourceId, other.id) }]),
        WAIT,
      )
      expect(await logOf(held.groupId)).toEqual([{ seq: null, payload: changed(held.sourceId, waiting.id) }])
      await settings.query('COMMIT')
      await eventsNumbered()
      expect(await logOf(held.groupId)).toEqual([{ seq: 1, payload: changed(held.sourceId, waiting.id) }])
    } finally {
      await settings.end()
    }
  })

  it('numbers a backlog larger than one batch in several transactions, without a gap', async () => {
    const s = await seminar()
    const event = JSON.stringify(changed(s.sourceId, 'backlog'))
    await db.$executeRaw`INSERT INTO "GroupEvent" ("groupId", type, payload) SELECT ${s.groupId}, 'highlight.changed', ${event}::jsonb FROM generate_series(1, 2500)`
    expect(await numberPendingEvents([s.groupId])).toBe(2500)
    const { count, min, max } = (
      await db.$queryRaw<{ count: bigint; min: number; max: number }[]>`
      SELECT count(DISTINCT seq) AS count, min(seq) AS min, max(seq) AS max FROM "GroupEvent" WHERE "groupId" = ${s.groupId}`
    )[0]!
    expect([Number(count), min, max]).toEqual([2500, 1, 2500])
    expect(await db.groupEvent.count({ where: { groupId: s.groupId, seq: null } })).toBe(0)
  })
})
