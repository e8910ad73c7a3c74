// What the argument-map integration tests share: operations as the editor sends them, two maps in
// a seminar (./fixtures), and the stored state and log of a map in a form that compares cleanly.
import { db } from '@/lib/db'
import { newId } from '@/lib/ids'
import { createMap } from '@/lib/maps/mutations'
import { applyMapOperation } from '@/lib/maps/operations'
import { replay, type MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { seminar } from './fixtures'

type Actor = { id: string }

export const nodeAdd = (
  label: string,
  extra: Partial<Extract<Operation, { type: 'node.add' }>['node']> = {},
): Extract<Operation, { type: 'node.add' }> => ({
  type: 'node.add',
  node: { id: newId(), kind: 'CLAIM', label, x: 0, y: 0, ...extra },
})

export const relationAdd = (
  fromId: string,
  toId: string,
  kind: 'SUPPORTS' | 'ATTACKS' = 'SUPPORTS',
): Extract<Operation, { type: 'relation.add' }> => ({
  type: 'relation.add',
  relation: { id: newId(), fromId, toId, kind, label: '' },
})

/** A group map with a claim supported by evidence, and Sam's personal map with one node. */
export async function twoMaps() {
  const s = await seminar()
  const { id: mapId } = await createMap(s.iris, { groupId: s.groupId, title: 'Class map', kind: 'GROUP' })
  const { id: otherMapId } = await createMap(s.sam, { groupId: s.groupId, title: 'Sam’s map' })
  const [claim, evidence] = await applyAll(s.sam, mapId, [
    nodeAdd('Alliances last'),
    nodeAdd('The last century shows it', { kind: 'EVIDENCE' }),
  ])
  const [support] = await applyAll(s.sam, mapId, [relationAdd(evidence!.node.id, claim!.node.id)])
  const [elsewhere] = await applyAll(s.sam, otherMapId, [nodeAdd('Somewhere else')])
  return {
    ...s,
    mapId,
    otherMapId,
    a: claim!.node.id,
    b: evidence!.node.id,
    r: support!.relation.id,
    c: elsewhere!.node.id,
  }
}

/** Applies operations one by one, as the editor sends them; returns them for later reference. */
export async function applyAll<T extends Operation>(actor: Actor, mapId: string, ops: T[]): Promise<T[]> {
  for (const op of ops) await applyMapOperation(actor, { mapId, op })
  return ops
}

/** Sorted, so that states built in different orders compare equal. */
export function sorted(state: MapState, { versions = true } = {}): MapState {
  return {
    nodes: [...state.nodes]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((n) => ({
        id: n.id,
        kind: n.kind,
        label: n.label,
        highlightId: n.highlightId,
        x: n.x,
        y: n.y,
        version: versions ? n.version : 0,
      })),
    relations: [...state.relations]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, kind: r.kind, label: r.label })),
  }
}

export async function storedState(mapId: string): Promise<MapState> {
  const [nodes, relations] = await Promise.all([
    db.mapNode.findMany({
      where: { mapId },
      select: { id: true, kind: true, label: true, highlightId: true, x: true, y: true, version: true },
    }),
    db.mapRelation.findMany({
      where: { mapId },
      select: { id: true, fromId: true, toId: true, kind: true, label: true },
    }),
  ])
  return sorted({ nodes, relations })
}

export async function operationLog(mapId: string) {
  const rows = await db.mapOperation.findMany({
    where: { mapId },
    orderBy: { seq: 'asc' },
    select: { seq: true, type: true, payload: true, actorId: true },
  })
  return rows.map((row) => ({ ...row, op: row.payload as Operation }))
}

/** The map as its operation log says it is. */
export async function replayedState(mapId: string, upTo = Infinity): Promise<MapState> {
  const log = await operationLog(mapId)
  return sorted(replay(log.filter((entry) => entry.seq <= upTo).map((entry) => entry.op)))
}

/** Everything about a map a refused change must leave as it was. */
export async function mapSnapshot(mapId: string) {
  const map = await db.argumentMap.findUnique({ where: { id: mapId } })
  return {
    map,
    state: await storedState(mapId),
    ops: await db.mapOperation.count({ where: { mapId } }),
    events: map ? await db.groupEvent.count({ where: { groupId: map.groupId } }) : null,
  }
}
