// The operations that turn one map state into another (restoring a revision, duplicating).
import type { MapRelationState, MapState } from './reducer'
import type { Operation } from './schema'

export function diffStates(from: MapState, to: MapState): Operation[] {
  const ops: Operation[] = []
  const fromNodes = new Map(from.nodes.map((n) => [n.id, n]))
  const toNodes = new Map(to.nodes.map((n) => [n.id, n]))
  const toRelations = new Map(to.relations.map((r) => [r.id, r]))

  // A relation reversed is edited in place (it keeps its id and the feedback pinned to it).
  const reversed = (a: MapRelationState, b: MapRelationState | undefined) =>
    b !== undefined && a.fromId === b.toId && a.toId === b.fromId
  for (const r of from.relations) {
    const target = toRelations.get(r.id)
    if (!target || ((target.fromId !== r.fromId || target.toId !== r.toId) && !reversed(r, target)))
      ops.push({ type: 'relation.delete', relationId: r.id })
  }
  for (const n of from.nodes) if (!toNodes.has(n.id)) ops.push({ type: 'node.delete', nodeId: n.id })
  for (const n of to.nodes) {
    const was = fromNodes.get(n.id)
    if (!was) {
      ops.push({
        type: 'node.add',
        node: { id: n.id, kind: n.kind, label: n.label, highlightId: n.highlightId, x: n.x, y: n.y },
      })
      continue
    }
    if (was.label !== n.label || was.kind !== n.kind)
      ops.push({ type: 'node.edit', nodeId: n.id, label: n.label, kind: n.kind, baseVersion: was.version })
    if (was.x !== n.x || was.y !== n.y) ops.push({ type: 'node.move', nodeId: n.id, x: n.x, y: n.y })
    if (was.highlightId && !n.highlightId) ops.push({ type: 'node.uncite', nodeId: n.id })
  }
  const fromRelations = new Map(from.relations.map((r) => [r.id, r]))
  for (const r of to.relations) {
    const was = fromRelations.get(r.id)
    if (was && reversed(r, was)) {
      ops.push({
        type: 'relation.edit',
        relationId: r.id,
        kind: r.kind,
        label: r.label,
        fromId: r.fromId,
        toId: r.toId,
      })
    } else if (!was || was.fromId !== r.fromId || was.toId !== r.toId) {
      ops.push({
        type: 'relation.add',
        relation: { id: r.id, fromId: r.fromId, toId: r.toId, kind: r.kind, label: r.label },
      })
    } else if (was.kind !== r.kind || was.label !== r.label) {
      ops.push({ type: 'relation.edit', relationId: r.id, kind: r.kind, label: r.label })
    }
  }
  return ops
}
