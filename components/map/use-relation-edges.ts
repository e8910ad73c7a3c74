'use client'
// The canvas's edges: every relation drawn so far. Where each is drawn goes to DrawnRelations, not
// into the edges, so the edges keep their objects (and React Flow its lookups) while a node is
// dragged; an edge changes only with its relation, its selection or its aria-label. What can be done
// to a relation from the edge itself (reverse, switch between supports and attacks, delete) comes
// from CanvasActions.
import { useCallback, useLayoutEffect, useMemo, useState } from 'react'
import { isolate } from '@/lib/export/text-fit'
import { clustersOf } from '@/lib/export/graphemes'
import type { MapRelationState, MapState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'
import { RELATION_STYLES } from '@/lib/tags'
import type { RelationEdgeType } from './relation-edge'
import { BODY_HANDLE } from './argument-node'
import { DrawnRelations } from './drawn-relations'
import { useRelationGeometry, type FoundRoutes } from './use-relation-geometry'

interface Options {
  view: MapState
  /** Where the nodes are drawn right now (a dragged node where it is being dragged). */
  placed: readonly { id: string; x: number; y: number }[]
  /** The map as the page found it, with its relations' routes if the server sent them. */
  found: FoundRoutes
  numbers: ReadonlyMap<string, number>
  selected: ReadonlySet<string>
  editable: boolean
  act: (ops: Operation[], message?: string) => void
}

/** The edges built last time, by relation id, to give back unchanged; nodes' first words by their text. */
class EdgeCache {
  private built = new Map<string, RelationEdgeType>()
  private shorts = new Map<string, string>()
  /** Each edge's aria-label, with what it was made from: remade only when its relation or a node's text changed. */
  private said = new Map<
    string,
    { relation: MapRelationState; from: string | undefined; to: string | undefined; text: string }
  >()

  private ariaLabel(r: MapRelationState, labels: ReadonlyMap<string, string>): string {
    const [from, to] = [labels.get(r.fromId), labels.get(r.toId)]
    const known = this.said.get(r.id)
    if (known && known.relation === r && known.from === from && known.to === to) return known.text
    const text = `${this.short(from)} ${RELATION_STYLES[r.kind].word} ${this.short(to)}${r.label.trim() ? ` — ${isolate(r.label.trim())}` : ''}`
    this.said.set(r.id, { relation: r, from, to, text })
    return text
  }

  /** A node's first words, cut between characters (never inside an emoji) and isolated from the sentence. */
  private short(label: string | undefined): string {
    if (label === undefined) return 'node'
    let short = this.shorts.get(label)
    if (short === undefined) {
      if (this.shorts.size > 20_000) this.shorts.clear()
      this.shorts.set(label, (short = isolate(clustersOf(label).slice(0, 40).join(''))))
    }
    return short
  }

  edges(
    relations: readonly MapRelationState[],
    placed: ReadonlySet<string>,
    labels: ReadonlyMap<string, string>,
    selected: ReadonlySet<string>,
    editable: boolean,
  ) {
    const next = new Map<string, RelationEdgeType>()
    const edges: RelationEdgeType[] = []
    for (const r of relations) {
      // A relation joins the canvas once it has been drawn (in the browser, after the fonts).
      if (!placed.has(r.id)) continue
      const old = this.built.get(r.id)
      const isSelected = selected.has(r.id)
      const ariaLabel = this.ariaLabel(r, labels)
      const same =
        old?.data !== undefined &&
        old.source === r.fromId &&
        old.target === r.toId &&
        old.ariaLabel === ariaLabel &&
        old.data.kind === r.kind &&
        old.data.editable === editable &&
        old.selected === isSelected
      const edge: RelationEdgeType = same
        ? old
        : {
            id: r.id,
            type: 'relation',
            source: r.fromId,
            target: r.toId,
            sourceHandle: BODY_HANDLE,
            targetHandle: BODY_HANDLE,
            selected: isSelected,
            ariaLabel,
            data: { kind: r.kind, editable },
          }
      next.set(r.id, edge)
      edges.push(edge)
    }
    this.built = next
    if (this.said.size > 2 * next.size + 1_000)
      for (const id of this.said.keys()) if (!next.has(id)) this.said.delete(id)
    return edges
  }
}

export function useRelationEdges({ view, placed, found, numbers, selected, editable, act }: Options) {
  const reverse = useCallback(
    (r: MapRelationState) =>
      act(
        [{ type: 'relation.edit', relationId: r.id, fromId: r.toId, toId: r.fromId }],
        `Relation reversed: #${numbers.get(r.toId)} now ${RELATION_STYLES[r.kind].word} #${numbers.get(r.fromId)}.`,
      ),
    [act, numbers],
  )
  const switchKind = useCallback(
    (r: MapRelationState) => {
      const kind = r.kind === 'SUPPORTS' ? 'ATTACKS' : 'SUPPORTS'
      act([{ type: 'relation.edit', relationId: r.id, kind }], `The relation now ${RELATION_STYLES[kind].word}.`)
    },
    [act],
  )

  const { ids, placed: geometry } = useRelationGeometry(placed, view.relations, found)
  const [drawn] = useState(() => new DrawnRelations())
  // Staged while rendering, so an edge that appears now finds its drawing; told once it is on screen.
  drawn.stage(geometry)
  useLayoutEffect(() => drawn.flush(), [drawn, geometry])
  const labels = useMemo(() => new Map(view.nodes.map((n) => [n.id, n.label])), [view.nodes])
  const [cache] = useState(() => new EdgeCache())
  const edges = useMemo(
    () => cache.edges(view.relations, ids, labels, selected, editable),
    [cache, view.relations, ids, labels, selected, editable],
  )

  return { edges, drawn, reverse, switchKind }
}
