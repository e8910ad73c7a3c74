'use client'
// What a node or a relation on the canvas can ask of the editor, by id. Given once through context,
// with stable functions, instead of as callbacks in every node's and edge's data: data that stays
// the same object lets React Flow and the memoised views skip everything a change did not touch.
import { createContext, useCallback, useLayoutEffect, useMemo, useRef } from 'react'
import type { MapRelationState } from '@/lib/maps/reducer'
import type { Operation } from '@/lib/maps/schema'

export interface CanvasActionsValue {
  /** Ends editing a node's text: the new text, or null to keep the old. */
  finishEdit: (id: string, label: string | null) => void
  selectRelation: (id: string) => void
  reverseRelation: (id: string) => void
  switchRelation: (id: string) => void
  deleteRelation: (id: string) => void
}

const nothing = () => {}

export const CanvasActions = createContext<CanvasActionsValue>({
  finishEdit: nothing,
  selectRelation: nothing,
  reverseRelation: nothing,
  switchRelation: nothing,
  deleteRelation: nothing,
})

/** A function that keeps its identity across renders and always calls the latest `handler`. */
export function useStableHandler<Args extends unknown[]>(handler: (...args: Args) => void): (...args: Args) => void {
  const latest = useRef(handler)
  useLayoutEffect(() => {
    latest.current = handler
  })
  return useCallback((...args: Args) => latest.current(...args), [])
}

interface Handlers {
  relations: readonly MapRelationState[]
  finishEdit: (id: string, label: string | null) => void
  setSelected: (ids: string[]) => void
  reverse: (relation: MapRelationState) => void
  switchKind: (relation: MapRelationState) => void
  act: (ops: Operation[], message?: string) => void
}

/** The editor's CanvasActions: one object, the same for as long as the editor lives. */
export function useCanvasActionsValue({
  relations,
  finishEdit,
  setSelected,
  reverse,
  switchKind,
  act,
}: Handlers): CanvasActionsValue {
  const onRelation = (id: string, then: (r: MapRelationState) => void) => {
    const r = relations.find((x) => x.id === id)
    if (r) then(r)
  }
  const stableFinishEdit = useStableHandler(finishEdit)
  const selectRelation = useStableHandler((id: string) => setSelected([id]))
  const reverseRelation = useStableHandler((id: string) => onRelation(id, reverse))
  const switchRelation = useStableHandler((id: string) => onRelation(id, switchKind))
  const deleteRelation = useStableHandler((id: string) =>
    act([{ type: 'relation.delete', relationId: id }], 'Relation deleted.'),
  )
  return useMemo(
    () => ({ finishEdit: stableFinishEdit, selectRelation, reverseRelation, switchRelation, deleteRelation }),
    [stableFinishEdit, selectRelation, reverseRelation, switchRelation, deleteRelation],
  )
}
