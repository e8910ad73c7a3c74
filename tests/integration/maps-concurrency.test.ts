// Twenty people editing one group map at the same time for a few seconds: every operation the
// server acknowledged is in the log exactly once, numbered without gaps, the stored map is what
// the log replays to, each change was announced live, and every refusal was a sentence.
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { AppError, Conflict, Invalid, NotFound, toFailure } from '@/lib/errors'
import { Prisma } from '@/lib/generated/prisma/client'
import { createGroup, joinGroupByCode } from '@/lib/groups/mutations'
import { createMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import type { Operation } from '@/lib/maps/schema'
import { eventsNumbered } from '@/lib/realtime/numbering'
import { newId } from '@/lib/ids'
import { person } from './fixtures'
import { nodeAdd, operationLog, replayedState, storedState } from './map-fixtures'

const CLIENTS = 20
const RUN_MS = 3_000
/** On a slow machine the clients keep going past RUN_MS until the run has done this much. */
const MIN_ACKNOWLEDGED = 150
const MAX_RUN_MS = 40_000

const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)]
const coordinate = () => Math.floor(Math.random() * 4_000) - 2_000
const LABELS = [
  'Alliances last when both gain',
  'Shared threats bind allies',
  'Burden sharing keeps them honest',
  'Not always',
  '',
]
const KINDS = ['CLAIM', 'EVIDENCE', 'BIAS', 'NOTE'] as const

/** What every client has heard of so far, deleted things included: stale references are the point. */
const heardOf = { nodes: [] as string[], relations: [] as string[] }

/** A random operation as a client would send it, from what this client last saw of the map. */
function randomOperation(seen: Map<string, number>): Operation {
  const roll = Math.random()
  const node = pick(heardOf.nodes)
  if (roll < 0.3 || !node) {
    return {
      type: 'node.add',
      node: { id: newId(), kind: pick(KINDS)!, label: pick(LABELS)!, x: coordinate(), y: coordinate() },
    }
  }
  if (roll < 0.42) return { type: 'node.move', nodeId: node, x: coordinate(), y: coordinate() }
  if (roll < 0.57) {
    // Everyone keeps rewording the same few central claims, so edits collide.
    const mine = pick(heardOf.nodes.slice(0, 5))!
    return {
      type: 'node.edit',
      nodeId: mine,
      label: `${pick(LABELS)} (${Math.random().toString(36).slice(2, 6)})`,
      kind: pick([...KINDS, undefined]),
      baseVersion: seen.get(mine) ?? 1,
    }
  }
  if (roll < 0.64) return { type: 'node.delete', nodeId: node }
  if (roll < 0.84) {
    const relation = {
      id: newId(),
      fromId: node,
      toId: pick(heardOf.nodes)!,
      kind: pick(['SUPPORTS', 'ATTACKS'] as const)!,
      label: '',
    }
    return { type: 'relation.add', relation }
  }
  const relation = pick(heardOf.relations)
  if (roll < 0.92 && relation) return { type: 'relation.delete', relationId: relation }
  const nodes = [...new Set(Array.from({ length: 1 + Math.floor(Math.random() * 4) }, () => pick(heardOf.nodes)!))]
  return { type: 'layout.apply', positions: nodes.map((nodeId) => ({ nodeId, x: coordinate(), y: coordinate() })) }
}

describe('twenty clients applying random operations to one group map for a few seconds', () => {
  it('logs every acknowledged operation once, gap-free, replays to the stored map, and refuses only with typed errors', async () => {
    const iris = await person('Iris')
    const { id: groupId } = await createGroup(iris, { name: 'Whole-class mapping' })
    const { joinCode } = await db.group.findUniqueOrThrow({ where: { id: groupId }, select: { joinCode: true } })
    const students = []
    for (let i = 1; i < CLIENTS; i++) {
      const student = await person(`Student${i}`)
      await joinGroupByCode(student, { code: joinCode })
      students.push(student)
    }
    const { id: mapId } = await createMap(iris, { groupId, title: 'What makes alliances last?', kind: 'GROUP' })
    await eventsNumbered()
    const eventsBefore = await db.groupEvent.count({ where: { groupId } })

    const acknowledged: { seq: number; op: Operation; actorId: string; opId?: string }[] = []
    const refusals: unknown[] = []
    const started = Date.now()
    const running = () =>
      Date.now() - started < RUN_MS || (acknowledged.length < MIN_ACKNOWLEDGED && Date.now() - started < MAX_RUN_MS)

    const client = async (actor: { id: string }) => {
      const seen = new Map<string, number>()
      /** Catching up, as a client does on a live event: the versions it will base edits on. */
      const look = async () => {
        seen.clear()
        for (const n of await db.mapNode.findMany({ where: { mapId }, select: { id: true, version: true } }))
          seen.set(n.id, n.version)
      }
      for (let sent = 1; running(); sent++) {
        const op = randomOperation(seen)
        try {
          const opId = sent % 3 === 0 ? `client-${actor.id}-${sent}` : undefined
          const { seq } = await applyMapOperation(actor, { mapId, op, opId })
          acknowledged.push({ seq, op, actorId: actor.id, opId })
          if (op.type === 'node.add') heardOf.nodes.push(op.node.id)
          if (op.type === 'relation.add') heardOf.relations.push(op.relation.id)
          if (op.type === 'node.edit') seen.set(op.nodeId, op.baseVersion + 1)
        } catch (error) {
          refusals.push(error)
          if (error instanceof Conflict) await look()
        }
        if (sent % 8 === 0) await look()
      }
    }
    await Promise.all([iris, ...students].map(client))

    const n = acknowledged.length
    const oneToN = Array.from({ length: n }, (_, i) => i + 1)

    const bySeq = [...acknowledged].sort((a, b) => a.seq - b.seq)
    expect(bySeq.map((a) => a.seq)).toEqual(oneToN)
    const log = await operationLog(mapId)
    expect(log.map((entry) => entry.seq)).toEqual(oneToN)
    expect(log.map((entry) => ({ seq: entry.seq, payload: entry.op, actorId: entry.actorId }))).toEqual(
      bySeq.map(({ seq, op, actorId, opId }) => ({ seq, payload: opId ? { ...op, opId } : op, actorId })),
    )
    expect((await db.argumentMap.findUniqueOrThrow({ where: { id: mapId } })).seq).toBe(n)

    const stored = await storedState(mapId)
    expect(stored.nodes.length).toBeGreaterThan(0)
    expect(await replayedState(mapId)).toEqual(stored)

    await eventsNumbered()
    const events = await db.groupEvent.findMany({ where: { groupId }, orderBy: { seq: 'asc' } })
    expect(events).toHaveLength(eventsBefore + n)
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: events.length }, (_, i) => i + 1))
    const mapEvents = events.filter((e) => e.type === 'map.changed')
    expect(mapEvents.map((e) => e.payload)).toEqual(oneToN.map((seq) => ({ type: 'map.changed', mapId, seq })))

    // The run did real work of every kind, and stale references were refused along the way.
    expect(n).toBeGreaterThan(100)
    expect(new Set(acknowledged.map((a) => a.op.type))).toEqual(
      new Set(['node.add', 'node.move', 'node.edit', 'node.delete', 'relation.add', 'relation.delete', 'layout.apply']),
    )
    expect(refusals.length).toBeGreaterThan(0)

    // On a loaded machine some calls cannot even start their transaction: a known bug, pinned down
    // on its own below, not what this run is about.
    const couldNotStart = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2028'
    const untyped = refusals.filter(
      (e) => !(e instanceof Conflict || e instanceof NotFound || e instanceof Invalid || couldNotStart(e)),
    )
    expect(untyped.map((e) => (e instanceof AppError ? `${e.name}: ${e.message}` : String(e)))).toEqual([])
    expect(refusals.some((e) => e instanceof Conflict && e.message.startsWith('Someone else changed this node'))).toBe(
      true,
    )
  }, 120_000)
})

describe('edits arriving while a long change holds the map', () => {
  // Known bug (see the closing report): each edit waiting for the map's row lock holds one of the
  // ten pooled connections, so the eleventh caller cannot start its transaction within Prisma's
  // 2 s and gets "Something went wrong" (P2028) instead of waiting or a sentence. A long restore
  // or a slow server holds the lock like the plain transaction below.
  it('makes them wait their turn or refuses them with a sentence, never with a server error', async () => {
    const iris = await person('Iris')
    const { id: groupId } = await createGroup(iris, { name: 'Patient seminar' })
    const { id: mapId } = await createMap(iris, { groupId, title: 'Busy map', kind: 'GROUP' })
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await holder.connect()
    try {
      await holder.query('BEGIN')
      await holder.query('SELECT 1 FROM "ArgumentMap" WHERE id = $1 FOR UPDATE', [mapId])
      const outcomes = Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          applyMapOperation(iris, { mapId, op: nodeAdd(`Queued ${i}`) }).then(() => null, toFailure),
        ),
      )
      await sleep(3_000)
      await holder.query('COMMIT')
      expect((await outcomes).filter((outcome) => outcome?.status === 500)).toEqual([])
    } finally {
      await holder.end()
    }
  }, 60_000)
})
