// A map's state as a page sends it to the browser: rows instead of objects, and relations that name
// their nodes by position in the node list. The 500-node map's share of its page's HTML is about a
// third smaller than as objects (the property names and every relation's two node ids, repeated
// for every node and relation, were most of it).
import type { MapNodeState, MapRelationState, MapState } from './reducer'

type NodeRow = [
  id: string,
  kind: MapNodeState['kind'],
  label: string,
  highlightId: string | null,
  x: number,
  y: number,
  version: number,
]
/** A relation's ends: a node's position in `nodes`, or its id when it is not there. */
type RelationRow = [
  id: string,
  from: number | string,
  to: number | string,
  kind: MapRelationState['kind'],
  label: string,
]

export interface PackedMapState {
  nodes: NodeRow[]
  relations: RelationRow[]
}

export function packMapState(state: MapState): PackedMapState {
  const position = new Map(state.nodes.map((n, i) => [n.id, i]))
  return {
    nodes: state.nodes.map((n) => [n.id, n.kind, n.label, n.highlightId, n.x, n.y, n.version]),
    relations: state.relations.map((r) => [
      r.id,
      position.get(r.fromId) ?? r.fromId,
      position.get(r.toId) ?? r.toId,
      r.kind,
      r.label,
    ]),
  }
}

export function unpackMapState(packed: PackedMapState): MapState {
  const nodes = packed.nodes.map(([id, kind, label, highlightId, x, y, version]): MapNodeState => ({
    id,
    kind,
    label,
    highlightId,
    x,
    y,
    version,
  }))
  const idOf = (end: number | string) => (typeof end === 'number' ? nodes[end]!.id : end)
  return {
    nodes,
    relations: packed.relations.map(([id, from, to, kind, label]): MapRelationState => ({
      id,
      fromId: idOf(from),
      toId: idOf(to),
      kind,
      label,
    })),
  }
}
