// Undo and redo for a person's own map edits, as operations restricted to what the edit
// touched, so undoing never reverts a classmate's concurrent change elsewhere.
import { diffStates } from '@/lib/maps/diff'
import type { MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'

export interface Touched {
  nodes: Set<string>
  relations: Set<string>
}

export function touchedBy(ops: Operation[], before: MapState): Touched {
  const nodes = new Set<string>()
  const relations = new Set<string>()
  for (const op of ops) {
    if (op.type === 'node.add') nodes.add(op.node.id)
    else if (op.type === 'node.move' || op.type === 'node.edit') nodes.add(op.nodeId)
    else if (op.type === 'node.delete') {
      nodes.add(op.nodeId)
      for (const r of before.relations) if (r.fromId === op.nodeId || r.toId === op.nodeId) relations.add(r.id)
    } else if (op.type === 'relation.add') relations.add(op.relation.id)
    else if (op.type === 'relation.edit' || op.type === 'relation.delete') relations.add(op.relationId)
    else if (op.type === 'layout.apply') for (const p of op.positions) nodes.add(p.nodeId)
  }
  return { nodes, relations }
}

const restrict = (state: MapState, touched: Touched): MapState => ({
  nodes: state.nodes.filter((n) => touched.nodes.has(n.id)),
  relations: state.relations.filter((r) => touched.relations.has(r.id)),
})

/** The operations that bring the touched part of `current` back to how it was in `target`. */
export function revertOps(current: MapState, target: MapState, touched: Touched): Operation[] {
  const ops = diffStates(restrict(current, touched), restrict(target, touched))
  // A relation cannot come back if one of its ends is gone for good.
  const present = new Set([
    ...current.nodes.map((n) => n.id),
    ...ops.flatMap((op) => (op.type === 'node.add' ? [op.node.id] : [])),
  ])
  return ops.filter(
    (op) => op.type !== 'relation.add' || (present.has(op.relation.fromId) && present.has(op.relation.toId)),
  )
}

export interface HistoryEntry {
  before: MapState
  after: MapState
  touched: Touched
}
