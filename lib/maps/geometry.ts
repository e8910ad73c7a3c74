// Where every relation of a map is drawn, computed once for every surface (the canvas, SVG, PNG
// and PDF): the line leaves the side of its source that faces the target and ends on the side of
// the target that faces the source, border to border; ends sharing a side are spread apart; the
// line walks around nodes in its way; the arrowhead sits on the target's border pointing along
// the line; the label goes where no node (and, if possible, no other label) covers it.
import { BoxIndex, boxesOverlap, segmentsCross, type Box, type Point } from './boxes'
import { placeEnds, portOf, replaceEnds, type End } from './ends'
import { labelReach, placeLabel } from './label-placement'
import { route, routeReach, type RouteCache } from './routing'

export type { RouteCache } from './routing'
export type { Box, Point } from './boxes'
export { facingSide, type Side } from './ends'
import type { Side } from './ends'

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
const BEND_RADIUS = 10
const r2 = (v: number) => Math.round(v * 100) / 100

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
    const radius = Math.min(
      BEND_RADIUS,
      Math.hypot(corner.x - prev.x, corner.y - prev.y) / 2,
      Math.hypot(next.x - corner.x, next.y - corner.y) / 2,
    )
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
  const wing = (side: 1 | -1) => ({
    x: r2(back.x - dir.y * ARROW_HALF_WIDTH * side),
    y: r2(back.y + dir.x * ARROW_HALF_WIDTH * side),
  })
  return { tip, left: wing(1), right: wing(-1), back: { x: r2(back.x), y: r2(back.y) } }
}

/** Every relation's line, arrowhead and label, given the node boxes by id. */
export function relationGeometry(
  boxes: ReadonlyMap<string, Box>,
  relations: readonly RelationInput[],
  cache?: RouteCache,
): RelationGeometry[] {
  return drawRelations(null, boxes, relations, cache).geometry
}

/** A drawing kept to draw the next one from: its inputs, its ends, and what each relation's drawing looked at. */
export interface Drawing {
  boxes: ReadonlyMap<string, Box>
  relations: readonly RelationInput[]
  geometry: RelationGeometry[]
  /** The relations drawn (both nodes there, not a loop), in order; geometry[i] draws drawn[i]. */
  drawn: RelationInput[]
  ends: End[]
  /** For each relation drawn: the areas its route and its label looked at (see routeReach, labelReach). */
  reach: { route: Box; label: Box | null }[]
  /** Which relations drawn touch each node. */
  touching: Map<string, number[]>
}

/** Beyond this many moved nodes (a layout), the whole map is drawn afresh. */
const MAX_MOVED = 16

/**
 * Routes already found for these very boxes and relations (lib/maps/known-routes.ts): a
 * relation's line with its detour, or none when its line is straight.
 */
export type KnownRoutes = ReadonlyMap<string, readonly Point[]>

/**
 * relationGeometry, drawn from `before` where it can be. When only some nodes moved (a drag), only
 * the ends on them and on the nodes linked to them are placed again; a relation keeps its line when
 * its ends are where they were and no moved node (where it was or where it is) lies where its route
 * looks, and its label when its line is the same and no moved node and no label placed elsewhere
 * lies where the label could go. What is kept is exactly what drawing afresh would give; kept
 * relations keep their objects, so a canvas redraws only the others. A drawing afresh takes its
 * lines from `known` where they are given for it.
 */
export function drawRelations(
  before: Drawing | null,
  boxes: ReadonlyMap<string, Box>,
  relations: readonly RelationInput[],
  cache?: RouteCache,
  known?: KnownRoutes,
): Drawing {
  const moved = before ? movedSince(before, boxes, relations) : null
  // Known routes are for a whole drawing, not for one drawn from another.
  const seeded = moved ? undefined : known
  const drawn = moved
    ? before!.drawn
    : relations.filter((r) => boxes.has(r.fromId) && boxes.has(r.toId) && r.fromId !== r.toId)
  const touching = moved ? before!.touching : touchingOf(drawn)
  const { ends, again } = moved
    ? replaceEnds(before!.ends, drawn, boxes, touching, moved.ids)
    : { ends: placeEnds(drawn, boxes), again: null }
  const nodes = new BoxIndex([...boxes.values()])
  const labels = new BoxIndex()
  /** Labels drawn elsewhere than before: where they were and where they are. */
  const movedLabels: Box[] = []
  const reach: Drawing['reach'] = []
  const geometry = drawn.map((r, i): RelationGeometry => {
    const old = moved ? before!.geometry[i] : undefined
    const [fromEnd, toEnd] = [ends[2 * i]!, ends[2 * i + 1]!]
    const [from, to] = [portOf(fromEnd), portOf(toEnd)]
    const oldReach = before?.reach[i]
    // Ends placed again may still be where they were; an end on a moved node has moved.
    const sameEnds =
      old !== undefined &&
      (!again!.has(i) || (!moved!.ids.has(r.fromId) && !moved!.ids.has(r.toId) && samePorts(before!.ends, ends, i)))
    const keepsLine = sameEnds && !touches(moved!.boxes, oldReach!.route)
    const points = keepsLine
      ? old.points
      : ((seeded && knownRoute(seeded, r.id, from.point, to.point)) ??
        route(from, to, [fromEnd.box, toEnd.box], nodes, cache).map(r2p))
    const sameLine = old !== undefined && (keepsLine || samePoints(old.points, points))
    let label: Box | null = null
    let labelArea: Box | null = null
    if (r.label) {
      labelArea = sameLine ? oldReach!.label! : labelReach(points, r.label)
      const kept =
        sameLine && old.label !== null && !touches(moved!.boxes, labelArea) && !touches(movedLabels, labelArea)
          ? old.label
          : null
      label = kept ?? placeLabel(points, r.label, nodes, labels)
      labels.add(label)
    }
    reach.push({ route: keepsLine ? oldReach!.route : routeReach(from.point, to.point), label: labelArea })
    if (old && !sameBox(old.label, label)) movedLabels.push(...[old.label, label].filter((b): b is Box => b !== null))
    if (sameLine && sameBox(old.label, label) && old.fromSide === fromEnd.side && old.toSide === toEnd.side) return old
    return {
      id: r.id,
      fromId: r.fromId,
      toId: r.toId,
      fromSide: fromEnd.side,
      toSide: toEnd.side,
      points,
      path: roundedPolyline(points),
      arrow: arrowAt(points),
      label,
    }
  })
  return { boxes, relations, geometry, drawn, ends, reach, touching }
}

function touchingOf(drawn: readonly RelationInput[]): Map<string, number[]> {
  const touching = new Map<string, number[]>()
  drawn.forEach((r, i) => {
    for (const id of [r.fromId, r.toId]) {
      const list = touching.get(id)
      if (list) list.push(i)
      else touching.set(id, [i])
    }
  })
  return touching
}

/**
 * The nodes that moved since `before` (their ids, and their boxes where they were and where they
 * are), or null when more changed than moved nodes: other nodes or relations, or too many moves
 * to be worth following.
 */
function movedSince(
  before: Drawing,
  boxes: ReadonlyMap<string, Box>,
  relations: readonly RelationInput[],
): { ids: Set<string>; boxes: Box[] } | null {
  if (before.boxes.size !== boxes.size || before.relations.length !== relations.length) return null
  for (let i = 0; i < relations.length; i++) {
    const [a, b] = [before.relations[i]!, relations[i]!]
    if (
      a !== b &&
      (a.id !== b.id ||
        a.fromId !== b.fromId ||
        a.toId !== b.toId ||
        a.label?.width !== b.label?.width ||
        a.label?.height !== b.label?.height)
    )
      return null
  }
  const ids = new Set<string>()
  const moved: Box[] = []
  for (const [id, box] of boxes) {
    const old = before.boxes.get(id)
    if (!old) return null
    if (old === box || sameBox(old, box)) continue
    ids.add(id)
    moved.push(old, box)
    if (ids.size > MAX_MOVED) return null
  }
  return { ids, boxes: moved }
}

const r2p = (p: Point): Point => ({ x: r2(p.x), y: r2(p.y) })

/** A known route, if it leaves and arrives where this drawing's ends are (else it is not this drawing's). */
function knownRoute(known: KnownRoutes, id: string, from: Point, to: Point): Point[] | undefined {
  const [a, b] = [r2p(from), r2p(to)]
  const points = known.get(id)
  if (!points) return [a, b]
  return samePoint(points[0]!, a) && samePoint(points[points.length - 1]!, b) ? [...points] : undefined
}
const samePoint = (a: Point, b: Point) => a.x === b.x && a.y === b.y
const samePoints = (a: readonly Point[], b: readonly Point[]) =>
  a.length === b.length && a.every((p, i) => samePoint(p, b[i]!))
const sameBox = (a: Box | null, b: Box | null) =>
  a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height)
const touches = (boxes: readonly Box[], area: Box) => boxes.some((b) => boxesOverlap(b, area))
/** Whether relation i's two ends sit exactly where they sat (same side, same place along it). */
const samePorts = (a: readonly End[], b: readonly End[], i: number) =>
  [2 * i, 2 * i + 1].every((k) => a[k]!.side === b[k]!.side && a[k]!.at === b[k]!.at && sameBox(a[k]!.box, b[k]!.box))

/** How many pairs of relation lines cross each other (a measure of how readable a layout is). */
export function countCrossings(geometries: readonly Pick<RelationGeometry, 'points'>[]): number {
  const bounds = geometries.map((g) => {
    const xs = g.points.map((p) => p.x)
    const ys = g.points.map((p) => p.y)
    return {
      x: Math.min(...xs),
      y: Math.min(...ys),
      width: Math.max(...xs) - Math.min(...xs),
      height: Math.max(...ys) - Math.min(...ys),
    }
  })
  let crossings = 0
  for (let i = 0; i < geometries.length; i++) {
    for (let j = i + 1; j < geometries.length; j++) {
      const [a, b] = [bounds[i]!, bounds[j]!]
      if (a.x > b.x + b.width || b.x > a.x + a.width || a.y > b.y + b.height || b.y > a.y + a.height) continue
      const [p, q] = [geometries[i]!.points, geometries[j]!.points]
      let crossed = false
      for (let s = 0; s < p.length - 1 && !crossed; s++)
        for (let t = 0; t < q.length - 1 && !crossed; t++) crossed = segmentsCross(p[s]!, p[s + 1]!, q[t]!, q[t + 1]!)
      if (crossed) crossings++
    }
  }
  return crossings
}
