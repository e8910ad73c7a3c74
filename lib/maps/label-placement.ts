// Where a relation's caption goes: a box of its size near the middle of the line that meets no
// node (with a little room) and, where possible, no caption placed before it; first on the line,
// then beside it, then in widening rings around its middle.
import { inflate, type Box, type BoxIndex, type Point } from './boxes'

/** Room kept between a label and any node. */
const LABEL_CLEARANCE = 4
const FRACTIONS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78]
const RINGS = 24
const RING_STEP = 14
/** Rings are wider than tall, like the captions. */
const RING_ASPECT = 1.6
const BESIDE_GAP = 6
const r2 = (v: number) => Math.round(v * 100) / 100

/** The point at `fraction` of the polyline's length, and the direction there. */
function pointAlong(points: readonly Point[], fraction: number): { at: Point; dir: Point } {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y))
  let left = fraction * lengths.reduce((sum, l) => sum + l, 0)
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i]!
    const [a, b] = [points[i]!, points[i + 1]!]
    if (left <= l || i === lengths.length - 1) {
      const t = l === 0 ? 0 : Math.min(1, left / l)
      return {
        at: { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t },
        dir: l === 0 ? { x: 1, y: 0 } : { x: (b.x - a.x) / l, y: (b.y - a.y) / l },
      }
    }
    left -= l
  }
  return { at: points[0]!, dir: { x: 1, y: 0 } }
}

/** The best free spot for a label of `size` on the line through `points`, given the nodes and the labels placed so far. */
export function placeLabel(
  points: readonly Point[],
  size: { width: number; height: number },
  nodes: BoxIndex,
  labels: BoxIndex,
): Box {
  const boxAt = (p: Point): Box => ({
    x: r2(p.x - size.width / 2),
    y: r2(p.y - size.height / 2),
    width: size.width,
    height: size.height,
  })
  const freeOfNodes = (b: Box) => nodes.near(inflate(b, LABEL_CLEARANCE)).length === 0
  let fallback: Box | null = null
  for (const candidate of labelCandidates(points, boxAt)) {
    if (!freeOfNodes(candidate)) continue
    if (labels.near(candidate).length === 0) return candidate
    fallback ??= candidate
  }
  return fallback ?? boxAt(pointAlong(points, 0.5).at)
}

/** Where a label may go, best first: on the line, beside it, then in widening rings around its middle. */
function* labelCandidates(points: readonly Point[], boxAt: (p: Point) => Box): Generator<Box> {
  const along = FRACTIONS.map((f) => pointAlong(points, f))
  for (const { at } of along) yield boxAt(at)
  const probe = boxAt(along[0]!.at)
  for (const { at, dir } of along) {
    const off = Math.abs(dir.x) * (probe.height / 2 + BESIDE_GAP) + Math.abs(dir.y) * (probe.width / 2 + BESIDE_GAP)
    yield boxAt({ x: at.x - dir.y * off, y: at.y + dir.x * off })
    yield boxAt({ x: at.x + dir.y * off, y: at.y - dir.x * off })
  }
  const mid = along[0]!.at
  for (let ring = 1; ring <= RINGS; ring++) {
    const radius = ring * RING_STEP
    const steps = 8 + ring * 2
    for (let k = 0; k < steps; k++) {
      const angle = (2 * Math.PI * k) / steps
      yield boxAt({ x: mid.x + Math.cos(angle) * radius * RING_ASPECT, y: mid.y + Math.sin(angle) * radius })
    }
  }
}

/**
 * Everything placeLabel looks at for this line and size lies inside this box: every candidate
 * (on the line, beside it, on the widest ring), grown by the room kept from nodes. A node or a
 * label outside it cannot change where the label goes.
 */
export function labelReach(points: readonly Point[], size: { width: number; height: number }): Box {
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  // Beside the line, a candidate's centre is at most this far off it; on the rings, RINGS × RING_STEP (× RING_ASPECT across).
  const beside = size.width / 2 + size.height / 2 + 2 * BESIDE_GAP
  const dx = Math.max(RINGS * RING_STEP * RING_ASPECT, beside) + size.width / 2 + LABEL_CLEARANCE + 1
  const dy = Math.max(RINGS * RING_STEP, beside) + size.height / 2 + LABEL_CLEARANCE + 1
  const [x0, y0] = [Math.min(...xs), Math.min(...ys)]
  return { x: x0 - dx, y: y0 - dy, width: Math.max(...xs) - x0 + 2 * dx, height: Math.max(...ys) - y0 + 2 * dy }
}
