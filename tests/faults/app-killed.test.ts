// The app process is killed (SIGKILL: no shutdown hooks, requests cut mid-flight) while people
// create highlights and edit argument maps, then started again. Every acknowledged write must be
// there, and nothing may be half-written: each map equals the replay of its operation log, map
// and event numbers have no gaps, and every event belongs to a change that exists.
import { afterEach, expect, it } from 'vitest'
import type { LiveEvent } from '@/lib/realtime/events'
import { replay, type MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { callAction, inFlight, postJson, serverAction, signIn, type Outcome, type Session } from './harness/client'
import { allEventsNumbered, type FaultDatabase } from './harness/database'
import { openLiveClient } from './harness/live'
import { cleanUp, onCleanup, passagesOf, startScenario, until } from './harness/scenario'
import { newId } from '@/lib/ids'

const ANSWER_WITHIN_MS = 15_000

afterEach(cleanUp)

type Result<T> = { ok: true; data: T } | { ok: false; status: number; error: string }

interface MapWrite extends Outcome {
  mapId: string
  opId: string
  op: Operation
}

/** One person editing one map: adds, cites, connects, moves, edits, lays out and deletes their own nodes. */
async function editMap(
  session: Session,
  groupId: string,
  mapId: string,
  citable: () => string[],
  writes: MapWrite[],
  steps = Infinity,
) {
  const apply = serverAction('lib/maps/actions.ts', 'applyOperationAction')
  const nodes: { id: string; version: number }[] = []
  const connected = new Set<string>()
  for (let step = 0; step < steps; step++) {
    let op: Operation
    const [first, second] = [nodes[step % Math.max(nodes.length, 1)], nodes[(step + 1) % Math.max(nodes.length, 1)]]
    const pair = first && second && first !== second ? [first.id, second.id].sort().join(':') : undefined
    switch (nodes.length < 3 ? 0 : step % 6) {
      case 1:
        if (pair && !connected.has(pair)) {
          op = {
            type: 'relation.add',
            relation: {
              id: newId(),
              fromId: first!.id,
              toId: second!.id,
              kind: step % 4 ? 'SUPPORTS' : 'ATTACKS',
              label: '',
            },
          }
          break
        }
      // falls through
      case 2:
        op = { type: 'node.move', nodeId: first!.id, x: step * 7, y: step * 3 }
        break
      case 3:
        op = { type: 'node.edit', nodeId: first!.id, label: `Edited at step ${step}`, baseVersion: first!.version }
        break
      case 4:
        op = { type: 'layout.apply', positions: nodes.map((n, i) => ({ nodeId: n.id, x: i * 40, y: step })) }
        break
      case 5:
        op =
          nodes.length > 6
            ? { type: 'node.delete', nodeId: nodes[0]!.id }
            : { type: 'node.move', nodeId: first!.id, x: -step, y: step }
        break
      default: {
        const passages = citable()
        const highlightId = step % 2 && passages.length ? passages[step % passages.length]! : null
        op = {
          type: 'node.add',
          node: {
            id: newId(),
            kind: highlightId ? 'EVIDENCE' : 'CLAIM',
            label: `Node of step ${step}`,
            highlightId,
            x: step,
            y: step,
          },
        }
      }
    }
    const opId = newId()
    const outcome = await callAction(session, apply, { groupId, mapId }, { mapId, op, opId }, ANSWER_WITHIN_MS)
    writes.push({ ...outcome, mapId, opId, op })
    const result = outcome.body as Result<{ seq: number }> | null
    // No answer (the app was killed): whether it was applied is unknown, so this editor stops.
    if (outcome.status === 0) return
    if (!result?.ok) throw new Error(`A map edit was refused: ${outcome.status} ${JSON.stringify(outcome.body)}`)
    if (op.type === 'node.add') nodes.push({ id: op.node.id, version: 1 })
    if (op.type === 'relation.add') connected.add([op.relation.fromId, op.relation.toId].sort().join(':'))
    if (op.type === 'node.edit') first!.version++
    if (op.type === 'node.delete') {
      nodes.shift()
      for (const key of [...connected]) if (key.includes(op.nodeId)) connected.delete(key)
    }
  }
}

async function storedMap(db: FaultDatabase, mapId: string): Promise<MapState> {
  const { rows: nodes } = await db.sql.query(
    `SELECT id, kind::text AS kind, label, "highlightId", x, y, version FROM "MapNode" WHERE "mapId" = $1 ORDER BY id`,
    [mapId],
  )
  const { rows: relations } = await db.sql.query(
    `SELECT id, "fromId", "toId", kind::text AS kind, label FROM "MapRelation" WHERE "mapId" = $1 ORDER BY id`,
    [mapId],
  )
  return { nodes, relations } as MapState
}

const byId = (state: MapState): MapState => ({
  nodes: [...state.nodes].sort((x, y) => x.id.localeCompare(y.id)),
  relations: [...state.relations].sort((x, y) => x.id.localeCompare(y.id)),
})

it('loses no acknowledged write and leaves nothing half-written when the app is killed mid-write', async () => {
  const { db, apps, logTail } = await startScenario('app-killed', ['app'])
  const app = apps[0]!
  const { groupId, sources } = db.seminar
  const [instructor, alex, bea, chris] = await Promise.all(
    ['instructor', 'alex', 'bea', 'chris'].map((name) => signIn(app.url, `${name}@colloquy.test`)),
  )

  const createMap = serverAction('lib/maps/actions.ts', 'createMapAction')
  const mapOf = async (session: Session, kind: 'GROUP' | 'PERSONAL') => {
    const created = await callAction(
      session,
      createMap,
      { groupId },
      { groupId, title: `Killed mid-write (${kind})`, kind },
      ANSWER_WITHIN_MS,
    )
    const result = created.body as Result<{ id: string }>
    if (!result.ok) throw new Error(`Could not create a map: ${created.status} ${JSON.stringify(created.body)}`)
    return result.data.id
  }
  const groupMap = await mapOf(instructor!, 'GROUP')
  const personalMap = await mapOf(bea!, 'PERSONAL')
  // The demo seminar arrives with highlights and maps of its own; the checks below are about what this test writes.
  const { rows: seeded } = await db.sql.query<{ id: string }>(
    `SELECT h.id FROM "Highlight" h JOIN "Source" s ON s.id = h."sourceId" WHERE s."groupId" = $1`,
    [groupId],
  )
  const seededHighlights = new Set(seeded.map((h) => h.id))

  const live = openLiveClient(chris!, groupId)
  onCleanup(live.close)
  await live.ready()
  // Where the group's event log stood when Chris's stream opened (nothing is being written yet), and who he is.
  await allEventsNumbered(db.sql, groupId)
  const { rows: opened } = await db.sql.query<{ eventSeq: number }>(`SELECT "eventSeq" FROM "Group" WHERE id = $1`, [
    groupId,
  ])
  const { rows: chrisRow } = await db.sql.query<{ id: string }>(
    `SELECT id FROM "User" WHERE email = 'chris@colloquy.test'`,
  )
  const [openedAt, chrisId] = [opened[0]!.eventSeq, chrisRow[0]!.id]

  const highlightWrites: (Outcome & { author: string })[] = []
  const mapWrites: MapWrite[] = []
  const acknowledgedHighlights = () =>
    highlightWrites.filter((w) => w.status === 201).map((w) => (w.body as { id: string }).id)

  const highlighter = async (session: Session, author: string, source: { id: string; text: string }) => {
    for (const passage of passagesOf(source.text)) {
      const outcome = await postJson(
        session,
        `/api/sources/${source.id}/highlights`,
        { ...passage, tag: 'BIAS' },
        ANSWER_WITHIN_MS,
      )
      highlightWrites.push({ ...outcome, author })
      if (outcome.status === 0) return
      if (outcome.status !== 201)
        throw new Error(`A highlight was refused: ${outcome.status} ${JSON.stringify(outcome.body)}`)
    }
  }
  const editor = (session: Session, mapId: string) =>
    editMap(session, groupId, mapId, acknowledgedHighlights, mapWrites)

  const load = Promise.all([
    highlighter(alex!, 'alex', sources[0]!),
    highlighter(chris!, 'chris', sources[1]!),
    editor(instructor!, groupMap),
    editor(alex!, groupMap),
    editor(bea!, personalMap),
  ])
  const ackedOps = () => mapWrites.filter((w) => (w.body as Result<unknown> | null)?.ok === true)

  await until(() => acknowledgedHighlights().length >= 10 && ackedOps().length >= 15, 30_000, 'the load is under way')
  const inFlightAtKill = inFlight()
  await app.kill()
  await load
  expect(app.alive()).toBe(false)
  const unanswered = [...highlightWrites, ...mapWrites].filter((w) => w.status === 0).length
  const restarting = Date.now()
  await app.start()
  const restartMs = Date.now() - restarting

  // Every acknowledged highlight and map operation is stored, the operations under the number given.
  const { rows: highlights } = await db.sql.query<{ id: string }>(
    `SELECT h.id FROM "Highlight" h JOIN "Source" s ON s.id = h."sourceId" WHERE s."groupId" = $1`,
    [groupId],
  )
  const storedHighlights = new Set(highlights.map((h) => h.id).filter((id) => !seededHighlights.has(id)))
  expect(
    acknowledgedHighlights().filter((id) => !storedHighlights.has(id)),
    logTail('app'),
  ).toEqual([])
  const { rows: log } = await db.sql.query<{ mapId: string; seq: number; payload: Operation & { opId?: string } }>(
    `SELECT "mapId", seq, payload FROM "MapOperation" WHERE "mapId" = ANY($1::text[]) ORDER BY "mapId", seq`,
    [[groupMap, personalMap]],
  )
  for (const write of ackedOps()) {
    const seq = (write.body as { data: { seq: number } }).data.seq
    expect(log.find((entry) => entry.mapId === write.mapId && entry.seq === seq)?.payload.opId).toBe(write.opId)
  }

  // Nothing half-written: each map is the replay of its log, numbered 1..n with the map's own counter at n.
  for (const mapId of [groupMap, personalMap]) {
    const entries = log.filter((entry) => entry.mapId === mapId)
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
    const { rows } = await db.sql.query<{ seq: number }>(`SELECT seq FROM "ArgumentMap" WHERE id = $1`, [mapId])
    expect(rows[0]!.seq).toBe(entries.length)
    expect(byId(await storedMap(db, mapId))).toEqual(byId(replay(entries.map((e) => e.payload))))
  }

  // Group events: numbered 1..n with the group's counter at n; one per stored highlight and one per
  // map operation, and none for a change that is not there. Those the kill left unnumbered are
  // numbered by the restarted app's sweep.
  const numberedWithin = await allEventsNumbered(db.sql, groupId)
  const { rows: events } = await db.sql.query<{ seq: number; payload: LiveEvent }>(
    `SELECT seq, payload FROM "GroupEvent" WHERE "groupId" = $1 ORDER BY seq`,
    [groupId],
  )
  const { rows: group } = await db.sql.query<{ eventSeq: number }>(`SELECT "eventSeq" FROM "Group" WHERE id = $1`, [
    groupId,
  ])
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
  expect(group[0]!.eventSeq).toBe(events.length)
  const highlightEvents = events.flatMap((e) => (e.payload.type === 'highlight.changed' ? [e.payload.highlightId] : []))
  expect(highlightEvents.sort()).toEqual([...storedHighlights].sort())
  const underTest = new Set([groupMap, personalMap])
  const mapEvents = events.flatMap((e) =>
    e.payload.type === 'map.changed' && underTest.has(e.payload.mapId) ? [`${e.payload.mapId}:${e.payload.seq}`] : [],
  )
  expect(mapEvents.sort()).toEqual(log.map((entry) => `${entry.mapId}:${entry.seq}`).sort())

  // The restarted app takes writes again, and the live client, which reconnected with its last
  // event id, has every event exactly once.
  const after = await postJson(
    alex!,
    `/api/sources/${sources[2]!.id}/highlights`,
    { ...passagesOf(sources[2]!.text)[0]!, tag: 'CLAIM' },
    ANSWER_WITHIN_MS,
  )
  expect(after.status, JSON.stringify(after.body)).toBe(201)
  const before = mapWrites.length
  await editMap(bea!, groupId, personalMap, acknowledgedHighlights, mapWrites, 3)
  expect(mapWrites.slice(before).map((w) => (w.body as Result<unknown>).ok)).toEqual([true, true, true])
  // Chris, a student, is sent every event since his stream opened but those meant for someone else
  // alone (Bea's personal map here, which only she and the instructors may see).
  const { rows: finalLog } = await db.sql.query<{ seq: number; payload: LiveEvent }>(
    `SELECT seq, payload FROM "GroupEvent" WHERE "groupId" = $1 AND seq > $2 ORDER BY seq`,
    [groupId, openedAt],
  )
  const meantFor = (audience: NonNullable<LiveEvent['audience']>) =>
    audience.rule === 'person' ? audience.userId : audience.ownerId
  const forChris = finalLog.filter((e) => !e.payload.audience || meantFor(e.payload.audience) === chrisId)
  expect(
    finalLog.filter((e) => e.payload.type === 'map.changed' && e.payload.mapId === personalMap).length,
  ).toBeGreaterThan(0)
  expect(forChris.some((e) => e.payload.type === 'map.changed' && e.payload.mapId === personalMap)).toBe(false)
  await until(
    () => live.events.length >= forChris.length || live.gaveUp() !== undefined,
    15_000,
    'the live client has caught up',
  )
  expect(live.gaveUp()).toBeUndefined()
  expect(live.events.map((e) => e.seq)).toEqual(forChris.map((e) => e.seq))
  expect(live.connects()).toBeGreaterThanOrEqual(2)

  console.log(
    `[faults] app killed: ${acknowledgedHighlights().length} highlights and ${ackedOps().length} map operations acknowledged, ` +
      `${inFlightAtKill} requests in flight at the kill, ${unanswered} unanswered; restart took ${restartMs} ms; ` +
      `${events.length} events (all numbered ${numberedWithin} ms after the restart), maps at seq ${[groupMap, personalMap].map((id) => log.filter((e) => e.mapId === id).length).join(' and ')}`,
  )
})
