'use client'
// The canvas's relations, placed by the geometry every export uses, with captions measured in the
// font the canvas shows them in. Drawn in the browser only, once the page's fonts are there: a
// drawing with captions measured in another font would be thrown away. Each drawing starts from
// the one before: while a node is dragged, only the relations it can reach are drawn again, and
// the others keep their objects. The first drawing takes its routes from the server when they are
// for the map it draws (lib/maps/known-routes.ts).
import { useEffect, useMemo, useState } from 'react'
import { captionOf, captionText, CAPTION_SIZE, type Caption } from '@/lib/maps/caption'
import {
  drawRelations,
  type Box,
  type Drawing,
  type KnownRoutes,
  type RelationInput,
  type RouteCache,
} from '@/lib/maps/geometry'
import { drawsState } from '@/lib/maps/known-routes'
import { nodeBoxAt } from '@/lib/maps/node-size'
import type { MapRelationState, MapState } from '@/lib/maps/reducer'
import type { PlacedRelation } from './drawn-relations'

/** Where no canvas can measure, a width close to the font's. */
const estimate = (text: string) => [...text].length * CAPTION_SIZE * 0.6

function canvasMeasurer(): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return estimate
  const family = getComputedStyle(document.body).fontFamily
  context.font = `600 ${CAPTION_SIZE}px ${family}`
  return (text) => context.measureText(text).width
}

/** The map as the page found it, with its relations' routes if the server sent them. */
export interface FoundRoutes {
  state: MapState
  routes?: KnownRoutes
}

/** What one font's drawings keep between renders: captions by text, detours, the last drawing. */
class Drawings {
  private readonly captions = new Map<string, Caption>()
  private readonly routes: RouteCache = new Map()
  private last: Drawing | null = null
  /** Nodes' boxes by id, kept while a node stays put, so a redrawing sees at once which nodes moved. */
  private boxes = new Map<string, Box>()
  private inputs: { relations: readonly MapRelationState[]; list: RelationInput[] } | null = null

  constructor(
    private readonly measure: (text: string) => number,
    /** Routes for the first drawing, dropped once it is made. */
    private found: FoundRoutes | null,
  ) {}

  caption(r: MapRelationState): Caption {
    const key = `${r.kind}\u0000${captionText(r)}`
    let caption = this.captions.get(key)
    if (!caption) this.captions.set(key, (caption = captionOf(r, this.measure)))
    return caption
  }

  /** Which relations are drawn: the same set while the same relations between the same nodes are. */
  private ids: { of: readonly RelationInput[]; ids: ReadonlySet<string> } | null = null

  draw(nodes: readonly { id: string; x: number; y: number }[], relations: readonly MapRelationState[]): Drawn {
    // Forget old detours now and then, so a long session does not keep every one it ever drew.
    if (this.routes.size > 20_000) this.routes.clear()
    if (this.inputs?.relations !== relations)
      this.inputs = {
        relations,
        list: relations.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, label: this.caption(r) })),
      }
    const boxes = new Map<string, Box>()
    for (const n of nodes) {
      const old = this.boxes.get(n.id)
      boxes.set(n.id, old && old.x === n.x && old.y === n.y ? old : nodeBoxAt(n))
    }
    this.boxes = boxes
    const found = this.found
    this.found = null
    const known = found?.routes && drawsState(found.state, nodes, relations) ? found.routes : undefined
    this.last = drawRelations(this.last, boxes, this.inputs.list, this.routes, known)
    if (this.ids?.of !== this.last.drawn)
      this.ids = { of: this.last.drawn, ids: new Set(this.last.drawn.map((r) => r.id)) }
    const byId = new Map(relations.map((r) => [r.id, r]))
    return {
      ids: this.ids.ids,
      placed: new Map(this.last.geometry.map((g) => [g.id, { geometry: g, caption: this.caption(byId.get(g.id)!) }])),
    }
  }
}

/** Every relation's drawing by id, and which are drawn (a set that changes only with the relations). */
export interface Drawn {
  ids: ReadonlySet<string>
  placed: ReadonlyMap<string, PlacedRelation>
}

const NOTHING_DRAWN: Drawn = { ids: new Set(), placed: new Map() }

export function useRelationGeometry(
  nodes: readonly { id: string; x: number; y: number }[],
  relations: readonly MapRelationState[],
  found: FoundRoutes,
) {
  const [measure, setMeasure] = useState<((text: string) => number) | null>(null)
  useEffect(() => {
    let live = true
    void document.fonts.ready.then(() => live && setMeasure(() => canvasMeasurer()))
    return () => {
      live = false
    }
  }, [])
  const drawings = useMemo(() => (measure ? new Drawings(measure, found) : null), [measure, found])
  return useMemo(() => drawings?.draw(nodes, relations) ?? NOTHING_DRAWN, [drawings, nodes, relations])
}
