'use client'
// What React Flow reports as a person works the canvas, turned into the map's operations: a node
// follows the pointer while it is dragged (shown, not yet saved) and is moved for good where it is
// dropped; selections and deletions by key or click.
import type { EdgeChange, NodeChange } from '@xyflow/react'
import { useState } from 'react'
import type { Operation } from '@/lib/maps/schema'
import type { ArgumentNodeType } from './argument-node'
import { useStableHandler } from './canvas-actions'

interface Options {
  selected: string[]
  setSelected: (ids: string[]) => void
  act: (ops: Operation[], message?: string) => void
}

export function useCanvasChanges({ selected, setSelected, act }: Options) {
  /** Where the nodes being dragged are now, by id. */
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({})

  const onNodesChange = useStableHandler((changes: NodeChange<ArgumentNodeType>[]) => {
    const ops: Operation[] = []
    let nextSelected = selected
    for (const change of changes) {
      if (change.type === 'position' && change.position) {
        if (change.dragging) setDragging((d) => ({ ...d, [change.id]: change.position! }))
        else
          ops.push({
            type: 'node.move',
            nodeId: change.id,
            x: Math.round(change.position.x),
            y: Math.round(change.position.y),
          })
      } else if (change.type === 'position' && change.dragging === false) {
        const at = dragging[change.id]
        if (at) ops.push({ type: 'node.move', nodeId: change.id, x: Math.round(at.x), y: Math.round(at.y) })
      } else if (change.type === 'select') {
        nextSelected = change.selected
          ? [...nextSelected.filter((id) => id !== change.id), change.id]
          : nextSelected.filter((id) => id !== change.id)
      } else if (change.type === 'remove') {
        ops.push({ type: 'node.delete', nodeId: change.id })
      }
    }
    if (nextSelected !== selected) setSelected(nextSelected)
    if (ops.some((op) => op.type === 'node.move')) setDragging({})
    if (ops.length) act(ops, ops[0]!.type === 'node.delete' ? 'Node deleted.' : undefined)
  })

  const onEdgesChange = useStableHandler((changes: EdgeChange[]) => {
    const ops: Operation[] = []
    let nextSelected = selected
    for (const change of changes) {
      if (change.type === 'remove') ops.push({ type: 'relation.delete', relationId: change.id })
      if (change.type === 'select')
        nextSelected = change.selected ? [...nextSelected, change.id] : nextSelected.filter((id) => id !== change.id)
    }
    if (nextSelected !== selected) setSelected(nextSelected)
    if (ops.length) act(ops, 'Relation deleted.')
  })

  return { dragging, onNodesChange, onEdgesChange }
}
