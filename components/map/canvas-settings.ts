'use client'
// How the map's React Flow canvas is set up: node and edge kinds, colours in the minimap, and the
// props React Flow compares by identity, made once so that the canvas never redraws for a new copy.
import type { IsValidConnection, Node, ReactFlowState } from '@xyflow/react'
import { NOTE_STYLE, RELATION_STYLES, TAGS } from '@/lib/tags'
import { ArgumentNode } from './argument-node'
import { RelationEdge } from './relation-edge'

export const nodeTypes = { argument: ArgumentNode }
export const edgeTypes = { relation: RelationEdge }

type NodeKind = keyof typeof TAGS | 'NOTE'
export const minimapColor = (node: Node) => {
  const kind = (node.data as { kind: NodeKind }).kind
  return kind === 'NOTE' ? NOTE_STYLE.stroke : TAGS[kind].fill
}
export const DEFAULT_VIEWPORT = { x: 0, y: 0, zoom: 1 }
export const PRO_OPTIONS = { hideAttribution: true }
export const DELETE_KEYS = ['Delete', 'Backspace']
export const isValidConnection: IsValidConnection = (c) => c.source !== c.target
export const CONNECTION_LINE = {
  SUPPORTS: { stroke: RELATION_STYLES.SUPPORTS.stroke, strokeWidth: 2 },
  ATTACKS: { stroke: RELATION_STYLES.ATTACKS.stroke, strokeWidth: 2 },
}

/**
 * A big map zoomed in draws only the nodes and relations in view: panning and dragging then touch a
 * few dozen elements instead of a thousand. Not below this zoom, where most of such a map is in
 * view anyway and testing every element for visibility on every frame only adds to the work; nor
 * on a small map, which is cheap to draw whole.
 */
const VISIBLE_ONLY_ZOOM = 0.25
export const VISIBLE_ONLY_NODES = 200
export const zoomedIn = (s: ReactFlowState) => s.transform[2] >= VISIBLE_ONLY_ZOOM

/** On a phone, a large map opens at a size its text can be read at (then panned), not shrunk whole. */
export function readableZoomOnPhones(): number | undefined {
  return typeof window !== 'undefined' && window.matchMedia('(max-width: 640px)').matches ? 0.5 : undefined
}
