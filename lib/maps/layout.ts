// Auto-layout: layered, top-down, with what is supported (conclusions) on top, using dagre.
import dagre from '@dagrejs/dagre'
import type { MapState } from './reducer'

/** Every node is this size on every surface, so layout, routing and drawing agree on its box. */
export const NODE_WIDTH = 240
export const NODE_HEIGHT = 128
/** Lines of a node's text shown before it is cut (the rest on hover, focus and in the appendix). */
export const NODE_TEXT_LINES = { cited: 4, note: 5 } as const

export function layeredLayout(state: MapState): { nodeId: string; x: number; y: number }[] {
  const graph = new dagre.graphlib.Graph()
  // Relations point from the supporting/attacking node to its target; bottom-to-top puts targets above.
  graph.setGraph({ rankdir: 'BT', nodesep: 36, ranksep: 72, marginx: 20, marginy: 20 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of state.nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT })
  for (const relation of state.relations) graph.setEdge(relation.fromId, relation.toId)
  dagre.layout(graph)
  return state.nodes.map((node) => {
    const placed = graph.node(node.id)
    return { nodeId: node.id, x: Math.round(placed.x - NODE_WIDTH / 2), y: Math.round(placed.y - NODE_HEIGHT / 2) }
  })
}
