// The one size of a node, on every surface, so that layout, routing and drawing agree on its box.
// On its own, so the canvas can know it without loading the layout library (lib/maps/layout.ts).

export const NODE_WIDTH = 240
export const NODE_HEIGHT = 128

/** The box of a node whose top-left corner is at `at`. */
export const nodeBoxAt = (at: { x: number; y: number }) => ({
  x: at.x,
  y: at.y,
  width: NODE_WIDTH,
  height: NODE_HEIGHT,
})

/** A node's border, and the dots on its sides that start a connection (drawn 12 px wide on its inner edge). */
export const NODE_BORDER = 2
const DOT = 12
const dot = (x: number, y: number) => ({ x: x - DOT / 2, y: y - DOT / 2, width: DOT, height: DOT })

/**
 * Where a node's handles are in it: the dot on each side, and the body a connection is dropped on
 * (inside the border). The canvas tells React Flow these instead of having it measure them.
 */
export const NODE_HANDLE_BOXES = {
  top: dot(NODE_WIDTH / 2, NODE_BORDER),
  right: dot(NODE_WIDTH - NODE_BORDER, NODE_HEIGHT / 2),
  bottom: dot(NODE_WIDTH / 2, NODE_HEIGHT - NODE_BORDER),
  left: dot(NODE_BORDER, NODE_HEIGHT / 2),
  body: { x: NODE_BORDER, y: NODE_BORDER, width: NODE_WIDTH - 2 * NODE_BORDER, height: NODE_HEIGHT - 2 * NODE_BORDER },
}
/** Lines of a node's text shown before it is cut (the rest on hover, focus and in the appendix). */
export const NODE_TEXT_LINES = { cited: 4, note: 5 } as const
/**
 * Below this zoom the canvas draws no words (a node's text, a relation's caption): its 11–12 px text
 * would be about 3 px tall, on a 2× screen 6 device pixels (components/map/canvas-detail.ts).
 */
export const DETAIL_ZOOM = 0.25
