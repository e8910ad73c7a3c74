// Auto-layout: layered, top-down, with what is supported (conclusions) on top, using dagre.
import dagre from '@dagrejs/dagre'
import type { MapState } from './reducer'

export const NODE_WIDTH = 240
export const NODE_HEIGHT = 120

export function layeredLayout(state: MapState): { nodeId: string; x: number; y: number }[] {
  const graph = new dagre.graphlib.Graph()
  // Relations point from the supporting/attacking node to its target; bottom-to-top puts targets above.
  graph.setGraph({ rankdir: 'BT', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const node of state.nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT })
  for (const relation of state.relations) graph.setEdge(relation.fromId, relation.toId)
  dagre.layout(graph)
  return state.nodes.map((node) => {
    const placed = graph.node(node.id)
    return { nodeId: node.id, x: Math.round(placed.x - NODE_WIDTH / 2), y: Math.round(placed.y - NODE_HEIGHT / 2) }
  })
}
