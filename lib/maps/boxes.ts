// Rectangles and segments on the map plane, and a grid index that finds the boxes near a point or
// a segment without looking at all of them: the primitives that routing, label placement and
// node placement share.

export interface Point {
  x: number
  y: number
}

/** A node's box or a label's box: top-left corner and size, in canvas pixels. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 })

export const inflate = (b: Box, by: number): Box => ({ x: b.x - by, y: b.y - by, width: b.width + 2 * by, height: b.height + 2 * by })

/** Whether two boxes share any area (touching edges do not count). */
export const boxesOverlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

export const containsPoint = (b: Box, p: Point): boolean => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height

/** Whether the segment a→b passes through the inside of `box` (Liang–Barsky clipping). */
export function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  const dx = b.x - a.x
  const dy = b.y - a.y
  let t0 = 0
  let t1 = 1
  const edges: [number, number][] = [
    [-dx, a.x - box.x],
    [dx, box.x + box.width - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.height - a.y],
  ]
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false
      continue
    }
    const t = q / p
    if (p < 0) t0 = Math.max(t0, t)
    else t1 = Math.min(t1, t)
    if (t0 >= t1) return false
  }
  return t1 - t0 > 1e-9
}

const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)

/** Whether two segments cross at a point inside both (touching ends and collinear overlaps do not count). */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a)
  const d2 = cross(c, d, b)
  const d3 = cross(a, b, c)
  const d4 = cross(a, b, d)
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
}

const CELL = 320

/** Boxes bucketed by a coarse grid, so a query looks at a few cells instead of every box. */
export class BoxIndex<T extends Box = Box> {
  private readonly cells = new Map<string, T[]>()

  constructor(boxes: Iterable<T> = []) {
    for (const box of boxes) this.add(box)
  }

  add(box: T): void {
    for (const key of this.keys(box)) {
      const cell = this.cells.get(key)
      if (cell) cell.push(box)
      else this.cells.set(key, [box])
    }
  }

  /** Every box whose area meets `area` (each once). */
  near(area: Box): T[] {
    const found = new Set<T>()
    for (const key of this.keys(area)) for (const box of this.cells.get(key) ?? []) if (boxesOverlap(box, area)) found.add(box)
    return [...found]
  }

  private *keys(b: Box): Generator<string> {
    const [x0, x1] = [Math.floor(b.x / CELL), Math.floor((b.x + b.width) / CELL)]
    const [y0, y1] = [Math.floor(b.y / CELL), Math.floor((b.y + b.height) / CELL)]
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x}:${y}`
  }
}

/** The smallest box holding every point. */
export function boundsOf(points: readonly Point[]): Box {
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y }
}
