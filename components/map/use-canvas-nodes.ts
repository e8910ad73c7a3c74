'use client'
// The canvas's nodes. A node keeps its object (and its data's) while nothing it shows changed, so
// that a drag, a selection or a peer's presence redraws only the nodes it touches: React Flow and
// the memoised node view compare them by identity.
import { useMemo, useState } from 'react'
import type { CheckFlag } from '@/lib/maps/checks'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/layout'
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapNodeState } from '@/lib/maps/reducer'
import type { ArgumentNodeData, ArgumentNodeType } from './argument-node'

const SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT }
const NO_FLAGS: CheckFlag[] = []
const NO_PEERS: string[] = []

export interface CanvasNodeInputs {
  nodes: readonly MapNodeState[]
  /** Where each node is drawn right now (a dragged node where it is being dragged), in the order of `nodes`. */
  placed: readonly { x: number; y: number }[]
  numbers: ReadonlyMap<string, number>
  cited: ReadonlyMap<string, CitedPassage>
  selected: ReadonlySet<string>
  flagsOf: ReadonlyMap<string, CheckFlag[]>
  peersOn: ReadonlyMap<string, string[]>
  groupId: string
  editingId: string | null
  candidateId: string | null
}

const sameList = (a: readonly string[], b: readonly string[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]))

/** Checks are run again on every change of the map, but a node's flags rarely change with it. */
const sameFlags = (a: readonly CheckFlag[], b: readonly CheckFlag[]) => a === b || (a.length === b.length && a.every((f, i) => f.kind === b[i]!.kind && f.message === b[i]!.message))

function sameData(a: ArgumentNodeData, b: ArgumentNodeData): boolean {
  return (
    a.kind === b.kind &&
    a.label === b.label &&
    a.number === b.number &&
    a.cited === b.cited &&
    sameFlags(a.flags, b.flags) &&
    sameList(a.peers, b.peers) &&
    a.groupId === b.groupId &&
    a.editing === b.editing &&
    a.candidate === b.candidate
  )
}

/** The nodes built last time, by id, to give back unchanged. */
class NodeCache {
  private built = new Map<string, ArgumentNodeType>()

  nodes(inputs: CanvasNodeInputs): ArgumentNodeType[] {
    const next = new Map<string, ArgumentNodeType>()
    const nodes = inputs.nodes.map((n, i) => {
      const at = inputs.placed[i]!
      const cited = n.highlightId ? (inputs.cited.get(n.highlightId) ?? null) : null
      const data: ArgumentNodeData = {
        kind: n.kind,
        label: n.label,
        number: inputs.numbers.get(n.id)!,
        cited,
        flags: inputs.flagsOf.get(n.id) ?? NO_FLAGS,
        peers: inputs.peersOn.get(n.id) ?? NO_PEERS,
        groupId: inputs.groupId,
        editing: inputs.editingId === n.id,
        candidate: inputs.candidateId === n.id,
      }
      const selected = inputs.selected.has(n.id)
      const old = this.built.get(n.id)
      let node: ArgumentNodeType
      if (old && old.position.x === at.x && old.position.y === at.y && old.selected === selected && sameData(old.data, data)) node = old
      else
        node = {
          id: n.id,
          type: 'argument',
          position: { x: at.x, y: at.y },
          // Every node has the one size the geometry and the exports use, known before it renders.
          ...SIZE,
          measured: SIZE,
          selected,
          ariaLabel: `${n.kind.toLowerCase()}: ${n.label}${cited ? `, citing ${cited.sourceTitle}` : ''}`,
          // The data object too is kept when only the position or the selection changed.
          data: old && sameData(old.data, data) ? old.data : data,
        }
      next.set(n.id, node)
      return node
    })
    this.built = next
    return nodes
  }
}

export function useCanvasNodes(inputs: CanvasNodeInputs): ArgumentNodeType[] {
  const [cache] = useState(() => new NodeCache())
  const { nodes, placed, numbers, cited, selected, flagsOf, peersOn, groupId, editingId, candidateId } = inputs
  return useMemo(
    () => cache.nodes({ nodes, placed, numbers, cited, selected, flagsOf, peersOn, groupId, editingId, candidateId }),
    [cache, nodes, placed, numbers, cited, selected, flagsOf, peersOn, groupId, editingId, candidateId],
  )
}
