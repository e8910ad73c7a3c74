// A relation's way from one node's border to another's around the nodes in between: the
// shortest polyline through the corners of the boxes near the straight line (a visibility graph,
// searched with A*), leaving its source outward and entering its target inward.
import { BoxIndex, boundsOf, containsPoint, inflate, segmentHitsBox, type Box, type Point } from './boxes'

/** How far a line keeps from a box it passes. */
const CLEARANCE = 8
/** Where the corners of a detour sit: far enough out that the rounded bend clears the box too. */
const CORNER_OFFSET = 18
/** Only boxes this close to the straight line are walked around; farther ones never matter to a short detour. */
const REACH = 260
/** A detour longer than this many times the straight line reads worse than crossing a node. */
const MAX_DETOUR = 3

export interface Port {
  point: Point
  /** Unit vector pointing out of the box through the side the line attaches to. */
  normal: Point
}

const dot = (a: Point, b: Point) => a.x * b.x + a.y * b.y
const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y)

/** Whether the step a→b leaves through `normal` steeply enough to read as leaving that side. */
const leaves = (a: Point, b: Point, normal: Point) => dot({ x: b.x - a.x, y: b.y - a.y }, normal) >= 0.25 * dist(a, b)

/**
 * The polyline from `from` to `to`, avoiding `obstacles` (every node box but the two ends) where it
 * can; the straight line when no reasonable detour exists.
 */
export function route(from: Port, to: Port, ends: [Box, Box], index: BoxIndex): Point[] {
  const straight = [from.point, to.point]
  const area = inflate(boundsOf(straight), REACH)
  const nearby = index.near(area).filter((b) => b !== ends[0] && b !== ends[1])
  const blockers = nearby.map((b) => inflate(b, CLEARANCE))
  // The two end boxes, a hair smaller, so that touching them at the ports does not count.
  const own = ends.map((b) => inflate(b, -0.5))
  const clear = (a: Point, b: Point) => !blockers.some((box) => segmentHitsBox(a, b, box)) && !own.some((box) => segmentHitsBox(a, b, box))
  if (clear(from.point, to.point)) return straight

  const corners: Point[] = []
  for (const b of nearby) {
    const c = inflate(b, CORNER_OFFSET)
    for (const p of [
      { x: c.x, y: c.y },
      { x: c.x + c.width, y: c.y },
      { x: c.x, y: c.y + c.height },
      { x: c.x + c.width, y: c.y + c.height },
    ]) {
      if (!blockers.some((box) => containsPoint(box, p)) && !own.some((box) => containsPoint(inflate(box, CLEARANCE), p))) corners.push(p)
    }
  }
  const budget = MAX_DETOUR * dist(from.point, to.point) + 2 * CORNER_OFFSET
  const path = shortestPath(from, to, corners, clear, budget)
  return path ?? straight
}

/** A* over the start, the corners and the end; a corner is joined to another only when the segment is clear. */
function shortestPath(from: Port, to: Port, corners: Point[], clear: (a: Point, b: Point) => boolean, budget: number): Point[] | null {
  const start = corners.length
  const goal = corners.length + 1
  const points = [...corners, from.point, to.point]
  const cost = new Float64Array(points.length).fill(Infinity)
  const previous = new Int32Array(points.length).fill(-1)
  const done = new Uint8Array(points.length)
  cost[start] = 0
  const estimate = (i: number) => cost[i]! + dist(points[i]!, to.point)
  for (let expanded = 0; expanded < points.length; expanded++) {
    let current = -1
    for (let i = 0; i < points.length; i++) if (!done[i] && cost[i]! < Infinity && (current < 0 || estimate(i) < estimate(current))) current = i
    if (current < 0 || estimate(current) > budget) return null
    if (current === goal) break
    done[current] = 1
    const here = points[current]!
    for (let next = 0; next < points.length; next++) {
      if (done[next] || next === start) continue
      const there = points[next]!
      const through = cost[current]! + dist(here, there)
      if (through >= cost[next]!) continue
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
