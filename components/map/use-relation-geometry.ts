'use client'
// The canvas's relations, placed by the geometry every export uses, with captions measured in the
// font the canvas shows them in. Detours found before are reused while a node is dragged.
import { useEffect, useMemo, useState } from 'react'
import { captionOf, captionText, CAPTION_SIZE, type Caption } from '@/lib/maps/caption'
import { relationGeometry, type RelationGeometry, type RouteCache } from '@/lib/maps/geometry'
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/layout'
import type { MapRelationState } from '@/lib/maps/reducer'

/** Until the page's font has loaded (and on the server), a width close to it, the same on both sides of hydration. */
const estimate = (text: string) => [...text].length * CAPTION_SIZE * 0.6

function canvasMeasurer(): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return estimate
  const family = getComputedStyle(document.body).fontFamily
  context.font = `600 ${CAPTION_SIZE}px ${family}`
  return (text) => context.measureText(text).width
}

export function useRelationGeometry(nodes: readonly { id: string; x: number; y: number }[], relations: readonly MapRelationState[]) {
  const [measure, setMeasure] = useState<(text: string) => number>(() => estimate)
  useEffect(() => {
    let live = true
    void document.fonts.ready.then(() => live && setMeasure(() => canvasMeasurer()))
    return () => {
      live = false
    }
  }, [])
  // Kept across renders, new when the font is: captions by text, detours by their surroundings.
  const known = useMemo(() => ({ measure, captions: new Map<string, Caption>(), routes: new Map() as RouteCache }), [measure])

  return useMemo(() => {
    const captionFor = (r: MapRelationState) => {
      const key = `${r.kind}\u0000${captionText(r)}`
      let caption = known.captions.get(key)
      if (!caption) known.captions.set(key, (caption = captionOf(r, known.measure)))
      return caption
    }
    // Forget old detours now and then, so a long session does not keep every one it ever drew.
    if (known.routes.size > 20_000) known.routes.clear()
    const boxes = new Map(nodes.map((n) => [n.id, { x: n.x, y: n.y, width: NODE_WIDTH, height: NODE_HEIGHT }]))
    const byId = new Map(relations.map((r) => [r.id, r]))
    const placed = relationGeometry(boxes, relations.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, label: captionFor(r) })), known.routes)
    return new Map<string, { geometry: RelationGeometry; caption: Caption }>(placed.map((g) => [g.id, { geometry: g, caption: captionFor(byId.get(g.id)!) }]))
  }, [nodes, relations, known])
}
