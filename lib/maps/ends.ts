// Where a relation's line meets its two nodes: on the side of each that faces the other, off the
// corners, and spread apart from the other ends on that side. The first step of every drawing of
// a map (lib/maps/geometry.ts), and the part of a redrawing that knows which ends a move can shift.
import { boxesOverlap, centre, type Box, type Point } from './boxes'
import type { Port } from './routing'

export type Side = 'top' | 'bottom' | 'left' | 'right'

/** Ends keep this far from a box's corners (its rounding and half an arrowhead). */
const CORNER_INSET = 16
/** Ends sharing one side keep at least this far apart, so arrowheads never sit on one another. */
const PORT_SPACING = 22

const NORMALS: Record<Side, Point> = {
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
}
const OPPOSITE: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' }

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

export interface End {
  relation: number
  node: string
  box: Box
  side: Side
  /** Position along the side (x for top/bottom, y for left/right). */
  at: number
}

/** The relations to place the ends of: their node ids, and the boxes of both ends. */
export interface Linked {
  fromId: string
  toId: string
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
  for (let i = ends.length - 1; i >= 0; i--)
    ends[i]!.at = Math.min(ends[i]!.at, i === ends.length - 1 ? hi : ends[i + 1]!.at - gap)
}

export function portOf(end: End): Port {
  const { box, side, at } = end
  const point =
    side === 'top'
      ? { x: at, y: box.y }
      : side === 'bottom'
        ? { x: at, y: box.y + box.height }
        : side === 'left'
          ? { x: box.x, y: at }
          : { x: box.x + box.width, y: at }
  return { point, normal: NORMALS[side] }
}

/** Both ends of relation `i`, before spreading: each on the side facing the other node. */
function endsOf(i: number, r: Linked, boxes: ReadonlyMap<string, Box>): [End, End] {
  const [from, to] = [boxes.get(r.fromId)!, boxes.get(r.toId)!]
  const fromSide = facingSide(from, to)
  // Overlapping boxes face nothing: the line leaves one side and enters the opposite.
  const toSide = boxesOverlap(from, to) ? OPPOSITE[fromSide] : facingSide(to, from)
  return [
    { relation: i, node: r.fromId, box: from, side: fromSide, at: naturalPosition(from, fromSide, to) },
    { relation: i, node: r.toId, box: to, side: toSide, at: naturalPosition(to, toSide, from) },
  ]
}

/** Spreads every group of ends that share a node's side. */
function spreadAll(ends: Iterable<End>): void {
  const bySide = new Map<string, End[]>()
  for (const end of ends) {
    const key = `${end.node}:${end.side}`
    const group = bySide.get(key)
    if (group) group.push(end)
    else bySide.set(key, [end])
  }
  for (const group of bySide.values()) spread(group)
}

/** Both ends of every relation: ends[2i] where relation i leaves its source, ends[2i + 1] where it enters its target. */
export function placeEnds(relations: readonly Linked[], boxes: ReadonlyMap<string, Box>): End[] {
  const ends = relations.flatMap((r, i) => endsOf(i, r, boxes))
  spreadAll(ends)
  return ends
}

/**
 * placeEnds after the nodes `moved` moved, from the ends placed before: only ends on a moved node
 * or on a node linked to one can change (a side's ends are spread together), so only those are
 * placed again; every other end is the one before, on its node's box now. Returns the ends and
 * which relations have an end placed again.
 */
export function replaceEnds(
  before: readonly End[],
  relations: readonly Linked[],
  boxes: ReadonlyMap<string, Box>,
  touching: ReadonlyMap<string, readonly number[]>,
  moved: ReadonlySet<string>,
) {
  const nodes = new Set(moved)
  for (const id of moved)
    for (const i of touching.get(id) ?? []) nodes.add(relations[i]!.fromId).add(relations[i]!.toId)
  const again = new Set<number>()
  for (const id of nodes) for (const i of touching.get(id) ?? []) again.add(i)
  // Ends keep their objects where their node kept its box (the canvas keeps an unmoved node's box).
  const onBox = (end: End) => (boxes.get(end.node) === end.box ? end : { ...end, box: boxes.get(end.node)! })
  const ends = before.map(onBox)
  const placed: End[] = []
  for (const i of again) {
    const fresh = endsOf(i, relations[i]!, boxes)
    for (const [k, end] of fresh.entries()) {
      // An end on a node no move reaches is where it was: its group is the same as before.
      if (nodes.has(end.node)) placed.push((ends[2 * i + k] = end))
      else ends[2 * i + k] = onBox(before[2 * i + k]!)
    }
  }
  spreadAll(placed)
  return { ends, again }
}
