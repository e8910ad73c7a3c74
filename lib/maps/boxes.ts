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

export const inflate = (b: Box, by: number): Box => ({
  x: b.x - by,
  y: b.y - by,
  width: b.width + 2 * by,
  height: b.height + 2 * by,
})

/** Whether two boxes share any area (touching edges do not count). */
export const boxesOverlap = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

export const containsPoint = (b: Box, p: Point): boolean =>
  p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height

/** Whether the segment a→b passes through the inside of `box` (Liang–Barsky clipping). */
export function segmentHitsBox(a: Point, b: Point, box: Box): boolean {
  return segmentHitsRect(a.x, a.y, b.x, b.y, box.x, box.y, box.x + box.width, box.y + box.height)
}

/** segmentHitsBox on plain numbers: called in routing's innermost loop, so it allocates nothing. */
export function segmentHitsRect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): boolean {
  const dx = bx - ax
  const dy = by - ay
  let t0 = 0
  let t1 = 1
  // The four edges in turn (left, right, top, bottom): p is the direction's component against the edge, q the distance.
  for (let edge = 0; edge < 4; edge++) {
    const p = edge === 0 ? -dx : edge === 1 ? dx : edge === 2 ? -dy : dy
    const q = edge === 0 ? ax - x0 : edge === 1 ? x1 - ax : edge === 2 ? ay - y0 : y1 - ay
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
/** Cells are keyed by one number: maps span far fewer than this many cells across. */
const ROW = 1 << 20
const keyOf = (x: number, y: number) => x * ROW + y

/** Boxes bucketed by a coarse grid, so a query looks at a few cells instead of every box. */
export class BoxIndex<T extends Box = Box> {
  private readonly cells = new Map<number, T[]>()

  constructor(boxes: Iterable<T> = []) {
    for (const box of boxes) this.add(box)
  }

  add(box: T): void {
    this.eachCell(box, (key) => {
      const cell = this.cells.get(key)
      if (cell) cell.push(box)
      else this.cells.set(key, [box])
    })
  }

  /** Every box whose area meets `area` (each once), in the order of its cells and of their boxes. */
  near(area: Box): T[] {
    const found: T[] = []
    // A box spanning several cells is in each of them: only then is there anything to skip.
    let seen: Set<T> | null = null
    this.eachCell(area, (key, first) => {
      if (!first) seen ??= new Set(found)
      for (const box of this.cells.get(key) ?? []) {
        if (!boxesOverlap(box, area) || seen?.has(box)) continue
        found.push(box)
        seen?.add(box)
      }
    })
    return found
  }

  /** Whether any box meets `area`. */
  any(area: Box): boolean {
    let hit = false
    this.eachCell(area, (key) => {
      if (!hit) for (const box of this.cells.get(key) ?? []) if (boxesOverlap(box, area)) return void (hit = true)
    })
    return hit
  }

  private eachCell(b: Box, visit: (key: number, first: boolean) => void): void {
    const [x0, x1] = [Math.floor(b.x / CELL), Math.floor((b.x + b.width) / CELL)]
    const [y0, y1] = [Math.floor(b.y / CELL), Math.floor((b.y + b.height) / CELL)]
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) visit(keyOf(x, y), x === x0 && y === y0)
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
