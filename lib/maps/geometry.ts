// Where every relation of a map is drawn, computed once for every surface (the canvas, SVG, PNG
// and PDF): the line leaves the side of its source that faces the target and ends on the side of
// the target that faces the source, border to border; ends sharing a side are spread apart; the
// line walks around nodes in its way; the arrowhead sits on the target's border pointing along
// the line; the label goes where no node (and, if possible, no other label) covers it.
import { BoxIndex, boxesOverlap, centre, segmentsCross, type Box, type Point } from './boxes'
import { labelReach, placeLabel } from './label-placement'
import { route, routeReach, type Port, type RouteCache } from './routing'

export type { RouteCache } from './routing'

export type { Box, Point } from './boxes'

export type Side = 'top' | 'bottom' | 'left' | 'right'

export interface RelationInput {
  id: string
  fromId: string
  toId: string
  /** Size of the relation's label box, or null for none. */
  label: { width: number; height: number } | null
}

export interface RelationGeometry {
  id: string
  fromId: string
  toId: string
  fromSide: Side
  toSide: Side
  /** From the source's border to the target's border; corners of a detour in between. */
  points: Point[]
  /** SVG path data of the line, bends rounded. */
  path: string
  /** The arrowhead: its tip on the target's border, its two back corners. */
  arrow: { tip: Point; left: Point; right: Point; back: Point }
  /** Top-left and size of the label's box. */
  label: Box | null
}

export const ARROW_LENGTH = 10
export const ARROW_HALF_WIDTH = 5
/** Ends keep this far from a box's corners (its rounding and half an arrowhead). */
const CORNER_INSET = 16
/** Ends sharing one side keep at least this far apart, so arrowheads never sit on one another. */
const PORT_SPACING = 22
const BEND_RADIUS = 10

const NORMALS: Record<Side, Point> = { top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 }, left: { x: -1, y: 0 }, right: { x: 1, y: 0 } }
const OPPOSITE: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' }
const r2 = (v: number) => Math.round(v * 100) / 100

/** The side of `a` that faces `b`: above or below when they are stacked, left or right when side by side. */
export function facingSide(a: Box, b: Box): Side {
  const gapY = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height))
  const gapX = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width))
  const [ca, cb] = [centre(a), centre(b)]
  let vertical: boolean
  // Stacked boxes attach top to bottom even when somewhat offset, as layered maps read upward.
  if (gapY > 0 && (gapX <= 0 || 2.5 * gapY >= gapX)) vertical = true
  else if (gapX > 0) vertical = false
  else vertical = Math.abs(cb.y - ca.y) / (a.height + b.height) >= Math.abs(cb.x - ca.x) / (a.width + b.width)
  if (vertical) return cb.y < ca.y ? 'top' : 'bottom'
  return cb.x < ca.x ? 'left' : 'right'
}

interface End {
  relation: number
  which: 'from' | 'to'
  box: Box
  side: Side
  /** Position along the side (x for top/bottom, y for left/right). */
  at: number
}

const along = (side: Side) => (side === 'top' || side === 'bottom' ? 'x' : 'y')

/** Where the line between the centres crosses the side's line, kept off the corners. */
function naturalPosition(box: Box, side: Side, other: Box): number {
  const [c, o] = [centre(box), centre(other)]
  const [lo, hi] = sideRange(box, side)
  if (along(side) === 'x') {
    const y = side === 'top' ? box.y : box.y + box.height
    const t = o.y === c.y ? 0 : (y - c.y) / (o.y - c.y)
    return clamp(c.x + t * (o.x - c.x), lo, hi)
  }
  const x = side === 'left' ? box.x : box.x + box.width
  const t = o.x === c.x ? 0 : (x - c.x) / (o.x - c.x)
  return clamp(c.y + t * (o.y - c.y), lo, hi)
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))

function sideRange(box: Box, side: Side): [number, number] {
  const [start, length] = along(side) === 'x' ? [box.x, box.width] : [box.y, box.height]
  const inset = Math.min(CORNER_INSET, length / 2)
  return [start + inset, start + length - inset]
}

/** Ends on one side, in order, pushed apart to PORT_SPACING, or spread evenly when the side is too short. */
function spread(ends: End[]): void {
  if (ends.length < 2) return
  ends.sort((a, b) => a.at - b.at || a.relation - b.relation)
  const [lo, hi] = sideRange(ends[0]!.box, ends[0]!.side)
  const gap = Math.min(PORT_SPACING, (hi - lo) / (ends.length - 1))
  // Pushed forward off the start of the side and each other, then back off its end: since the gaps
  // fit the side, the second pass keeps every end at least `gap` past the one before and past `lo`
  // (shifting the whole row instead could push the last end onto the corner).
  for (let i = 0; i < ends.length; i++) ends[i]!.at = Math.max(ends[i]!.at, i === 0 ? lo : ends[i - 1]!.at + gap)
  for (let i = ends.length - 1; i >= 0; i--) ends[i]!.at = Math.min(ends[i]!.at, i === ends.length - 1 ? hi : ends[i + 1]!.at - gap)
}

function portOf(end: End): Port {
  const { box, side, at } = end
  const point =
    side === 'top' ? { x: at, y: box.y } : side === 'bottom' ? { x: at, y: box.y + box.height } : side === 'left' ? { x: box.x, y: at } : { x: box.x + box.width, y: at }
  return { point, normal: NORMALS[side] }
}

/** Path data for a polyline with its bends rounded (quadratic curves through each corner). */
export function roundedPolyline(points: readonly Point[]): string {
  const [first, ...rest] = points
  if (!first) return ''
  let d = `M${r2(first.x)} ${r2(first.y)}`
  for (let i = 0; i < rest.length; i++) {
    const corner = rest[i]!
    const next = rest[i + 1]
    if (!next) {
      d += `L${r2(corner.x)} ${r2(corner.y)}`
      break
    }
    const prev = points[i]!
    const radius = Math.min(BEND_RADIUS, Math.hypot(corner.x - prev.x, corner.y - prev.y) / 2, Math.hypot(next.x - corner.x, next.y - corner.y) / 2)
    const toward = (p: Point) => {
      const length = Math.hypot(p.x - corner.x, p.y - corner.y) || 1
      return { x: corner.x + ((p.x - corner.x) / length) * radius, y: corner.y + ((p.y - corner.y) / length) * radius }
    }
    const [a, b] = [toward(prev), toward(next)]
    d += `L${r2(a.x)} ${r2(a.y)}Q${r2(corner.x)} ${r2(corner.y)} ${r2(b.x)} ${r2(b.y)}`
  }
  return d
}

function arrowAt(points: readonly Point[]): RelationGeometry['arrow'] {
  const tip = points.at(-1)!
  const before = points.at(-2)!
  const length = Math.hypot(tip.x - before.x, tip.y - before.y) || 1
  const dir = { x: (tip.x - before.x) / length, y: (tip.y - before.y) / length }
  const back = { x: tip.x - dir.x * ARROW_LENGTH, y: tip.y - dir.y * ARROW_LENGTH }
  const wing = (side: 1 | -1) => ({ x: r2(back.x - dir.y * ARROW_HALF_WIDTH * side), y: r2(back.y + dir.x * ARROW_HALF_WIDTH * side) })
  return { tip, left: wing(1), right: wing(-1), back: { x: r2(back.x), y: r2(back.y) } }
}

/** Every relation's line, arrowhead and label, given the node boxes by id. */
export function relationGeometry(boxes: ReadonlyMap<string, Box>, relations: readonly RelationInput[], cache?: RouteCache): RelationGeometry[] {
  return drawRelations(null, boxes, relations, cache).geometry
}

/** A drawing kept to draw the next one from: its inputs, and each relation's ports and result. */
export interface Drawing {
  boxes: ReadonlyMap<string, Box>
  relations: readonly RelationInput[]
  geometry: RelationGeometry[]
  ports: Map<string, { from: Point; to: Point }>
}

/** Beyond this many moved nodes (a layout), the whole map is drawn afresh. */
const MAX_MOVED = 16

/**
 * relationGeometry, drawn from `before` where it can be: when only some nodes moved (a drag), a
 * relation keeps its line when its ends did not move and no moved node (where it was or where it
 * is) lies where its route looks, and keeps its label when its line did not change and no moved
 * node and no label that moved lies where its label could go. What is kept is exactly what drawing
 * afresh would give; unchanged relations keep their objects, so a canvas redraws only the others.
 */
export function drawRelations(before: Drawing | null, boxes: ReadonlyMap<string, Box>, relations: readonly RelationInput[], cache?: RouteCache): Drawing {
  const drawn = relations.filter((r) => boxes.has(r.fromId) && boxes.has(r.toId) && r.fromId !== r.toId)
  const ends: End[] = []
  const bySide = new Map<string, End[]>()
  drawn.forEach((r, i) => {
    const [from, to] = [boxes.get(r.fromId)!, boxes.get(r.toId)!]
    const fromSide = facingSide(from, to)
    const toSide = boxesOverlap(from, to) ? OPPOSITE[fromSide] : facingSide(to, from)
    for (const [which, box, side, other, id] of [
      ['from', from, fromSide, to, r.fromId],
      ['to', to, toSide, from, r.toId],
    ] as const) {
      const end: End = { relation: i, which, box, side, at: naturalPosition(box, side, other) }
      ends.push(end)
      const key = `${id}:${side}`
      const group = bySide.get(key)
      if (group) group.push(end)
      else bySide.set(key, [end])
    }
  })
  for (const group of bySide.values()) spread(group)

  const moved = before ? movedSince(before, boxes, relations) : null
  const previous = moved ? new Map(before!.geometry.map((g) => [g.id, g])) : null
  const nodes = new BoxIndex([...boxes.values()])
  const labels = new BoxIndex()
  /** Labels drawn elsewhere than before: where they were and where they are. */
  const movedLabels: Box[] = []
  const ports = new Map<string, { from: Point; to: Point }>()
  const geometry = drawn.map((r, i): RelationGeometry => {
    const [fromEnd, toEnd] = [ends[2 * i]!, ends[2 * i + 1]!]
    const [from, to] = [portOf(fromEnd), portOf(toEnd)]
    ports.set(r.id, { from: from.point, to: to.point })
    const old = previous?.get(r.id)
    const oldPorts = old && before!.ports.get(r.id)
    const keepsLine =
      old !== undefined &&
      oldPorts !== undefined &&
      samePoint(oldPorts.from, from.point) &&
      samePoint(oldPorts.to, to.point) &&
      !moved!.ids.has(r.fromId) &&
      !moved!.ids.has(r.toId) &&
      !touches(moved!.boxes, routeReach(from.point, to.point))
    const points = keepsLine ? old.points : route(from, to, [fromEnd.box, toEnd.box], nodes, cache).map((p) => ({ x: r2(p.x), y: r2(p.y) }))
    const sameLine = old !== undefined && (keepsLine || samePoints(old.points, points))
    let label: Box | null = null
    if (r.label) {
      const reach = labelReach(points, r.label)
      const kept = sameLine && old.label !== null && !touches(moved!.boxes, reach) && !touches(movedLabels, reach) ? old.label : null
      label = kept ?? placeLabel(points, r.label, nodes, labels)
      labels.add(label)
    }
    if (old && !sameBox(old.label, label)) movedLabels.push(...[old.label, label].filter((b): b is Box => b !== null))
    if (sameLine && sameBox(old.label, label) && old.fromSide === fromEnd.side && old.toSide === toEnd.side) return old
    return { id: r.id, fromId: r.fromId, toId: r.toId, fromSide: fromEnd.side, toSide: toEnd.side, points, path: roundedPolyline(points), arrow: arrowAt(points), label }
  })
  return { boxes, relations, geometry, ports }
}

/**
 * The nodes that moved since `before` (where they were and where they are), or null when more
 * changed than moved nodes: other nodes or relations, or too many moves to be worth following.
 */
function movedSince(before: Drawing, boxes: ReadonlyMap<string, Box>, relations: readonly RelationInput[]): { ids: Set<string>; boxes: Box[] } | null {
  if (before.boxes.size !== boxes.size || before.relations.length !== relations.length) return null
  for (let i = 0; i < relations.length; i++) {
    const [a, b] = [before.relations[i]!, relations[i]!]
    if (a !== b && (a.id !== b.id || a.fromId !== b.fromId || a.toId !== b.toId || a.label?.width !== b.label?.width || a.label?.height !== b.label?.height)) return null
  }
  const ids = new Set<string>()
  const moved: Box[] = []
  for (const [id, box] of boxes) {
    const old = before.boxes.get(id)
    if (!old) return null
    if (sameBox(old, box)) continue
    ids.add(id)
    moved.push(old, box)
    if (ids.size > MAX_MOVED) return null
  }
  return { ids, boxes: moved }
}

const samePoint = (a: Point, b: Point) => a.x === b.x && a.y === b.y
const samePoints = (a: readonly Point[], b: readonly Point[]) => a.length === b.length && a.every((p, i) => samePoint(p, b[i]!))
const sameBox = (a: Box | null, b: Box | null) => a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height)
const touches = (boxes: readonly Box[], area: Box) => boxes.some((b) => boxesOverlap(b, area))

/** How many pairs of relation lines cross each other (a measure of how readable a layout is). */
export function countCrossings(geometries: readonly Pick<RelationGeometry, 'points'>[]): number {
  const bounds = geometries.map((g) => {
    const xs = g.points.map((p) => p.x)
    const ys = g.points.map((p) => p.y)
    return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) }
  })
  let crossings = 0
  for (let i = 0; i < geometries.length; i++) {
    for (let j = i + 1; j < geometries.length; j++) {
      const [a, b] = [bounds[i]!, bounds[j]!]
      if (a.x > b.x + b.width || b.x > a.x + a.width || a.y > b.y + b.height || b.y > a.y + a.height) continue
      const [p, q] = [geometries[i]!.points, geometries[j]!.points]
      let crossed = false
      for (let s = 0; s < p.length - 1 && !crossed; s++) for (let t = 0; t < q.length - 1 && !crossed; t++) crossed = segmentsCross(p[s]!, p[s + 1]!, q[t]!, q[t + 1]!)
      if (crossed) crossings++
    }
  }
  return crossings
}
