// Two app instances on one database, as behind a load balancer: a change made through either
// reaches the live clients of the other within a few seconds, with the same event numbers, and a
// session cookie from one instance is accepted by the other (they share AUTH_SECRET).
import { afterEach, expect, it } from 'vitest'
import { postJson, signIn, type Session } from './harness/client'
import { openLiveClient, type LiveClient } from './harness/live'
import { cleanUp, onCleanup, passagesOf, startScenario, until } from './harness/scenario'

const DELIVERED_WITHIN_MS = 5_000
const ROUNDS = 5

afterEach(cleanUp)

it('delivers a highlight made through one instance to live clients of the other, both ways', async () => {
  const { db, apps } = await startScenario('two-instances', ['app-a', 'app-b'])
  const [a, b] = apps as [(typeof apps)[0], (typeof apps)[0]]
  const { groupId, sources } = db.seminar

  const alexOnA = await signIn(a.url, 'alex@colloquy.test')
  const alexOnB: Session = { ...alexOnA, baseUrl: b.url }
  const beaOnB = await signIn(b.url, 'bea@colloquy.test')

  const onA = openLiveClient({ ...beaOnB, baseUrl: a.url }, groupId)
  const onB = openLiveClient(alexOnB, groupId)
  onCleanup(onA.close)
  onCleanup(onB.close)
  await Promise.all([onA.ready(), onB.ready()])

  const passages = passagesOf(sources[0]!.text)
  const latencies: number[] = []
  const create = async (session: Session, round: number) => {
    const response = await postJson(
      session,
      `/api/sources/${sources[0]!.id}/highlights`,
      { ...passages[round]!, tag: 'EVIDENCE' },
      15_000,
    )
    expect(response.status, JSON.stringify(response.body)).toBe(201)
    // Measured from sending the request: the event can arrive before the answer does.
    return { id: (response.body as { id: string }).id, at: response.startedAt }
  }
  const arrival = async (client: LiveClient, highlightId: string, sentAt: number) => {
    const match = () =>
      client.events.find((e) => e.event.type === 'highlight.changed' && e.event.highlightId === highlightId)
    await until(
      () => match() !== undefined || client.gaveUp() !== undefined,
      DELIVERED_WITHIN_MS + 5_000,
      `highlight ${highlightId} reaches the other instance`,
    )
    expect(client.gaveUp()).toBeUndefined()
    latencies.push(match()!.at - sentAt)
    return match()!
  }

  for (let round = 0; round < ROUNDS * 2; round++) {
    // Even rounds write through A (Alex's cookie from A) and listen on B; odd rounds the reverse.
    const [writer, listener] = round % 2 === 0 ? [alexOnA, onB] : [beaOnB, onA]
    const { id, at } = await create(writer, round)
    const received = await arrival(listener, id, at)
    const { rows } = await db.sql.query<{ seq: number }>(
      `SELECT seq FROM "GroupEvent" WHERE "groupId" = $1 AND payload->>'highlightId' = $2`,
      [groupId, id],
    )
    expect(rows).toEqual([{ seq: received.seq }])
    expect(received.event).toEqual({ type: 'highlight.changed', sourceId: sources[0]!.id, highlightId: id })
  }
  expect(Math.max(...latencies)).toBeLessThan(DELIVERED_WITHIN_MS)

  // Both instances told their clients the same story: every event, once, in order.
  const { rows: log } = await db.sql.query<{ seq: number }>(
    `SELECT seq FROM "GroupEvent" WHERE "groupId" = $1 AND seq > $2 ORDER BY seq`,
    [groupId, db.seminar.seeded.lastEventSeq],
  )
  expect(log).toHaveLength(ROUNDS * 2)
  await until(
    () => onA.events.length >= log.length && onB.events.length >= log.length,
    5_000,
    'both clients have every event',
  )
  expect(onA.events.map((e) => e.seq)).toEqual(log.map((e) => e.seq))
  expect(onB.events.map((e) => [e.seq, e.event])).toEqual(onA.events.map((e) => [e.seq, e.event]))

  const sorted = [...latencies].sort((x, y) => x - y)
  console.log(
    `[faults] two instances: ${latencies.length} cross-instance deliveries, median ${sorted[Math.floor(sorted.length / 2)]} ms, slowest ${sorted.at(-1)} ms`,
  )
})
