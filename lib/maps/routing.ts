// A relation's way from one node's border to another's around the nodes in between: the
// shortest polyline through the corners of the boxes near the straight line (a visibility graph,
// searched with A*), leaving its source outward and entering its target inward.
import {
  BoxIndex,
  boundsOf,
  containsPoint,
  inflate,
  segmentHitsBox,
  segmentHitsRect,
  type Box,
  type Point,
} from './boxes'

/** How far a line keeps from a box it passes. */
const CLEARANCE = 8
/** Where the corners of a detour sit: far enough out that the rounded bend clears the box too. */
const CORNER_OFFSET = 18
/** Only boxes this close to the straight line are walked around; farther ones never matter to a short detour. */
const REACH = 200
/** At most this many boxes near the line are considered, the nearest first. */
const MAX_NEARBY = 48
/** A line through more nodes than this crosses a crowd no short detour gets around: it stays straight. */
const MAX_BLOCKERS = 6
/** The search stops after this many steps (a detour is then not worth its cost). */
const MAX_EXPANSIONS = 160
/** A detour longer than this many times the straight line reads worse than crossing a node. */
const MAX_DETOUR = 3

export interface Port {
  point: Point
  /** Unit vector pointing out of the box through the side the line attaches to. */
  normal: Point
}

const dot = (a: Point, b: Point) => a.x * b.x + a.y * b.y
const dist = (a: Point, b: Point) => Math.sqrt((a.x - b.x) ** 2 + (a.y - b.y) ** 2)

/** Whether the step a→b leaves through `normal` steeply enough to read as leaving that side. */
const leaves = (a: Point, b: Point, normal: Point) => dot({ x: b.x - a.x, y: b.y - a.y }, normal) >= 0.25 * dist(a, b)

/** Distance from a box's centre to the segment a→b. */
function distanceToSegment(box: Box, a: Point, b: Point): number {
  const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  const d = { x: b.x - a.x, y: b.y - a.y }
  const length = dot(d, d)
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, dot({ x: c.x - a.x, y: c.y - a.y }, d) / length))
  return dist(c, { x: a.x + t * d.x, y: a.y + t * d.y })
}

/** The only boxes a route between these two points looks at are those meeting this area. */
export const routeReach = (from: Point, to: Point): Box => inflate(boundsOf([from, to]), REACH)

/**
 * The polyline from `from` to `to`, avoiding the boxes of `index` other than the two `ends` where
 * it can; the straight line when no reasonable detour exists.
 */
export function route(from: Port, to: Port, ends: [Box, Box], index: BoxIndex, cache?: RouteCache): Point[] {
  const straight = [from.point, to.point]
  const others = (b: Box) => b !== ends[0] && b !== ends[1]
  const onLine = index
    .near(inflate(boundsOf(straight), CLEARANCE))
    .filter((b) => others(b) && segmentHitsBox(from.point, to.point, inflate(b, CLEARANCE)))
  if (onLine.length === 0 || onLine.length > MAX_BLOCKERS) return straight
  const nearby = index
    .near(routeReach(from.point, to.point))
    .filter(others)
    .map((b) => ({ b, d: distanceToSegment(b, from.point, to.point) }))
    .sort((p, q) => p.d - q.d)
    .slice(0, MAX_NEARBY)
    .map((p) => p.b)
  // The detour depends only on the two ports and the boxes near them: a canvas redrawn while one
  // node is dragged finds every other detour here.
  const key = cache && [from.point, to.point, ...nearby].map((b) => `${b.x},${b.y}`).join(';')
  const known = key ? cache.get(key) : undefined
  if (known) return known
  const found = detour(from, to, ends, nearby)
  if (key) cache!.set(key, found)
  return found
}

/** Routes that were found before, by their ports and the boxes around them. */
export type RouteCache = Map<string, Point[]>

function detour(from: Port, to: Port, ends: [Box, Box], nearby: Box[]): Point[] {
  const blockers = nearby.map((b) => inflate(b, CLEARANCE))
  // The two end boxes, a hair smaller, so that touching them at the ports does not count.
  const own = ends.map((b) => inflate(b, -0.5))
  // Every box as [left, top, right, bottom], the blockers first: the search tests thousands of segments against them.
  const rects = new Float64Array([...blockers, ...own].flatMap((b) => [b.x, b.y, b.x + b.width, b.y + b.height]))
  const clear = (a: Point, b: Point) => {
    const x0 = Math.min(a.x, b.x)
    const x1 = Math.max(a.x, b.x)
    const y0 = Math.min(a.y, b.y)
    const y1 = Math.max(a.y, b.y)
    const tested = 4 * blockers.length
    for (let i = 0; i < rects.length; i += 4) {
      const left = rects[i]!
      const top = rects[i + 1]!
      const right = rects[i + 2]!
      const bottom = rects[i + 3]!
      // Blockers far from the segment are skipped at once; the end boxes are always tested.
      if (i < tested && (left > x1 || right < x0 || top > y1 || bottom < y0)) continue
      if (segmentHitsRect(a.x, a.y, b.x, b.y, left, top, right, bottom)) return false
    }
    return true
  }

  const corners: Point[] = []
  for (const b of nearby) {
    const c = inflate(b, CORNER_OFFSET)
    for (const p of [
      { x: c.x, y: c.y },
      { x: c.x + c.width, y: c.y },
      { x: c.x, y: c.y + c.height },
      { x: c.x + c.width, y: c.y + c.height },
    ]) {
      if (
        !blockers.some((box) => containsPoint(box, p)) &&
        !own.some((box) => containsPoint(inflate(box, CLEARANCE), p))
      )
        corners.push(p)
    }
  }
  const budget = MAX_DETOUR * dist(from.point, to.point) + 2 * CORNER_OFFSET
  return shortestPath(from, to, corners, clear, budget) ?? [from.point, to.point]
}

/** A* over the start, the corners and the end; a corner is joined to another only when the segment is clear. */
function shortestPath(
  from: Port,
  to: Port,
  corners: Point[],
  clear: (a: Point, b: Point) => boolean,
  budget: number,
): Point[] | null {
  const start = corners.length
  const goal = corners.length + 1
  const points = [...corners, from.point, to.point]
  const cost = new Float64Array(points.length).fill(Infinity)
  const previous = new Int32Array(points.length).fill(-1)
  const done = new Uint8Array(points.length)
  cost[start] = 0
  // What is left at least, from each point: the straight way to the end.
  const rest = Float64Array.from(points, (p) => dist(p, to.point))
  const estimate = (i: number) => cost[i]! + rest[i]!
  for (let expanded = 0; expanded < MAX_EXPANSIONS; expanded++) {
    let current = -1
    for (let i = 0; i < points.length; i++)
      if (!done[i] && cost[i]! < Infinity && (current < 0 || estimate(i) < estimate(current))) current = i
    if (current < 0 || estimate(current) > budget) return null
    if (current === goal) break
    done[current] = 1
    const here = points[current]!
    for (let next = 0; next < points.length; next++) {
      if (done[next] || next === start) continue
      const there = points[next]!
      const through = cost[current]! + dist(here, there)
      // Only steps that could still be part of a path within budget are worth a visibility check.
      if (through >= cost[next]! || through + rest[next]! > budget) continue
      // The first step leaves the source outward; the last enters the target inward.
      if (current === start && !leaves(here, there, from.normal)) continue
      if (next === goal && !leaves(there, here, to.normal)) continue
      if (!clear(here, there)) continue
      cost[next] = through
      previous[next] = current
    }
  }
  if (previous[goal]! < 0) return null
  const path: Point[] = []
  for (let i = goal; i >= 0; i = previous[i]!) path.unshift(points[i]!)
  return path
}
