'use client'
// Where each relation is drawn now, kept outside React Flow's edges: a drag redraws a few relations
// every frame, and handing React Flow a new list of edges for that made it rebuild its lookup of
// every edge each time. The edges stay the same objects while a node is dragged; each relation on
// the canvas reads its own drawing here and is redrawn when, and only when, that changes.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react'
import type { Caption } from '@/lib/maps/caption'
import type { RelationGeometry } from '@/lib/maps/geometry'

export type PlacedRelation = { geometry: RelationGeometry; caption: Caption }

export class DrawnRelations {
  private drawn: ReadonlyMap<string, PlacedRelation> = new Map()
  /** The drawing the relations on the canvas were last told of. */
  private told: ReadonlyMap<string, PlacedRelation> = new Map()
  private readonly listeners = new Map<string, Set<() => void>>()

  get(id: string): PlacedRelation | undefined {
    return this.drawn.get(id)
  }

  /** The drawing being rendered: what an edge that appears now reads. */
  stage(next: ReadonlyMap<string, PlacedRelation>): void {
    this.drawn = next
  }

  /** Once it is on screen (a layout effect): tells each relation whose drawing changed since last time. */
  flush(): void {
    const [before, now] = [this.told, this.drawn]
    if (before === now) return
    this.told = now
    for (const [id, listeners] of this.listeners) {
      const [a, b] = [before.get(id), now.get(id)]
      if (a?.geometry !== b?.geometry || a?.caption !== b?.caption) for (const listener of listeners) listener()
    }
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id)
    if (!set) this.listeners.set(id, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(id)
    }
  }
}

export const DrawnRelationsContext = createContext<DrawnRelations | null>(null)

/** How relation `id` is drawn now, redrawn when that changes. */
export function useDrawnRelation(id: string): PlacedRelation | undefined {
  const store = useContext(DrawnRelationsContext)
  const subscribe = useCallback((listener: () => void) => store?.subscribe(id, listener) ?? (() => {}), [store, id])
  return useSyncExternalStore(
    subscribe,
    () => store?.get(id),
    () => undefined,
  )
}
