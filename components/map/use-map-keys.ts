'use client'
// The map's keys: N adds a note, L lays out, [ and ] step through the nodes in reading order,
// S and A connect (two selected nodes at once, or one and then the node chosen next), R and T
// reverse and switch a selected relation, Enter and F2 edit, Ctrl+Z and Ctrl+Shift+Z undo and redo.
import type { KeyboardEvent } from 'react'
import { isolate } from '@/lib/export/text-fit'
import { clustersOf } from '@/lib/export/graphemes'
import type { MapRelationState, MapState } from '@/lib/maps/reducer'
import { nextCandidate, type Linking, type RelationKind } from './connecting'

interface Keys {
  view: MapState
  numbers: ReadonlyMap<string, number>
  selected: readonly string[]
  selectedNodes: readonly string[]
  selectedRelation: MapRelationState | null
  linking: Linking | null
  editable: boolean
  labelOf: (id: string) => string
  setSelected: (ids: string[]) => void
  setLinking: (linking: Linking | null) => void
  setEditingId: (id: string) => void
  announce: (message: string) => void
  focusNode: (id: string) => void
  connect: (fromId: string, toId: string, kind: RelationKind) => void
  reverse: (relation: MapRelationState) => void
  switchKind: (relation: MapRelationState) => void
  addNote: () => void
  autoLayout: () => void
  undo: () => void
  redo: () => void
}

export function useMapKeys(keys: Keys): (event: KeyboardEvent) => void {
  const selectStep = (step: 1 | -1) => {
    const { view, selected, numbers } = keys
    const ordered = [...view.nodes].sort((a, b) => a.y - b.y || a.x - b.x)
    if (!ordered.length) return
    const at = ordered.findIndex((n) => n.id === selected.at(-1))
    const next = ordered[(at + step + ordered.length) % ordered.length]!
    keys.setSelected([next.id])
    keys.focusNode(next.id)
    keys.announce(
      `Selected #${numbers.get(next.id)}, ${next.kind.toLowerCase()}: ${isolate(clustersOf(next.label).slice(0, 80).join(''))}`,
    )
  }

  /** S or A: connect the two selected nodes, or start a relation from the one selected. */
  const startConnect = (kind: RelationKind) => {
    const { selectedNodes } = keys
    if (selectedNodes.length === 2) return keys.connect(selectedNodes[0]!, selectedNodes[1]!, kind)
    if (selectedNodes.length === 1) keys.setLinking({ fromId: selectedNodes[0]!, kind, toId: null })
  }

  const linkingKeys = (key: string): boolean => {
    const { linking, setLinking } = keys
    if (!linking) return false
    const step = key === ']' ? 1 : key === '[' ? -1 : 0
    if (step) {
      const toId = nextCandidate(keys.view.nodes, linking, step)
      setLinking({ ...linking, toId })
      if (toId) {
        keys.focusNode(toId)
        keys.announce(`#${keys.numbers.get(toId)}: ${keys.labelOf(toId)}. Enter connects.`)
      }
    } else if (key === 'Enter' && linking.toId) keys.connect(linking.fromId, linking.toId, linking.kind)
    else if (key === 'Escape') setLinking(null)
    else if (key === 's' || key === 'a') setLinking({ ...linking, kind: key === 's' ? 'SUPPORTS' : 'ATTACKS' })
    else return false
    return true
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.target as HTMLElement).closest('textarea, input, select, button')) return
    const mod = event.ctrlKey || event.metaKey
    if (mod && event.key.toLowerCase() === 'z') {
      event.preventDefault()
      if (event.shiftKey) keys.redo()
      else keys.undo()
      return
    }
    if (mod || event.altKey || !keys.editable) return
    if (linkingKeys(event.key)) return event.preventDefault()
    const { selectedNodes, selectedRelation, setEditingId } = keys
    const handlers: Record<string, () => void> = {
      n: keys.addNote,
      l: keys.autoLayout,
      ']': () => selectStep(1),
      '[': () => selectStep(-1),
      s: () => startConnect('SUPPORTS'),
      a: () => startConnect('ATTACKS'),
      r: () => selectedRelation && keys.reverse(selectedRelation),
      t: () => selectedRelation && keys.switchKind(selectedRelation),
      Enter: () => selectedNodes.length === 1 && setEditingId(selectedNodes[0]!),
      F2: () => selectedNodes.length === 1 && setEditingId(selectedNodes[0]!),
    }
    const handler = handlers[event.key]
    if (handler) {
      event.preventDefault()
      handler()
    }
  }

  return onKeyDown
}
