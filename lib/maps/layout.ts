// Auto-layout: layered, top-down, with what is supported (conclusions) on top, using dagre.
import dagre from '@dagrejs/dagre'
import type { MapState } from './reducer'

import { NODE_HEIGHT, NODE_WIDTH } from './node-size'

export { NODE_HEIGHT, NODE_TEXT_LINES, NODE_WIDTH } from './node-size'

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
