// Where a new node goes: where the person put it, or beside the selected node, or at the middle
// of what they are looking at; moved to the nearest free spot if another node is there already.
import { BoxIndex, inflate, type Point } from './boxes'
import { NODE_HEIGHT, NODE_WIDTH, nodeBoxAt } from './node-size'

/** Room kept free around a placed node, so relations and their labels fit between nodes. */
export const PLACEMENT_GAP = 48
const STEP = 24
const MAX_RINGS = 200

/**
 * The free top-left corner nearest to `wanted` (itself when free) for a node of the standard size,
 * keeping PLACEMENT_GAP from every node in `taken`. Searched outward in square rings of STEP pixels;
 * among the spots of a ring the closest to `wanted` wins.
 */
export function nearestFreeSpot(wanted: Point, taken: readonly Point[]): Point {
  const index = new BoxIndex(taken.map((p) => inflate(nodeBoxAt(p), PLACEMENT_GAP)))
  const free = (p: Point) => index.near(nodeBoxAt(p)).length === 0
  const at = { x: Math.round(wanted.x), y: Math.round(wanted.y) }
  if (free(at)) return at
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    let best: Point | null = null
    let bestDistance = Infinity
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ] as const) {
        const p = { x: at.x + dx * STEP, y: at.y + dy * STEP }
        const distance = Math.hypot(dx, dy)
        if (distance < bestDistance && free(p)) {
          best = p
          bestDistance = distance
        }
      }
    }
    if (best) return best
  }
  return at
}

/** Beside a selected node: below it first (where its evidence goes), then to its right. */
export function besideNode(node: Point, taken: readonly Point[]): Point {
  return nearestFreeSpot({ x: node.x, y: node.y + NODE_HEIGHT + PLACEMENT_GAP + 24 }, taken)
}

/** The top-left corner that puts a new node's middle at `middle`. */
export const centredAt = (middle: Point): Point => ({ x: middle.x - NODE_WIDTH / 2, y: middle.y - NODE_HEIGHT / 2 })
