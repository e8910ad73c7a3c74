// The one size of a node, on every surface, so that layout, routing and drawing agree on its box.
// On its own, so the canvas can know it without loading the layout library (lib/maps/layout.ts).

export const NODE_WIDTH = 240
export const NODE_HEIGHT = 128
/** Lines of a node's text shown before it is cut (the rest on hover, focus and in the appendix). */
export const NODE_TEXT_LINES = { cited: 4, note: 5 } as const
/**
 * Below this zoom the canvas draws no words (a node's text, a relation's caption): its 11–12 px text
 * would be about 3 px tall, on a 2× screen 6 device pixels (components/map/canvas-detail.ts).
 */
export const DETAIL_ZOOM = 0.25
