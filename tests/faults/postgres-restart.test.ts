// PostgreSQL stops (fast shutdown) in the middle of a steady stream of highlight writes and comes
// back on the same data and port three seconds later, while the app keeps running. Every write
// the app acknowledged must be stored; every write it could not save must be refused quickly with
// a 503 that says nothing was saved and to try again; writes must work again without restarting
// the app; and a live client must end up with every acknowledged highlight's event.
import { afterEach, expect, it } from 'vitest'
import type { LiveEvent } from '@/lib/realtime/events'
import { postJson, signIn, type Outcome } from './harness/client'
import { allEventsNumbered } from './harness/database'
import { openLiveClient } from './harness/live'
import { cleanUp, onCleanup, passagesOf, sleep, startScenario, until } from './harness/scenario'

const WRITERS = ['alex', 'bea', 'chris', 'instructor'] as const
const OUTAGE_MS = 3_000
/** No answer may take longer than this, outage or not. */
const ANSWER_WITHIN_MS = 10_000
const PAUSE_BETWEEN_WRITES_MS = 20

interface Write extends Outcome {
  writer: string
  sourceId: string
  start: number
  end: number
}

afterEach(cleanUp)

it('keeps every acknowledged highlight, refuses the rest with a clear 503, and recovers without an app restart', async () => {
  const { db, apps, logTail } = await startScenario('postgres-restart', ['app'])
  const app = apps[0]!
  const { groupId, sources, users } = db.seminar
  const sessions = await Promise.all(WRITERS.map((name) => signIn(app.url, `${name}@colloquy.test`)))

  const live = openLiveClient(sessions[0]!, groupId)
  onCleanup(live.close)
  await live.ready()

  const writes: Write[] = []
  let phase: 'load' | 'done' = 'load'
  // Each writer highlights its own essay, word after word: no two writes are twins.
  const writer = async (index: number) => {
    const source = sources[index]!
    const session = sessions[index]!
    for (const passage of passagesOf(source.text)) {
      if (phase === 'done') return
      const outcome = await postJson(
        session,
        `/api/sources/${source.id}/highlights`,
        { ...passage, tag: 'CLAIM' },
        ANSWER_WITHIN_MS + 5_000,
      )
      writes.push({ ...outcome, writer: WRITERS[index]!, sourceId: source.id, ...passage })
      await sleep(PAUSE_BETWEEN_WRITES_MS)
    }
    throw new Error(`${WRITERS[index]} ran out of passages`)
  }
  const running = Promise.all(WRITERS.map((_, index) => writer(index)))
  const saved = (from = 0) => writes.filter((w) => w.status === 201 && w.startedAt >= from)
  const savedBy = (name: string, from = 0) => saved(from).filter((w) => w.writer === name).length

  try {
    await until(() => WRITERS.every((name) => savedBy(name) >= 5), 20_000, 'every writer has saved 5 highlights')
    await sleep(1_000)

    const stopping = Date.now()
    await db.stop()
    const stopped = Date.now()
    await sleep(OUTAGE_MS)
    const restarting = Date.now()
    await db.start()
    const restarted = Date.now()

    const recovery = await until(
      () => WRITERS.every((name) => savedBy(name, restarted) >= 5),
      20_000,
      'every writer saves again after the restart',
    )
    phase = 'done'
    await running
    const writesEnded = Date.now()

    // The app was never restarted.
    expect(app.alive()).toBe(true)

    const failures = writes.filter((w) => w.status !== 201)
    const unexpected = failures.filter((w) => w.status !== 503)
    const firstUnexpected = unexpected.slice(0, 3).map((w) => ({ status: w.status, body: w.body, failure: w.failure }))
    expect(
      unexpected.length,
      `not 201 nor 503, e.g. ${JSON.stringify(firstUnexpected)}; app log:\n${logTail('app', 12)}`,
    ).toBe(0)
    for (const refused of failures) {
      expect(refused.body).toEqual({ error: expect.stringMatching(/nothing was saved|was not saved/), fieldErrors: {} })
      expect((refused.body as { error: string }).error).toMatch(/try again/i)
      expect(refused.retryAfter).toMatch(/^\d+$/)
    }
    expect(Math.max(...writes.map((w) => w.ms))).toBeLessThan(ANSWER_WITHIN_MS)

    // Every write sent entirely while the server was down was refused, and there were such writes
    // from every writer; none was acknowledged.
    const duringOutage = writes.filter((w) => w.startedAt >= stopped && w.startedAt + w.ms <= restarting)
    for (const name of WRITERS) expect(duringOutage.filter((w) => w.writer === name).length).toBeGreaterThan(0)
    expect(duringOutage.filter((w) => w.status !== 503)).toEqual([])

    // Stored: exactly the acknowledged highlights (so "nothing was saved" was true), each with its event.
    const acknowledged = saved().map((w) => (w.body as { id: string }).id)
    const { rows: stored } = await db.sql.query<{ id: string }>(
      `SELECT id FROM "Highlight" WHERE "authorId" = ANY($1::text[])`,
      [WRITERS.map((name) => users[name])],
    )
    const added = stored.map((r) => r.id).filter((id) => !db.seminar.seeded.highlightIds.has(id))
    expect(added.sort()).toEqual([...acknowledged].sort())
    // Numbered on from the demo's own history, without a gap (once those the outage left waiting are numbered).
    await allEventsNumbered(db.sql, groupId)
    const { lastEventSeq } = db.seminar.seeded
    const { rows: events } = await db.sql.query<{ seq: number; payload: LiveEvent }>(
      `SELECT seq, payload FROM "GroupEvent" WHERE "groupId" = $1 AND seq > $2 ORDER BY seq`,
      [groupId, lastEventSeq],
    )
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => lastEventSeq + i + 1))
    expect(events.map((e) => (e.payload as { highlightId: string }).highlightId).sort()).toEqual(
      [...acknowledged].sort(),
    )

    // The live client, connected throughout, saw every acknowledged highlight's event once, in order.
    const seen = () => new Set(live.events.map((e) => (e.event as { highlightId?: string }).highlightId))
    await until(
      () => acknowledged.every((id) => seen().has(id)) || live.gaveUp() !== undefined,
      15_000,
      'the live client has seen every acknowledged highlight',
    ).catch(() => {})
    expect(live.gaveUp()).toBeUndefined()
    expect(acknowledged.filter((id) => !seen().has(id))).toEqual([])
    expect(live.events.map((e) => e.seq)).toEqual(events.map((e) => e.seq))

    console.log(
      `[faults] PostgreSQL restart: ${writes.length} writes, ${acknowledged.length} acknowledged, ${failures.length} refused with 503 ` +
        `(${duringOutage.length} during the ${restarting - stopped} ms outage); shutdown took ${stopped - stopping} ms, start ${restarted - restarting} ms; ` +
        `every writer saved again ${recovery} ms after the restart; slowest answer ${Math.max(...writes.map((w) => w.ms))} ms; ` +
        `live client connected ${live.connects()} time(s) and got ${live.events.filter((e) => e.at > writesEnded).length} event(s) after the last write`,
    )
  } finally {
    phase = 'done'
    await running.catch(() => {})
  }
})
