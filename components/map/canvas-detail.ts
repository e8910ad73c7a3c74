'use client'
// Whether the canvas draws its words: a node's text and citation and a relation's caption. Below a
// zoom where 12-pixel text is a few pixels tall nobody can read them, and on a fitted map of
// hundreds of nodes laying them out is work nobody sees (React Flow's "contextual zoom"):
// there a node shows its kind and number on one line and grey bars for its words
// (argument-node.tsx), and its words come back on hover, focus or selection, or once zoomed in. A
// relation's line, arrowhead and caption box are placed as always, so nothing moves when the
// words appear. Node names stay in their accessible labels at every zoom.
import { useStore, type ReactFlowState } from '@xyflow/react'
import { createContext, useContext, useState } from 'react'
import { DETAIL_ZOOM } from '@/lib/maps/node-size'

const legible = (s: ReactFlowState) => s.transform[2] >= DETAIL_ZOOM
const fitting = (s: ReactFlowState) => s.fitViewQueued

/**
 * For the editor, inside React Flow's provider. Until React Flow has fitted the map it opens with,
 * its zoom is not the one the map will be seen at: words are not drawn for that moment, rather than
 * laid out at full size for every node and thrown away.
 */
export function useCanvasDetail(): boolean {
  const zoomLegible = useStore(legible)
  const queued = useStore(fitting)
  // Latched: a later fit (after a layout) keeps the words, whatever the zoom it passes through.
  const [opened, setOpened] = useState(false)
  if (!queued && !opened) setOpened(true)
  return (opened || !queued) && zoomLegible
}

export const CanvasDetail = createContext(true)

export const useShowsDetail = () => useContext(CanvasDetail)
