// The pure meaning of a map operation: applied by the server to what it stores, by clients to
// what they show, and by tests to the operation log. Stored operations are already validated.
import type { Operation } from './schema'

export interface MapNodeState {
  id: string
  kind: 'CLAIM' | 'EVIDENCE' | 'BIAS' | 'NOTE'
  label: string
  highlightId: string | null
  x: number
  y: number
  version: number
}

export interface MapRelationState {
  id: string
  fromId: string
  toId: string
  kind: 'SUPPORTS' | 'ATTACKS'
  label: string
}

export interface MapState {
  nodes: MapNodeState[]
  relations: MapRelationState[]
}

export function applyOperation(state: MapState, op: Operation): MapState {
  switch (op.type) {
    case 'node.add':
      if (state.nodes.some((n) => n.id === op.node.id)) return state
      return { ...state, nodes: [...state.nodes, { ...op.node, highlightId: op.node.highlightId ?? null, version: 1 }] }
    case 'node.move':
      return { ...state, nodes: state.nodes.map((n) => (n.id === op.nodeId ? { ...n, x: op.x, y: op.y } : n)) }
    case 'node.edit':
      return {
        ...state,
        nodes: state.nodes.map((n) =>
          n.id === op.nodeId ? { ...n, label: op.label, kind: op.kind ?? n.kind, version: n.version + 1 } : n,
        ),
      }
    case 'node.uncite':
      return { ...state, nodes: state.nodes.map((n) => (n.id === op.nodeId ? { ...n, highlightId: null } : n)) }
    case 'node.delete':
      return {
        nodes: state.nodes.filter((n) => n.id !== op.nodeId),
        relations: state.relations.filter((r) => r.fromId !== op.nodeId && r.toId !== op.nodeId),
      }
    case 'relation.add':
      if (state.relations.some((r) => r.id === op.relation.id)) return state
      return { ...state, relations: [...state.relations, { ...op.relation, label: op.relation.label ?? '' }] }
    case 'relation.edit':
      return {
        ...state,
        relations: state.relations.map((r) =>
          r.id === op.relationId
            ? {
                ...r,
                kind: op.kind ?? r.kind,
                label: op.label ?? r.label,
                fromId: op.fromId ?? r.fromId,
                toId: op.toId ?? r.toId,
              }
            : r,
        ),
      }
    case 'relation.delete':
      return { ...state, relations: state.relations.filter((r) => r.id !== op.relationId) }
    case 'layout.apply': {
      const at = new Map(op.positions.map((p) => [p.nodeId, p]))
      return {
        ...state,
        nodes: state.nodes.map((n) => (at.has(n.id) ? { ...n, x: at.get(n.id)!.x, y: at.get(n.id)!.y } : n)),
      }
    }
  }
}

export const replay = (ops: Operation[], initial: MapState = { nodes: [], relations: [] }) =>
  ops.reduce(applyOperation, initial)

/**
 * The same state as `replay(ops, initial)`, in time linear in the operations: for thousands at
 * once (import, copy, restore), where replay's copy per operation would take seconds.
 * tests/unit/maps-logic.test.ts checks the two agree on random operation logs.
 */
export function replayMany(ops: Operation[], initial: MapState = { nodes: [], relations: [] }): MapState {
  // Map keeps insertion order, as the arrays do: a replaced entry stays in place, a new one goes last.
  const nodes = new Map(initial.nodes.map((n) => [n.id, n]))
  const relations = new Map(initial.relations.map((r) => [r.id, r]))
  const update = (id: string, change: (n: MapNodeState) => MapNodeState) => {
    const node = nodes.get(id)
    if (node) nodes.set(id, change(node))
  }
  for (const op of ops) {
    switch (op.type) {
      case 'node.add':
        if (!nodes.has(op.node.id))
          nodes.set(op.node.id, { ...op.node, highlightId: op.node.highlightId ?? null, version: 1 })
        break
      case 'node.move':
        update(op.nodeId, (n) => ({ ...n, x: op.x, y: op.y }))
        break
      case 'node.edit':
        update(op.nodeId, (n) => ({ ...n, label: op.label, kind: op.kind ?? n.kind, version: n.version + 1 }))
        break
      case 'node.uncite':
        update(op.nodeId, (n) => ({ ...n, highlightId: null }))
        break
      case 'node.delete':
        nodes.delete(op.nodeId)
        for (const [id, r] of relations) if (r.fromId === op.nodeId || r.toId === op.nodeId) relations.delete(id)
        break
      case 'relation.add':
        if (!relations.has(op.relation.id))
          relations.set(op.relation.id, { ...op.relation, label: op.relation.label ?? '' })
        break
      case 'relation.edit': {
        const r = relations.get(op.relationId)
        if (r) relations.set(op.relationId, { ...r, kind: op.kind ?? r.kind, label: op.label ?? r.label })
        break
      }
      case 'relation.delete':
        relations.delete(op.relationId)
        break
      case 'layout.apply':
        for (const p of op.positions) update(p.nodeId, (n) => ({ ...n, x: p.x, y: p.y }))
        break
    }
  }
  return { nodes: [...nodes.values()], relations: [...relations.values()] }
}
