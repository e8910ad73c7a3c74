'use client'
// The canvas's nodes. A node keeps its object (and its data's) while nothing it shows changed, so
// that a drag, a selection or a peer's presence redraws only the nodes it touches: React Flow and
// the memoised node view compare them by identity.
import { useMemo, useState } from 'react'
import type { CheckFlag } from '@/lib/maps/checks'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/node-size'
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapNodeState } from '@/lib/maps/reducer'
import { NODE_HANDLES, type ArgumentNodeType } from './argument-node'

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
  focusedId: string | null
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a === b || (a.length === b.length && a.every((x, i) => x === b[i]))

/** Checks are run again on every change of the map, but a node's flags rarely change with it. */
const sameFlags = (a: readonly CheckFlag[], b: readonly CheckFlag[]) =>
  a === b || (a.length === b.length && a.every((f, i) => f.kind === b[i]!.kind && f.message === b[i]!.message))

/** The nodes built last time, by id, to give back unchanged. */
class NodeCache {
  private built = new Map<string, ArgumentNodeType>()

  nodes(inputs: CanvasNodeInputs): ArgumentNodeType[] {
    const next = new Map<string, ArgumentNodeType>()
    const nodes = inputs.nodes.map((n, i) => {
      const at = inputs.placed[i]!
      const cited = n.highlightId ? (inputs.cited.get(n.highlightId) ?? null) : null
      const number = inputs.numbers.get(n.id)!
      const flags = inputs.flagsOf.get(n.id) ?? NO_FLAGS
      const peers = inputs.peersOn.get(n.id) ?? NO_PEERS
      const editing = inputs.editingId === n.id
      const candidate = inputs.candidateId === n.id
      const focused = inputs.focusedId === n.id
      const selected = inputs.selected.has(n.id)
      const old = this.built.get(n.id)
      const d = old?.data
      // Compared field by field, so that a drag step allocates nothing for the nodes it leaves alone.
      const sameData =
        d !== undefined &&
        d.kind === n.kind &&
        d.label === n.label &&
        d.number === number &&
        d.cited === cited &&
        sameFlags(d.flags, flags) &&
        sameList(d.peers, peers) &&
        d.groupId === inputs.groupId &&
        d.editing === editing &&
        d.candidate === candidate &&
        d.focused === focused
      const node: ArgumentNodeType =
        old && sameData && old.position.x === at.x && old.position.y === at.y && old.selected === selected
          ? old
          : {
              id: n.id,
              type: 'argument',
              position: { x: at.x, y: at.y },
              // Every node has the one size the geometry and the exports use, known before it renders.
              ...SIZE,
              measured: SIZE,
              handles: NODE_HANDLES,
              selected,
              ariaLabel: `${n.kind.toLowerCase()}: ${n.label}${cited ? `, citing ${cited.sourceTitle}` : ''}`,
              // The data object too is kept when only the position or the selection changed.
              data: sameData
                ? d
                : {
                    kind: n.kind,
                    label: n.label,
                    number,
                    cited,
                    flags,
                    peers,
                    groupId: inputs.groupId,
                    editing,
                    candidate,
                    focused,
                  },
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
  const { nodes, placed, numbers, cited, selected, flagsOf, peersOn, groupId, editingId, candidateId, focusedId } =
    inputs
  return useMemo(
    () =>
      cache.nodes({
        nodes,
        placed,
        numbers,
        cited,
        selected,
        flagsOf,
        peersOn,
        groupId,
        editingId,
        candidateId,
        focusedId,
      }),
    [cache, nodes, placed, numbers, cited, selected, flagsOf, peersOn, groupId, editingId, candidateId, focusedId],
  )
}
