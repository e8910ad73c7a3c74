'use client'
// React Flow as its guide starts it: uncontrolled nodes and edges, fitted to the view.
import '@xyflow/react/dist/style.css'
import { ReactFlow, type Edge, type Node } from '@xyflow/react'

export function BareReactFlow({ nodes, edges }: { nodes: Node[]; edges: Edge[] }) {
  // The map editor's zoom range, so both open at the same scale.
  return (
    <ReactFlow
      defaultNodes={nodes}
      defaultEdges={edges}
      fitView
      fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
      minZoom={0.05}
    />
  )
}
