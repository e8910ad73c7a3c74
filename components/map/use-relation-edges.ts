'use client'
// The canvas's edges: every relation with its geometry and caption, and what can be done to it
// from the edge itself (reverse, switch between supports and attacks, delete).
import { useCallback, useMemo } from 'react'
import { isolate } from '@/lib/export/text-fit'
import { clustersOf } from '@/lib/export/text-runs'
import type { MapRelationState, MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { RELATION_STYLES } from '@/lib/tags'
import type { RelationEdgeType } from './relation-edge'
import { useRelationGeometry } from './use-relation-geometry'

interface Options {
  view: MapState
  /** Where the nodes are drawn right now (a dragged node where it is being dragged). */
  placed: readonly { id: string; x: number; y: number }[]
  numbers: ReadonlyMap<string, number>
  selected: readonly string[]
  editable: boolean
  act: (ops: Operation[], message?: string) => void
  onSelect: (ids: string[]) => void
}

export function useRelationEdges({ view, placed, numbers, selected, editable, act, onSelect }: Options) {
  const reverse = useCallback(
    (r: MapRelationState) => act([{ type: 'relation.edit', relationId: r.id, fromId: r.toId, toId: r.fromId }], `Relation reversed: #${numbers.get(r.toId)} now ${RELATION_STYLES[r.kind].word} #${numbers.get(r.fromId)}.`),
    [act, numbers],
  )
  const switchKind = useCallback(
    (r: MapRelationState) => {
      const kind = r.kind === 'SUPPORTS' ? 'ATTACKS' : 'SUPPORTS'
      act([{ type: 'relation.edit', relationId: r.id, kind }], `The relation now ${RELATION_STYLES[kind].word}.`)
    },
    [act],
  )

  const geometry = useRelationGeometry(placed, view.relations)
  // A node's first words, cut between characters (never inside an emoji) and isolated from the sentence.
  const labelOf = useCallback((id: string) => {
    const label = view.nodes.find((n) => n.id === id)?.label
    return label === undefined ? 'node' : isolate(clustersOf(label).slice(0, 40).join(''))
  }, [view.nodes])
  const edges: RelationEdgeType[] = useMemo(
    () =>
      view.relations.flatMap((r) => {
        const drawn = geometry.get(r.id)
        if (!drawn) return []
        return [
          {
            id: r.id,
            type: 'relation' as const,
            source: r.fromId,
            target: r.toId,
            sourceHandle: 'top',
            targetHandle: 'body',
            selected: selected.includes(r.id),
            ariaLabel: `${labelOf(r.fromId)} ${RELATION_STYLES[r.kind].word} ${labelOf(r.toId)}${r.label.trim() ? ` — ${isolate(r.label.trim())}` : ''}`,
            data: {
              kind: r.kind,
              geometry: drawn.geometry,
              caption: drawn.caption,
              editable,
              onSelect: () => onSelect([r.id]),
              onReverse: () => reverse(r),
              onSwitch: () => switchKind(r),
              onDelete: () => act([{ type: 'relation.delete', relationId: r.id }], 'Relation deleted.'),
            },
          },
        ]
      }),
    [view.relations, geometry, selected, labelOf, editable, reverse, switchKind, act, onSelect],
  )

  return { edges, reverse, switchKind }
}
