// The picture of an argument map, computed once and drawn by both the SVG and the PDF export:
// node boxes with wrapped text, relation curves with arrow heads and labels, all placed where
// the canvas (React Flow, components/map) places them, in canvas pixels.
import { NODE_HEIGHT, NODE_WIDTH } from '@/lib/maps/layout'
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapNodeState, MapRelationState, MapState } from '@/lib/maps/reducer'
import { NOTE_STYLE, RELATION_STYLES, TAGS } from '@/lib/tags'
import { paragraphCitation } from '@/lib/sources/blocks'
import { isolate, printable, truncateToWidth, wrapText } from './text-fit'
import { paragraphDirection } from './text-runs'

export type FontFace = 'sans' | 'sansBold' | 'serif'

/** Width of `text` set in `face` at `size`, in the same units as `size`. */
export type MeasureText = (text: string, face: FontFace, size: number) => number

export type Shape =
  | {
      type: 'path'
      d: string
      fill: string | null
      stroke: string | null
      strokeWidth: number
      dash: readonly [number, number] | null
      round: boolean
    }
  | {
      type: 'text'
      text: string
      /** `y` is the baseline; `x` is where `anchor` sits; `width` is the measured width. */
      x: number
      y: number
      face: FontFace
      size: number
      color: string
      anchor: 'start' | 'middle' | 'end'
      width: number
      /** A line of a right-to-left paragraph (Arabic, Hebrew): laid out from the right. */
      direction?: 'rtl'
    }

export type TextShape = Extract<Shape, { type: 'text' }>

export type NodeKind = MapNodeState['kind']
export type RelationKind = MapRelationState['kind']

export interface NodeStyle {
  label: string
  icon: string
  fill: string
  stroke: string
}

export const NODE_STYLES: Record<NodeKind, NodeStyle> = {
  CLAIM: TAGS.CLAIM,
  EVIDENCE: TAGS.EVIDENCE,
  BIAS: TAGS.BIAS,
  NOTE: NOTE_STYLE,
}

export { RELATION_STYLES }

export interface DrawnNode {
  id: string
  /** Position in reading order, printed on the node and used by the appendix. */
  number: number
  kind: NodeKind
  shapes: Shape[]
}

export interface DrawnRelation {
  id: string
  kind: RelationKind
  shapes: Shape[]
}

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

export interface MapDrawing {
  nodes: DrawnNode[]
  relations: DrawnRelation[]
  /** The part of the canvas the map covers, with a margin. */
  bounds: Bounds
  /** The legend, drawn from (0, 0) in its own box. */
  legend: { width: number; height: number; shapes: Shape[] }
  /** Said instead of the map when it has no nodes. */
  message: TextShape | null
}

// The node box as components/map/argument-node.tsx styles it (Tailwind p-2, gap-1, text-xs, border-2).
const BORDER = 2
const PADDING = 8
const GAP = 4
const RADIUS = 8
const BAND = 6
const LINE = 16
const TEXT_SIZE = 12
const SOURCE_SIZE = 11
const MIN_HEIGHT = NODE_HEIGHT - 20
const MAX_SHOWN_CHARS = 160
const INNER_WIDTH = NODE_WIDTH - 2 * (BORDER + PADDING)
const MARGIN = 24
// React Flow's default (bezier) edge.
const CURVATURE = 0.25
const ARROW_LENGTH = 10
const ARROW_HALF_WIDTH = 5
const COLOURS = { text: '#292524', muted: '#78716c', faint: '#a8a29e', link: '#4338ca', white: '#ffffff' }

const r2 = (v: number) => Math.round(v * 100) / 100

/** The order a reader goes through the map: top to bottom, then left to right (as [ and ] step on the canvas). */
export function readingOrder<T extends { x: number; y: number }>(nodes: readonly T[]): T[] {
  return [...nodes].sort((a, b) => a.y - b.y || a.x - b.x)
}

export function roundedRectPath(x: number, y: number, w: number, h: number, r: number): string {
  return [
    `M${r2(x + r)} ${r2(y)}H${r2(x + w - r)}A${r} ${r} 0 0 1 ${r2(x + w)} ${r2(y + r)}`,
    `V${r2(y + h - r)}A${r} ${r} 0 0 1 ${r2(x + w - r)} ${r2(y + h)}`,
    `H${r2(x + r)}A${r} ${r} 0 0 1 ${r2(x)} ${r2(y + h - r)}V${r2(y + r)}A${r} ${r} 0 0 1 ${r2(x + r)} ${r2(y)}Z`,
  ].join('')
}

const fill = (d: string, colour: string): Shape => ({ type: 'path', d, fill: colour, stroke: null, strokeWidth: 0, dash: null, round: false })

function text(measure: MeasureText, value: string, x: number, y: number, face: FontFace, size: number, color: string, anchor: 'start' | 'middle' | 'end' = 'start'): TextShape {
  return { type: 'text', text: value, x: r2(x), y: r2(y), face, size, color, anchor, width: r2(measure(value, face, size)) }
}

/** Baseline of a line of `size` text centred in a line box starting at `top`. */
const baseline = (top: number, size: number, line = LINE) => top + line / 2 + size * 0.35

/** A node card: colour band on top, kind and number, the (quoted) text, and the passage it cites. */
function drawNode(node: MapNodeState, number: number, passage: CitedPassage | null, measure: MeasureText): { drawn: DrawnNode; height: number } {
  const style = NODE_STYLES[node.kind]
  const label = printable(node.label)
  const shown = label.length > MAX_SHOWN_CHARS ? `${label.slice(0, MAX_SHOWN_CHARS - 3)}…` : label
  const face: FontFace = passage ? 'serif' : 'sans'
  const body = passage ? `“${shown}”` : shown
  const lines = body ? wrapText(body, INNER_WIDTH, (s) => measure(s, face, TEXT_SIZE)) : ['Empty note']
  const contentHeight = LINE + GAP + lines.length * LINE + (passage ? GAP + LINE : 0)
  const height = Math.max(MIN_HEIGHT, contentHeight + 2 * (BORDER + PADDING))
  const { x, y } = node
  const left = x + BORDER + PADDING
  const right = x + NODE_WIDTH - BORDER - PADDING
  let top = y + BORDER + PADDING

  const shapes: Shape[] = [
    fill(roundedRectPath(x, y, NODE_WIDTH, height, RADIUS), style.fill),
    fill(`M${r2(x)} ${r2(y + BAND)}H${r2(x + NODE_WIDTH)}V${r2(y + height - RADIUS)}A${RADIUS} ${RADIUS} 0 0 1 ${r2(x + NODE_WIDTH - RADIUS)} ${r2(y + height)}H${r2(x + RADIUS)}A${RADIUS} ${RADIUS} 0 0 1 ${r2(x)} ${r2(y + height - RADIUS)}Z`, COLOURS.white),
    { type: 'path', d: roundedRectPath(x + BORDER / 2, y + BORDER / 2, NODE_WIDTH - BORDER, height - BORDER, RADIUS - BORDER / 2), fill: null, stroke: style.stroke, strokeWidth: BORDER, dash: null, round: false },
    text(measure, `${style.icon} ${style.label}`, left, baseline(top, TEXT_SIZE), 'sansBold', TEXT_SIZE, style.stroke),
    text(measure, `#${number}`, right, baseline(top, TEXT_SIZE), 'sans', 10, COLOURS.muted, 'end'),
  ]
  top += LINE + GAP
  // A label in Arabic or Hebrew reads from the right edge of the card, as on the canvas (dir="auto").
  const rtl = paragraphDirection(body) === 'rtl'
  for (const line of lines) {
    const shape = text(measure, line, rtl ? right : left, baseline(top, TEXT_SIZE), face, TEXT_SIZE, body ? COLOURS.text : COLOURS.faint, rtl ? 'end' : 'start')
    shapes.push(rtl ? { ...shape, direction: 'rtl' } : shape)
    top += LINE
  }
  if (passage) {
    // The essay's title, shortened if need be; unlike the canvas, never at the cost of the paragraph.
    const paragraph = paragraphCitation(passage) ? ` ${paragraphCitation(passage)}` : ''
    const room = INNER_WIDTH - measure(paragraph, 'sans', SOURCE_SIZE)
    const title = truncateToWidth(printable(passage.sourceTitle), room, (s) => measure(s, 'sans', SOURCE_SIZE))
    // The title isolated, so a right-to-left one cannot carry the paragraph number with it.
    shapes.push(text(measure, `${isolate(title)}${paragraph}`, left, baseline(top + GAP, SOURCE_SIZE), 'sans', SOURCE_SIZE, COLOURS.link))
  }
  return { drawn: { id: node.id, number, kind: node.kind, shapes }, height }
}

interface Point {
  x: number
  y: number
}

const controlOffset = (distance: number) => (distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance))

function bezierAt(p: [Point, Point, Point, Point], t: number): Point {
  const u = 1 - t
  const [a, b, c, d] = p
  return {
    x: u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x,
    y: u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y,
  }
}

/** A relation leaves the bottom of its `from` node and enters the top of its `to` node, as on the canvas. */
function drawRelation(relation: MapRelationState, from: Bounds, to: Bounds, measure: MeasureText): { drawn: DrawnRelation; extent: Point[] } {
  const style = RELATION_STYLES[relation.kind]
  const s = { x: from.x + from.width / 2, y: from.y + from.height }
  const t = { x: to.x + to.width / 2, y: to.y }
  const offset = controlOffset(t.y - s.y)
  const curve: [Point, Point, Point, Point] = [s, { x: s.x, y: s.y + offset }, { x: t.x, y: t.y - offset }, t]
  const line: Shape = {
    type: 'path',
    d: `M${r2(s.x)} ${r2(s.y)}C${r2(curve[1].x)} ${r2(curve[1].y)} ${r2(curve[2].x)} ${r2(curve[2].y)} ${r2(t.x)} ${r2(t.y)}`,
    fill: null,
    stroke: style.stroke,
    strokeWidth: 2,
    dash: style.dash,
    round: false,
  }
  // The arrow head points along the curve where it ends.
  const before = bezierAt(curve, 0.98)
  const length = Math.hypot(t.x - before.x, t.y - before.y)
  const dir = length > 1e-6 ? { x: (t.x - before.x) / length, y: (t.y - before.y) / length } : { x: 0, y: 1 }
  const back = { x: t.x - dir.x * ARROW_LENGTH, y: t.y - dir.y * ARROW_LENGTH }
  const wing = (side: 1 | -1) => `${r2(back.x - dir.y * ARROW_HALF_WIDTH * side)} ${r2(back.y + dir.x * ARROW_HALF_WIDTH * side)}`
  const head: Shape =
    style.arrow === 'closed'
      ? { type: 'path', d: `M${wing(1)}L${r2(t.x)} ${r2(t.y)}L${wing(-1)}Z`, fill: style.stroke, stroke: style.stroke, strokeWidth: 1, dash: null, round: true }
      : { type: 'path', d: `M${wing(1)}L${r2(t.x)} ${r2(t.y)}L${wing(-1)}`, fill: null, stroke: style.stroke, strokeWidth: 2, dash: null, round: true }
  const words = printable(relation.label)
  const caption = words ? `${style.word}: ${isolate(words)}` : style.word
  const mid = bezierAt(curve, 0.5)
  const captionWidth = measure(caption, 'sansBold', SOURCE_SIZE)
  const box = { x: mid.x - captionWidth / 2 - 4, y: mid.y - 8, width: captionWidth + 8, height: 16 }
  const shapes: Shape[] = [
    line,
    head,
    fill(roundedRectPath(box.x, box.y, box.width, box.height, 2), COLOURS.white),
    text(measure, caption, mid.x, baseline(box.y, SOURCE_SIZE), 'sansBold', SOURCE_SIZE, style.stroke, 'middle'),
  ]
  const extent = [...Array.from({ length: 17 }, (_, i) => bezierAt(curve, i / 16)), { x: box.x, y: box.y }, { x: box.x + box.width, y: box.y + box.height }]
  return { drawn: { id: relation.id, kind: relation.kind, shapes }, extent }
}

/** The key to colours and lines: one swatch per node kind, one sample per relation kind. */
function drawLegend(measure: MeasureText): MapDrawing['legend'] {
  const shapes: Shape[] = []
  let x = 0
  for (const kind of Object.keys(NODE_STYLES) as NodeKind[]) {
    const style = NODE_STYLES[kind]
    shapes.push(fill(roundedRectPath(x, 3, 22, 14, 3), style.fill))
    shapes.push(fill(`M${r2(x)} 7H${r2(x + 22)}V14A3 3 0 0 1 ${r2(x + 19)} 17H${r2(x + 3)}A3 3 0 0 1 ${r2(x)} 14Z`, COLOURS.white))
    shapes.push({ type: 'path', d: roundedRectPath(x + 0.75, 3.75, 20.5, 12.5, 2.5), fill: null, stroke: style.stroke, strokeWidth: 1.5, dash: null, round: false })
    const caption = text(measure, `${style.icon} ${style.label}`, x + 28, baseline(2, TEXT_SIZE), 'sans', TEXT_SIZE, COLOURS.text)
    shapes.push(caption)
    x += 28 + caption.width + 18
  }
  for (const kind of Object.keys(RELATION_STYLES) as RelationKind[]) {
    const style = RELATION_STYLES[kind]
    const end = x + 34
    const [from, to, back] = [r2(x), r2(end), r2(end - ARROW_LENGTH)]
    shapes.push({ type: 'path', d: `M${from} 10H${to}`, fill: null, stroke: style.stroke, strokeWidth: 2, dash: style.dash, round: false })
    shapes.push(
      style.arrow === 'closed'
        ? { type: 'path', d: `M${back} 5L${to} 10L${back} 15Z`, fill: style.stroke, stroke: style.stroke, strokeWidth: 1, dash: null, round: true }
        : { type: 'path', d: `M${back} 5L${to} 10L${back} 15`, fill: null, stroke: style.stroke, strokeWidth: 2, dash: null, round: true },
    )
    const caption = text(measure, style.word, end + 6, baseline(2, TEXT_SIZE), 'sansBold', SOURCE_SIZE, style.stroke)
    shapes.push(caption)
    x = end + 6 + caption.width + 18
  }
  return { width: r2(x - 18), height: 20, shapes }
}

export function drawMap(state: MapState, cited: readonly CitedPassage[], measure: MeasureText): MapDrawing {
  const passages = new Map(cited.map((p) => [p.highlightId, p]))
  const numbers = new Map(readingOrder(state.nodes).map((n, i) => [n.id, i + 1]))
  const boxes = new Map<string, Bounds>()
  const points: Point[] = []
  // Drawn in stored order, so overlapping nodes stack as they do on the canvas.
  const nodes = state.nodes.map((node) => {
    const passage = node.highlightId ? (passages.get(node.highlightId) ?? null) : null
    const { drawn, height } = drawNode(node, numbers.get(node.id)!, passage, measure)
    boxes.set(node.id, { x: node.x, y: node.y, width: NODE_WIDTH, height })
    points.push({ x: node.x, y: node.y }, { x: node.x + NODE_WIDTH, y: node.y + height })
    return drawn
  })
  const relations: DrawnRelation[] = []
  for (const relation of state.relations) {
    const from = boxes.get(relation.fromId)
    const to = boxes.get(relation.toId)
    if (!from || !to) continue
    const { drawn, extent } = drawRelation(relation, from, to, measure)
    relations.push(drawn)
    points.push(...extent)
  }
  const legend = drawLegend(measure)
  if (points.length === 0) {
    const message = text(measure, 'This map has no nodes yet.', MARGIN, NODE_HEIGHT / 2, 'sans', 14, COLOURS.muted)
    return { nodes, relations, bounds: { x: 0, y: 0, width: Math.max(legend.width, 2 * NODE_WIDTH), height: NODE_HEIGHT }, legend, message }
  }
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  const minX = Math.min(...xs) - MARGIN
  const minY = Math.min(...ys) - MARGIN
  const bounds = { x: r2(minX), y: r2(minY), width: r2(Math.max(...xs) + MARGIN - minX), height: r2(Math.max(...ys) + MARGIN - minY) }
  return { nodes, relations, bounds, legend, message: null }
}
