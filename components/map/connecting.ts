'use client'
// Connecting two nodes without a mouse drag: with one node selected, S or A starts a relation
// from it; [ and ] offer the other nodes in reading order, Enter (or a click) makes the relation.
// And the line under the toolbar that says, at each step, how to go on.
import { isolate } from '@/lib/export/text-fit'
import { clustersOf } from '@/lib/export/graphemes'
import type { MapNodeState, MapRelationState } from '@/lib/maps/reducer'
import { RELATION_STYLES } from '@/lib/tags'

export type RelationKind = MapRelationState['kind']

export interface Linking {
  fromId: string
  kind: RelationKind
  /** The node offered as the other end, if any yet. */
  toId: string | null
}

/** The next node to offer after `current`, in reading order, never the one the relation starts from. */
export function nextCandidate(nodes: readonly MapNodeState[], linking: Linking, step: 1 | -1): string | null {
  const ordered = [...nodes].sort((a, b) => a.y - b.y || a.x - b.x).filter((n) => n.id !== linking.fromId)
  if (ordered.length === 0) return null
  const at = ordered.findIndex((n) => n.id === linking.toId)
  const next = at < 0 ? (step === 1 ? 0 : ordered.length - 1) : (at + step + ordered.length) % ordered.length
  return ordered[next]!.id
}

/** The two nodes already joined by a relation, in either direction, if they are. */
export const relationBetween = (relations: readonly MapRelationState[], a: string, b: string) =>
  relations.find((r) => (r.fromId === a && r.toId === b) || (r.fromId === b && r.toId === a))

/** A node named in a sentence: its number and its first words, cut between characters and isolated, so Arabic ones cannot reorder the sentence. */
const short = (node: MapNodeState | undefined, number: number | undefined) => {
  const clusters = clustersOf(node?.label.trim() ?? '')
  const words = clusters.length
    ? `“${isolate(clusters.length > 40 ? `${clusters.slice(0, 39).join('')}…` : clusters.join(''))}”`
    : 'the empty note'
  return number ? `#${number} ${words}` : words
}

/** What to do next, said in one line for the current selection. */
export function connectHint(options: {
  editable: boolean
  nodes: readonly MapNodeState[]
  numbers: ReadonlyMap<string, number>
  selectedNodes: readonly string[]
  selectedRelation: MapRelationState | null
  linking: Linking | null
  kind: RelationKind
}): string {
  const { editable, nodes, numbers, selectedNodes, selectedRelation, linking, kind } = options
  if (!editable) return 'This map is read-only.'
  const name = (id: string) =>
    short(
      nodes.find((n) => n.id === id),
      numbers.get(id),
    )
  if (linking) {
    const word = RELATION_STYLES[linking.kind].word
    const offered = linking.toId ? ` Enter: ${name(linking.fromId)} ${word} ${name(linking.toId)}.` : ''
    return `Choose the node that ${name(linking.fromId)} ${word}: click it, or press ] and [ to step through the nodes.${offered} Esc cancels.`
  }
  if (selectedRelation) {
    return `Selected: ${name(selectedRelation.fromId)} ${RELATION_STYLES[selectedRelation.kind].word} ${name(selectedRelation.toId)}. R reverses it, T switches supports and attacks, Delete removes it.`
  }
  if (selectedNodes.length === 2) {
    const [from, to] = selectedNodes as [string, string]
    return `Connect ${name(from)} → ${name(to)}: press S (supports) or A (attacks), or “Connect selected” (as ${RELATION_STYLES[kind].word}). The node selected first is the one that supports or attacks.`
  }
  if (selectedNodes.length === 1) {
    return `To connect ${name(selectedNodes[0]!)}: drag from a dot on its border onto the other node, or press S (supports) or A (attacks) and choose the other node. Ctrl+click selects a second node.`
  }
  if (nodes.length === 0)
    return 'An empty map: add the passages you highlighted from the list beside it, or press N for a note. ? lists every key.'
  return 'Select a node to connect it: drag from a dot on its border onto another node, or press ] to step through the nodes, then S (supports) or A (attacks). N adds a note; ? lists every key.'
}
