// The rules every map edit obeys: bad input is refused with a sentence and changes nothing,
// deleting a node takes its relations along, stale edits conflict, a layout is stored as logged,
// and restoring a revision adds to the log instead of rewriting it.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { toFailure } from '@/lib/errors'
import { MAP_NOT_FOUND } from '@/lib/maps/access'
import { restoreRevision } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import type { Operation } from '@/lib/maps/schema'
import { newId } from '@/lib/ids'
import { refusal } from './fixtures'
import {
  applyAll,
  mapSnapshot,
  nodeAdd,
  operationLog,
  relationAdd,
  replayedState,
  sorted,
  storedState,
  twoMaps,
} from './map-fixtures'

const NOT_CONNECTABLE = 'A relation can only connect two nodes of this map.'
const ALREADY_CONNECTED = 'These two nodes are already connected; change that relation instead.'
const NODE_GONE = 'That node is no longer on the map; someone may have deleted it.'
const BAD_ID = 'That link or id is not valid.'

describe('refused edits', () => {
  it('answers each bad edit with a clear sentence and changes nothing on any map', async () => {
    const m = await twoMaps()
    const node = (extra: object) => ({
      type: 'node.add',
      node: { id: newId(), kind: 'CLAIM', label: 'Fine', x: 0, y: 0, ...extra },
    })
    const cases: [string, { id: string } | null, object, number, string][] = [
      [
        'a label over 500 characters',
        m.sam,
        node({ label: 'x'.repeat(501) }),
        400,
        'A node label can be at most 500 characters.',
      ],
      [
        'an edit over 500 characters',
        m.sam,
        { type: 'node.edit', nodeId: m.a, label: 'y'.repeat(501), baseVersion: 1 },
        400,
        'A node label can be at most 500 characters.',
      ],
      ['an unknown node kind', m.sam, node({ kind: 'THEORY' }), 400, 'A node is a claim, evidence, bias or note.'],
      ['a relation to a missing node', m.sam, relationAdd(m.a, newId()), 400, NOT_CONNECTABLE],
      ['a relation to a node of another map', m.sam, relationAdd(m.a, m.c), 400, NOT_CONNECTABLE],
      ['a node supporting itself', m.sam, relationAdd(m.a, m.a), 400, 'A node cannot support or attack itself.'],
      ['the same relation again', m.ann, relationAdd(m.b, m.a, 'ATTACKS'), 409, ALREADY_CONNECTED],
      ['the same relation reversed', m.ann, relationAdd(m.a, m.b), 409, ALREADY_CONNECTED],
      ['a node id already used on another map', m.sam, node({ id: m.c }), 409, 'That node already exists.'],
      ['an edit by someone outside the group', m.olga, node({}), 404, MAP_NOT_FOUND],
      ['a NaN position', m.sam, { type: 'node.move', nodeId: m.a, x: Number.NaN, y: 0 }, 400, 'Positions are numbers.'],
      ['an infinite position', m.sam, node({ y: Number.POSITIVE_INFINITY }), 400, 'Positions are numbers.'],
      [
        'an infinite laid-out position',
        m.sam,
        { type: 'layout.apply', positions: [{ nodeId: m.a, x: Number.NEGATIVE_INFINITY, y: 0 }] },
        400,
        'Positions are numbers.',
      ],
      ['a malformed node id', m.sam, node({ id: 'node-1' }), 400, BAD_ID],
      [
        'a malformed relation end',
        m.sam,
        { type: 'relation.add', relation: { id: newId(), fromId: m.a, toId: 'B'.repeat(32), kind: 'SUPPORTS' } },
        400,
        BAD_ID,
      ],
      ['moving a node of another map', m.sam, { type: 'node.move', nodeId: m.c, x: 1, y: 1 }, 404, NODE_GONE],
      [
        'laying out a node of another map',
        m.sam,
        {
          type: 'layout.apply',
          positions: [
            { nodeId: m.a, x: 9, y: 9 },
            { nodeId: m.c, x: 9, y: 9 },
          ],
        },
        404,
        NODE_GONE,
      ],
      [
        'moving a relation onto other nodes',
        m.sam,
        { type: 'relation.edit', relationId: m.r, fromId: m.a, toId: m.c },
        400,
        'A relation can be reversed, but not moved to other nodes.',
      ],
      [
        'reversing with one end only',
        m.sam,
        { type: 'relation.edit', relationId: m.r, fromId: m.a },
        400,
        'To reverse a relation, give both of its ends.',
      ],
      [
        'deleting a relation of no map',
        m.sam,
        { type: 'relation.delete', relationId: newId() },
        404,
        'That relation is no longer on the map; someone may have deleted it.',
      ],
    ]
    const before = [await mapSnapshot(m.mapId), await mapSnapshot(m.otherMapId)]
    for (const [what, actor, op, status, error] of cases) {
      expect(await refusal(applyMapOperation(actor, { mapId: m.mapId, op })), what).toMatchObject({ status, error })
    }
    const unknown = await refusal(
      applyMapOperation(m.sam, { mapId: m.mapId, op: { type: 'node.teleport', nodeId: m.a } }),
    )
    expect(unknown).toMatchObject({
      status: 400,
      fieldErrors: { 'op.type': 'That is not a map change Colloquy knows.' },
    })
    expect(await refusal(applyMapOperation(m.sam, { mapId: 'not a map', op: node({}) }))).toMatchObject({
      status: 400,
      error: BAD_ID,
    })
    expect([await mapSnapshot(m.mapId), await mapSnapshot(m.otherMapId)]).toEqual(before)
  })

  it('reverses a relation in place: same id, feedback kept, the log replays to it', async () => {
    const m = await twoMaps()
    await db.feedback.create({
      data: { mapId: m.mapId, authorId: m.iris.id, relationId: m.r, body: 'Which way does this go?' },
    })
    await applyMapOperation(m.ann, {
      mapId: m.mapId,
      op: { type: 'relation.edit', relationId: m.r, fromId: m.a, toId: m.b },
    })
    const state = await storedState(m.mapId)
    expect(state.relations).toMatchObject([{ id: m.r, fromId: m.a, toId: m.b }])
    expect(await db.feedback.count({ where: { relationId: m.r } })).toBe(1)
    expect(sorted(await replayedState(m.mapId))).toEqual(sorted(state))
  })

  it('refuses the 2,001st node and keeps the 2,000', async () => {
    const m = await twoMaps()
    await db.mapNode.createMany({
      data: Array.from({ length: 1_998 }, (_, i) => ({
        id: newId(),
        mapId: m.mapId,
        kind: 'NOTE' as const,
        label: `Note ${i}`,
        x: i,
        y: 0,
      })),
    })
    const before = await mapSnapshot(m.mapId)
    expect(before.state.nodes).toHaveLength(2_000)
    expect(await refusal(applyMapOperation(m.ann, { mapId: m.mapId, op: nodeAdd('One too many') }))).toMatchObject({
      status: 400,
      error: 'A map can hold at most 2,000 nodes.',
    })
    expect(await mapSnapshot(m.mapId)).toEqual(before)
    await applyMapOperation(m.ann, { mapId: m.mapId, op: { type: 'node.delete', nodeId: m.a } })
    expect(await applyMapOperation(m.ann, { mapId: m.mapId, op: nodeAdd('Room again') })).toEqual({
      seq: before.map!.seq + 2,
    })
  })
})

describe('edits that meet other edits', () => {
  it('deletes a node together with its relations, as one logged operation', async () => {
    const m = await twoMaps()
    const [doubt, other] = await applyAll(m.ann, m.mapId, [
      nodeAdd('Only while threats last', { kind: 'BIAS' }),
      nodeAdd('A side remark', { kind: 'NOTE' }),
    ])
    const [attack, aside] = await applyAll(m.ann, m.mapId, [
      relationAdd(doubt!.node.id, m.a, 'ATTACKS'),
      relationAdd(other!.node.id, m.b),
    ])
    const before = await mapSnapshot(m.mapId)
    expect(await applyMapOperation(m.iris, { mapId: m.mapId, op: { type: 'node.delete', nodeId: m.a } })).toEqual({
      seq: before.ops + 1,
    })
    const after = await storedState(m.mapId)
    expect(after.nodes.map((n) => n.id).sort()).toEqual([m.b, doubt!.node.id, other!.node.id].sort())
    expect(after.relations.map((r) => r.id)).toEqual([aside!.relation.id])
    expect(after.relations.map((r) => r.id)).not.toContain(attack!.relation.id)
    expect((await operationLog(m.mapId)).slice(before.ops).map((e) => e.type)).toEqual(['node.delete'])
    expect(await replayedState(m.mapId)).toEqual(after)
  })

  it('refuses an edit made on an old version, saying what the node reads now', async () => {
    const m = await twoMaps()
    await applyMapOperation(m.ann, {
      mapId: m.mapId,
      op: { type: 'node.edit', nodeId: m.a, label: 'Alliances last while both gain', baseVersion: 1 },
    })
    const before = await mapSnapshot(m.mapId)
    const stale = await refusal(
      applyMapOperation(m.sam, {
        mapId: m.mapId,
        op: { type: 'node.edit', nodeId: m.a, label: 'Alliances never last', baseVersion: 1 },
      }),
    )
    expect(stale).toMatchObject({
      status: 409,
      error: expect.stringContaining('It now reads: “Alliances last while both gain”. Your text was not saved.'),
    })
    expect(await mapSnapshot(m.mapId)).toEqual(before)
    expect(before.state.nodes.find((n) => n.id === m.a)).toMatchObject({
      label: 'Alliances last while both gain',
      version: 2,
    })
    await applyMapOperation(m.sam, {
      mapId: m.mapId,
      op: { type: 'node.edit', nodeId: m.a, label: 'Alliances never last', baseVersion: 2 },
    })
  })
})

describe('laying out', () => {
  // Known bug (see the closing report): the SQL update keeps the first position for a node named
  // twice, the reducer the last, so the stored map and its log disagree from then on.
  it('applies a layout that names one node twice exactly as its log replays, or refuses it', async () => {
    const m = await twoMaps()
    const before = await mapSnapshot(m.mapId)
    const op = {
      type: 'layout.apply',
      positions: [
        { nodeId: m.a, x: 1, y: 1 },
        { nodeId: m.a, x: 2, y: 2 },
      ],
    }
    const outcome = await applyMapOperation(m.sam, { mapId: m.mapId, op }).then(() => null, toFailure)
    if (outcome) {
      expect(outcome).toMatchObject({ status: 400 })
      expect(await mapSnapshot(m.mapId)).toEqual(before)
    } else {
      expect(await storedState(m.mapId)).toEqual(await replayedState(m.mapId))
    }
  })
})

describe('restoring a revision', () => {
  it('makes the map look as it did after operation k by adding operations, never rewriting the log', async () => {
    const m = await twoMaps()
    const [doubt] = await applyAll(m.ann, m.mapId, [nodeAdd('Only while threats last', { kind: 'BIAS', x: 300 })])
    const k = 4
    const later: Operation[] = [
      { type: 'node.edit', nodeId: m.a, label: 'Alliances last while both gain', kind: 'CLAIM', baseVersion: 1 },
      { type: 'node.move', nodeId: m.b, x: -120, y: 340 },
      relationAdd(doubt!.node.id, m.a, 'ATTACKS'),
      { type: 'relation.delete', relationId: m.r },
      { type: 'node.delete', nodeId: m.b },
      nodeAdd('A new reason', { kind: 'EVIDENCE' }),
      {
        type: 'layout.apply',
        positions: [
          { nodeId: m.a, x: 10, y: 10 },
          { nodeId: doubt!.node.id, x: 20, y: 20 },
        ],
      },
    ]
    await applyAll(m.sam, m.mapId, later)
    const logBefore = await operationLog(m.mapId)
    expect(logBefore).toHaveLength(k + later.length)
    const past = await replayedState(m.mapId, k)

    const { seq } = await restoreRevision(m.sam, { mapId: m.mapId, seq: k })
    const now = await storedState(m.mapId)
    expect(sorted(now, { versions: false })).toEqual(sorted(past, { versions: false }))
    const log = await operationLog(m.mapId)
    expect(seq).toBe(log.length)
    expect(log.length).toBeGreaterThan(logBefore.length)
    expect(log.slice(0, logBefore.length)).toEqual(logBefore)
    expect(await replayedState(m.mapId)).toEqual(now)
    expect((await db.argumentMap.findUniqueOrThrow({ where: { id: m.mapId } })).seq).toBe(seq)

    await restoreRevision(m.ann, { mapId: m.mapId, seq: 0 })
    expect(await storedState(m.mapId)).toEqual({ nodes: [], relations: [] })
    const emptied = await mapSnapshot(m.mapId)
    expect(await refusal(restoreRevision(m.sam, { mapId: m.mapId, seq: emptied.ops + 1 }))).toMatchObject({
      status: 400,
      error: 'That revision does not exist yet.',
    })
    expect(await mapSnapshot(m.mapId)).toEqual(emptied)
  })
})
