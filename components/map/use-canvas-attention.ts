'use client'
// What the canvas's nodes need to know of the person's attention, kept once for the canvas rather
// than in every node (a thousand listeners and subscriptions otherwise): which node has the
// keyboard's focus, and whether a connection is being drawn from a node's dot.
import { useCallback, useState, type FocusEvent } from 'react'

/** The id of the node whose wrapper `target` is, if it is one. */
const nodeIdOf = (target: EventTarget): string | null =>
  target instanceof HTMLElement && target.classList.contains('react-flow__node') ? (target.dataset.id ?? null) : null

export function useCanvasAttention() {
  const [focusedId, setFocusedId] = useState<string | null>(null)
  const [connecting, setConnecting] = useState(false)
  return {
    focusedId,
    /** While true the canvas carries map-connecting, and every node's body takes the connection. */
    connecting,
    onFocus: useCallback((event: FocusEvent) => setFocusedId(nodeIdOf(event.target)), []),
    onBlur: useCallback(() => setFocusedId(null), []),
    onConnectStart: useCallback(() => setConnecting(true), []),
    onConnectEnd: useCallback(() => setConnecting(false), []),
  }
}
