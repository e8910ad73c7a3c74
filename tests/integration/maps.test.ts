// Argument maps over their life: a student keeps personal maps, an instructor starts group maps
// everyone in the class edits; maps are renamed, copied, deleted, submitted and reopened; a
// classmate's personal map is as invisible as one that does not exist.
import { describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { MAP_NOT_FOUND } from '@/lib/maps/access'
import {
  createMap,
  deleteMap,
  duplicateMap,
  renameMap,
  reopenMap,
  restoreRevision,
  submitMap,
} from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { getMapForEditor, listGroupMaps, mapAtRevision, mapHistory, operationsSince } from '@/lib/maps/queries'
import { eventsNumbered } from '@/lib/realtime/numbering'
import { newId } from '@/lib/ids'
import { refusal, seminar } from './fixtures'
import { applyAll, mapSnapshot, nodeAdd, operationLog, relationAdd, replayedState, storedState } from './map-fixtures'

const READ_ONLY = 'This map is submitted for review and is read-only until your instructor reopens it.'
const FORBIDDEN = 'You are not allowed to do that.'

describe('creating a map', () => {
  it('gives a student a personal map of their own and an instructor a group map', async () => {
    const s = await seminar()
    const personal = await createMap(s.sam, { groupId: s.groupId, title: '  My reading of the essay ' })
    const group = await createMap(s.iris, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
    expect(await db.argumentMap.findUniqueOrThrow({ where: { id: personal.id } })).toMatchObject({
      title: 'My reading of the essay',
      kind: 'PERSONAL',
      ownerId: s.sam.id,
      status: 'DRAFT',
      seq: 0,
      groupId: s.groupId,
    })
    expect(await db.argumentMap.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({
      kind: 'GROUP',
      ownerId: null,
      seq: 0,
    })
  })

  it('tells a student that only instructors start group maps, and an outsider that the group does not exist', async () => {
    const s = await seminar()
    expect(await refusal(createMap(s.sam, { groupId: s.groupId, title: 'Our map', kind: 'GROUP' }))).toMatchObject({
      status: 403,
      error: 'Only instructors start group maps; make a personal map instead.',
    })
    expect(await refusal(createMap(s.olga, { groupId: s.groupId, title: 'Mine' }))).toMatchObject({
      status: 404,
      error: 'This group does not exist.',
    })
    expect(await refusal(createMap(s.sam, { groupId: s.groupId, title: '   ' }))).toMatchObject({
      status: 400,
      error: 'Enter a title for the map.',
    })
    expect(await db.argumentMap.count({ where: { groupId: s.groupId } })).toBe(0)
  })
})

describe('renaming, copying and deleting', () => {
  it('lets the owner rename a personal map and any member rename a group map, announcing it live', async () => {
    const s = await seminar()
    const mine = await createMap(s.sam, { groupId: s.groupId, title: 'Draft' })
    const ours = await createMap(s.iris, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
    await renameMap(s.sam, { mapId: mine.id, title: ' Why alliances last ' })
    await renameMap(s.ann, { mapId: ours.id, title: 'Alliances, together' })
    expect((await db.argumentMap.findUniqueOrThrow({ where: { id: mine.id } })).title).toBe('Why alliances last')
    expect((await db.argumentMap.findUniqueOrThrow({ where: { id: ours.id } })).title).toBe('Alliances, together')
    await eventsNumbered()
    const events = await db.groupEvent.findMany({ where: { groupId: s.groupId }, orderBy: { seq: 'asc' } })
    // The personal map's event is for its owner and the instructors only.
    expect(events.map((e) => e.payload)).toEqual([
      { type: 'map.changed', mapId: mine.id, seq: 0, audience: { rule: 'personalMap', ownerId: s.sam.id } },
      { type: 'map.changed', mapId: ours.id, seq: 0 },
    ])
    const before = await mapSnapshot(mine.id)
    expect(await refusal(renameMap(s.ann, { mapId: mine.id, title: 'Hijacked' }))).toMatchObject({
      status: 404,
      error: MAP_NOT_FOUND,
    })
    expect(await refusal(renameMap(s.iris, { mapId: mine.id, title: 'Graded' }))).toMatchObject({
      status: 403,
      error: FORBIDDEN,
    })
    expect(await refusal(renameMap(s.sam, { mapId: mine.id, title: 'x'.repeat(121) }))).toMatchObject({
      status: 400,
      error: 'Use at most 120 characters for the title.',
    })
    expect(await mapSnapshot(mine.id)).toEqual(before)
  })

  it('duplicates a map as a personal copy with the same structure, new ids, and an operation log of its own', async () => {
    const s = await seminar()
    const { id: mapId } = await createMap(s.iris, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
    const [claim, evidence, doubt] = await applyAll(s.ann, mapId, [
      nodeAdd('Alliances last', { x: 100, y: 0 }),
      nodeAdd('The last century shows it', { kind: 'EVIDENCE', x: 0, y: 200 }),
      nodeAdd('Only while threats last', { kind: 'BIAS', x: 300, y: 200 }),
    ])
    await applyAll(s.ann, mapId, [
      relationAdd(evidence!.node.id, claim!.node.id),
      relationAdd(doubt!.node.id, claim!.node.id, 'ATTACKS'),
      { type: 'node.edit', nodeId: claim!.node.id, label: 'Alliances last when both gain', baseVersion: 1 },
      { type: 'node.move', nodeId: doubt!.node.id, x: 320, y: 240 },
    ])
    const original = await mapSnapshot(mapId)

    const { id: copyId } = await duplicateMap(s.sam, { mapId })
    expect(await db.argumentMap.findUniqueOrThrow({ where: { id: copyId } })).toMatchObject({
      title: 'Copy of Class map',
      kind: 'PERSONAL',
      ownerId: s.sam.id,
      status: 'DRAFT',
      groupId: s.groupId,
      seq: 5,
    })
    const copy = await storedState(copyId)
    const byLabel = (label: string) => copy.nodes.find((n) => n.label === label)!
    const idOf = new Map(original.state.nodes.map((n) => [n.id, byLabel(n.label).id]))
    const shapes = (nodes: typeof copy.nodes) => nodes.map((n) => [n.label, n.kind, n.highlightId, n.x, n.y]).sort()
    expect(shapes(copy.nodes)).toEqual(shapes(original.state.nodes))
    expect(copy.nodes.map((n) => n.version)).toEqual([1, 1, 1])
    expect(copy.relations.map((r) => [r.fromId, r.toId, r.kind]).sort()).toEqual(
      original.state.relations.map((r) => [idOf.get(r.fromId), idOf.get(r.toId), r.kind]).sort(),
    )
    const originalIds = new Set([
      ...original.state.nodes.map((n) => n.id),
      ...original.state.relations.map((r) => r.id),
    ])
    expect([...copy.nodes, ...copy.relations].filter((x) => originalIds.has(x.id))).toEqual([])
    const log = await operationLog(copyId)
    expect(log.map((e) => [e.seq, e.actorId])).toEqual([1, 2, 3, 4, 5].map((seq) => [seq, s.sam.id]))
    expect(await replayedState(copyId)).toEqual(copy)
    expect(await mapSnapshot(mapId)).toMatchObject({ state: original.state, ops: original.ops })
  })

  it('lets owners delete personal maps, with their nodes and log, but only instructors delete group maps', async () => {
    const s = await seminar()
    const mine = await createMap(s.sam, { groupId: s.groupId, title: 'Draft' })
    const ours = await createMap(s.iris, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
    const [a, b] = await applyAll(s.sam, mine.id, [nodeAdd('A'), nodeAdd('B')])
    await applyAll(s.sam, mine.id, [relationAdd(a!.node.id, b!.node.id)])
    await applyAll(s.sam, ours.id, [nodeAdd('C')])

    expect(await refusal(deleteMap(s.iris, { mapId: mine.id }))).toMatchObject({ status: 403, error: FORBIDDEN })
    expect(await refusal(deleteMap(s.ann, { mapId: mine.id }))).toMatchObject({ status: 404, error: MAP_NOT_FOUND })
    expect(await refusal(deleteMap(s.sam, { mapId: ours.id }))).toMatchObject({ status: 403, error: FORBIDDEN })
    const ids = { in: [mine.id, ours.id] }
    expect(await db.argumentMap.count({ where: { id: ids } })).toBe(2)

    await deleteMap(s.sam, { mapId: mine.id })
    await deleteMap(s.iris, { mapId: ours.id })
    const left = [
      db.argumentMap.count({ where: { id: ids } }),
      db.mapNode.count({ where: { mapId: ids } }),
      db.mapRelation.count({ where: { mapId: ids } }),
      db.mapOperation.count({ where: { mapId: ids } }),
    ]
    expect(await Promise.all(left)).toEqual([0, 0, 0, 0])
    expect(await refusal(applyMapOperation(s.sam, { mapId: mine.id, op: nodeAdd('Too late') }))).toMatchObject({
      status: 404,
      error: MAP_NOT_FOUND,
    })
  })
})

describe('submitting a personal map for review', () => {
  it('makes it read-only for its student until the instructor reopens it', async () => {
    const s = await seminar()
    const { id: mapId } = await createMap(s.sam, { groupId: s.groupId, title: 'For grading' })
    const [claim] = await applyAll(s.sam, mapId, [nodeAdd('Alliances last')])
    await submitMap(s.sam, { mapId })
    const submitted = await mapSnapshot(mapId)
    expect(submitted.map?.status).toBe('SUBMITTED')

    for (const refused of [
      () => applyMapOperation(s.sam, { mapId, op: nodeAdd('One more thought') }),
      () => applyMapOperation(s.sam, { mapId, op: { type: 'node.move', nodeId: claim!.node.id, x: 5, y: 5 } }),
      () => restoreRevision(s.sam, { mapId, seq: 0 }),
      () => renameMap(s.sam, { mapId, title: 'Renamed' }),
      () => deleteMap(s.sam, { mapId }),
      () => submitMap(s.sam, { mapId }),
    ]) {
      expect(await refusal(refused())).toMatchObject({ status: 403, error: READ_ONLY })
    }
    expect(await refusal(reopenMap(s.sam, { mapId }))).toMatchObject({ status: 403, error: FORBIDDEN })
    expect(await refusal(reopenMap(s.ann, { mapId }))).toMatchObject({ status: 404, error: MAP_NOT_FOUND })
    expect(await mapSnapshot(mapId)).toEqual(submitted)
    expect(await getMapForEditor(s.sam, mapId)).toMatchObject({ editable: false })

    await reopenMap(s.iris, { mapId })
    expect(await getMapForEditor(s.sam, mapId)).toMatchObject({ editable: true, map: { status: 'DRAFT' } })
    expect(await applyMapOperation(s.sam, { mapId, op: nodeAdd('One more thought') })).toEqual({ seq: 2 })
  })

  it('is only for personal maps, and only their student submits them', async () => {
    const s = await seminar()
    const ours = await createMap(s.iris, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
    const mine = await createMap(s.sam, { groupId: s.groupId, title: 'Mine' })
    expect(await refusal(submitMap(s.sam, { mapId: ours.id }))).toMatchObject({
      status: 400,
      error: 'Group maps cannot be submitted; only personal maps can.',
    })
    expect(await refusal(reopenMap(s.iris, { mapId: ours.id }))).toMatchObject({
      status: 400,
      error: 'Group maps cannot be reopened; only personal maps can.',
    })
    expect(await refusal(submitMap(s.iris, { mapId: mine.id }))).toMatchObject({ status: 403, error: FORBIDDEN })
    expect(await db.argumentMap.findMany({ where: { groupId: s.groupId }, select: { status: true } })).toEqual([
      { status: 'DRAFT' },
      { status: 'DRAFT' },
    ])
  })
})

describe('who sees and edits which map', () => {
  it('hides a student’s personal map from classmates exactly like a map that does not exist', async () => {
    const s = await seminar()
    const { id: mapId } = await createMap(s.sam, { groupId: s.groupId, title: 'Private thoughts' })
    await applyAll(s.sam, mapId, [nodeAdd('Alliances last')])
    const before = await mapSnapshot(mapId)
    const missing = newId()
    for (const [label, call] of [
      ['open', (id: string) => getMapForEditor(s.ann, id)],
      ['edit', (id: string) => applyMapOperation(s.ann, { mapId: id, op: nodeAdd('Mine now') })],
      ['catch up', (id: string) => operationsSince(s.ann, id, 0)],
      ['history', (id: string) => mapHistory(s.ann, id)],
      ['revision', (id: string) => mapAtRevision(s.ann, id, 1)],
      ['copy', (id: string) => duplicateMap(s.ann, { mapId: id })],
      ['restore', (id: string) => restoreRevision(s.ann, { mapId: id, seq: 0 })],
    ] as const) {
      const hidden = await refusal(call(mapId))
      expect(hidden, label).toMatchObject({ status: 404, error: MAP_NOT_FOUND })
      expect(await refusal(call(missing)), label).toEqual(hidden)
    }
    expect((await listGroupMaps(s.ann, s.groupId)).maps).toEqual([])
    expect(await mapSnapshot(mapId)).toEqual(before)
  })

  it('lets the instructor read a student’s personal map but not change it', async () => {
    const s = await seminar()
    const { id: mapId } = await createMap(s.sam, { groupId: s.groupId, title: 'Private thoughts' })
    const [claim] = await applyAll(s.sam, mapId, [nodeAdd('Alliances last')])
    const before = await mapSnapshot(mapId)
    expect(await getMapForEditor(s.iris, mapId)).toMatchObject({
      editable: false,
      ownerName: 'Sam',
      state: { nodes: [{ label: 'Alliances last' }] },
    })
    expect(
      (await listGroupMaps(s.iris, s.groupId)).maps.map((m) => [
        m.title,
        m.mine,
        m.canRename,
        m.canDelete,
        m.canReopen,
      ]),
    ).toEqual([['Private thoughts', false, false, false, false]])
    for (const refused of [
      () =>
        applyMapOperation(s.iris, {
          mapId,
          op: { type: 'node.edit', nodeId: claim!.node.id, label: 'See me', baseVersion: 1 },
        }),
      () => renameMap(s.iris, { mapId, title: 'Graded' }),
      () => deleteMap(s.iris, { mapId }),
      () => restoreRevision(s.iris, { mapId, seq: 0 }),
    ]) {
      expect(await refusal(refused())).toMatchObject({ status: 403, error: FORBIDDEN })
    }
    expect(await mapSnapshot(mapId)).toEqual(before)
  })

  it('lets every member edit a group map, while outsiders and signed-out visitors cannot tell it exists', async () => {
    const s = await seminar()
    const { id: mapId } = await createMap(s.iris, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
    for (const [who, label] of [
      [s.sam, 'Sam’s claim'],
      [s.ann, 'Ann’s evidence'],
      [s.iris, 'Iris’s note'],
    ] as const) {
      await applyMapOperation(who, { mapId, op: nodeAdd(label) })
    }
    expect((await operationLog(mapId)).map((e) => e.actorId)).toEqual([s.sam.id, s.ann.id, s.iris.id])
    const before = await mapSnapshot(mapId)
    expect(await refusal(getMapForEditor(s.olga, mapId))).toMatchObject({ status: 404, error: MAP_NOT_FOUND })
    expect(await refusal(applyMapOperation(s.olga, { mapId, op: nodeAdd('Intruder') }))).toMatchObject({
      status: 404,
      error: MAP_NOT_FOUND,
    })
    expect(await refusal(renameMap(s.olga, { mapId, title: 'Mine' }))).toMatchObject({
      status: 404,
      error: MAP_NOT_FOUND,
    })
    expect(await refusal(applyMapOperation(null, { mapId, op: nodeAdd('Anyone') }))).toMatchObject({ status: 401 })
    expect(await mapSnapshot(mapId)).toEqual(before)
  })
})
