// The picture of an argument map, computed once and drawn by the SVG, PNG and PDF exports: node
// boxes of the canvas's size with their text cut to its lines, and relations placed by the same
// geometry the canvas draws its edges with (lib/maps/geometry.ts), in canvas pixels.
import { CAPTION_LINE, CAPTION_PAD_Y, CAPTION_SIZE, captionOf, type Caption } from '@/lib/maps/caption'
import { ARROW_HALF_WIDTH, ARROW_LENGTH, relationGeometry, type RelationGeometry } from '@/lib/maps/geometry'
import { NODE_HEIGHT, NODE_TEXT_LINES, NODE_WIDTH } from '@/lib/maps/layout'
import type { CitedPassage } from '@/lib/maps/queries'
import type { MapNodeState, MapRelationState, MapState } from '@/lib/maps/reducer'
import { NOTE_STYLE, RELATION_STYLES, TAGS } from '@/lib/tags'
import { paragraphCitation } from '@/lib/sources/blocks'
import { isolate, printable, truncateToWidth, wrapLines } from './text-fit'
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
  box: Bounds
  /** The node's whole text, which the card may cut. */
  fullText: string
  shapes: Shape[]
}

export interface DrawnRelation {
  id: string
  kind: RelationKind
  fromId: string
  toId: string
  /** The whole caption, which the drawn one may cut. */
  caption: string
  geometry: RelationGeometry
  /** The area its line, arrowhead and caption cover. */
  bounds: Bounds
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
const INNER_WIDTH = NODE_WIDTH - 2 * (BORDER + PADDING)
const MARGIN = 24
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

const fill = (d: string, colour: string): Shape => ({
  type: 'path',
  d,
  fill: colour,
  stroke: null,
  strokeWidth: 0,
  dash: null,
  round: false,
})

function text(
  measure: MeasureText,
  value: string,
  x: number,
  y: number,
  face: FontFace,
  size: number,
  color: string,
  anchor: 'start' | 'middle' | 'end' = 'start',
): TextShape {
  return {
    type: 'text',
    text: value,
    x: r2(x),
    y: r2(y),
    face,
    size,
    color,
    anchor,
    width: r2(measure(value, face, size)),
  }
}

/** Baseline of a line of `size` text centred in a line box starting at `top`. */
const baseline = (top: number, size: number, line = LINE) => top + line / 2 + size * 0.35

/** A node card: colour band on top, kind and number, the (quoted) text cut to its lines, and the passage it cites. */
function drawNode(node: MapNodeState, number: number, passage: CitedPassage | null, measure: MeasureText): DrawnNode {
  const style = NODE_STYLES[node.kind]
  const label = printable(node.label)
  const face: FontFace = passage ? 'serif' : 'sans'
  const body = passage ? `“${label}”` : label
  const maxLines = passage ? NODE_TEXT_LINES.cited : NODE_TEXT_LINES.note
  const { lines } = body
    ? wrapLines(body, INNER_WIDTH, maxLines, (s) => measure(s, face, TEXT_SIZE))
    : { lines: ['Empty note'] }
  const { x, y } = node
  const [width, height] = [NODE_WIDTH, NODE_HEIGHT]
  const left = x + BORDER + PADDING
  const right = x + width - BORDER - PADDING
  let top = y + BORDER + PADDING

  const shapes: Shape[] = [
    fill(roundedRectPath(x, y, width, height, RADIUS), style.fill),
    fill(
      `M${r2(x)} ${r2(y + BAND)}H${r2(x + width)}V${r2(y + height - RADIUS)}A${RADIUS} ${RADIUS} 0 0 1 ${r2(x + width - RADIUS)} ${r2(y + height)}H${r2(x + RADIUS)}A${RADIUS} ${RADIUS} 0 0 1 ${r2(x)} ${r2(y + height - RADIUS)}Z`,
      COLOURS.white,
    ),
    {
      type: 'path',
      d: roundedRectPath(x + BORDER / 2, y + BORDER / 2, width - BORDER, height - BORDER, RADIUS - BORDER / 2),
      fill: null,
      stroke: style.stroke,
      strokeWidth: BORDER,
      dash: null,
      round: false,
    },
    text(measure, `${style.icon} ${style.label}`, left, baseline(top, TEXT_SIZE), 'sansBold', TEXT_SIZE, style.stroke),
    text(measure, `#${number}`, right, baseline(top, TEXT_SIZE), 'sans', SOURCE_SIZE, COLOURS.muted, 'end'),
  ]
  top += LINE + GAP
  // A label in Arabic or Hebrew reads from the right edge of the card, as on the canvas (dir="auto").
  const rtl = paragraphDirection(body) === 'rtl'
  for (const line of lines) {
    const shape = text(
      measure,
      line,
      rtl ? right : left,
      baseline(top, TEXT_SIZE),
      face,
      TEXT_SIZE,
      body ? COLOURS.text : COLOURS.faint,
      rtl ? 'end' : 'start',
    )
    shapes.push(rtl ? { ...shape, direction: 'rtl' } : shape)
    top += LINE
  }
  if (passage) {
    // The essay's title, shortened if need be; unlike the canvas, never at the cost of the paragraph.
    const paragraph = paragraphCitation(passage) ? ` ${paragraphCitation(passage)}` : ''
    const room = INNER_WIDTH - measure(paragraph, 'sans', SOURCE_SIZE)
    const title = truncateToWidth(printable(passage.sourceTitle), room, (s) => measure(s, 'sans', SOURCE_SIZE))
    // At the card's foot; the title isolated, so a right-to-left one cannot carry the paragraph number with it.
    const sourceTop = y + height - BORDER - PADDING - LINE
    shapes.push(
      text(
        measure,
        `${isolate(title)}${paragraph}`,
        left,
        baseline(sourceTop, SOURCE_SIZE),
        'sans',
        SOURCE_SIZE,
        COLOURS.link,
      ),
    )
  }
  return { id: node.id, number, kind: node.kind, box: { x, y, width, height }, fullText: label || 'Empty note', shapes }
}

/** A relation as the shared geometry places it: the line, the arrowhead on the target's border, the caption. */
function drawRelation(
  relation: MapRelationState,
  geometry: RelationGeometry,
  caption: Caption,
  measure: MeasureText,
): DrawnRelation {
  const style = RELATION_STYLES[relation.kind]
  const { tip, left, right } = geometry.arrow
  const head = `M${left.x} ${left.y}L${tip.x} ${tip.y}L${right.x} ${right.y}`
  const shapes: Shape[] = [
    {
      type: 'path',
      d: geometry.path,
      fill: null,
      stroke: style.stroke,
      strokeWidth: 2,
      dash: style.dash,
      round: false,
    },
    style.arrow === 'closed'
      ? {
          type: 'path',
          d: `${head}Z`,
          fill: style.stroke,
          stroke: style.stroke,
          strokeWidth: 1,
          dash: null,
          round: true,
        }
      : { type: 'path', d: head, fill: null, stroke: style.stroke, strokeWidth: 2, dash: null, round: true },
  ]
  const box = geometry.label
  if (box) {
    shapes.push(fill(roundedRectPath(box.x, box.y, box.width, box.height, 2), COLOURS.white))
    caption.lines.forEach((line, i) => {
      const top = box.y + CAPTION_PAD_Y + i * CAPTION_LINE
      shapes.push(
        text(
          measure,
          line,
          box.x + box.width / 2,
          baseline(top, CAPTION_SIZE, CAPTION_LINE),
          'sansBold',
          CAPTION_SIZE,
          style.stroke,
          'middle',
        ),
      )
    })
  }
  return {
    id: relation.id,
    kind: relation.kind,
    fromId: relation.fromId,
    toId: relation.toId,
    caption: caption.text,
    geometry,
    bounds: geometryBounds(geometry),
    shapes,
  }
}

/** The key to colours and lines: one swatch per node kind, one sample per relation kind. */
function drawLegend(measure: MeasureText): MapDrawing['legend'] {
  const shapes: Shape[] = []
  let x = 0
  for (const kind of Object.keys(NODE_STYLES) as NodeKind[]) {
    const style = NODE_STYLES[kind]
    shapes.push(fill(roundedRectPath(x, 3, 22, 14, 3), style.fill))
    shapes.push(
      fill(
        `M${r2(x)} 7H${r2(x + 22)}V14A3 3 0 0 1 ${r2(x + 19)} 17H${r2(x + 3)}A3 3 0 0 1 ${r2(x)} 14Z`,
        COLOURS.white,
      ),
    )
    shapes.push({
      type: 'path',
      d: roundedRectPath(x + 0.75, 3.75, 20.5, 12.5, 2.5),
      fill: null,
      stroke: style.stroke,
      strokeWidth: 1.5,
      dash: null,
      round: false,
    })
    const caption = text(
      measure,
      `${style.icon} ${style.label}`,
      x + 28,
      baseline(2, TEXT_SIZE),
      'sans',
      TEXT_SIZE,
      COLOURS.text,
    )
    shapes.push(caption)
    x += 28 + caption.width + 18
  }
  for (const kind of Object.keys(RELATION_STYLES) as RelationKind[]) {
    const style = RELATION_STYLES[kind]
    const end = x + 34
    const [from, to, back] = [r2(x), r2(end), r2(end - ARROW_LENGTH)]
    shapes.push({
      type: 'path',
      d: `M${from} 10H${to}`,
      fill: null,
      stroke: style.stroke,
      strokeWidth: 2,
      dash: style.dash,
      round: false,
    })
    shapes.push(
      style.arrow === 'closed'
        ? {
            type: 'path',
            d: `M${back} ${10 - ARROW_HALF_WIDTH}L${to} 10L${back} ${10 + ARROW_HALF_WIDTH}Z`,
            fill: style.stroke,
            stroke: style.stroke,
            strokeWidth: 1,
            dash: null,
            round: true,
          }
        : {
            type: 'path',
            d: `M${back} ${10 - ARROW_HALF_WIDTH}L${to} 10L${back} ${10 + ARROW_HALF_WIDTH}`,
            fill: null,
            stroke: style.stroke,
            strokeWidth: 2,
            dash: null,
            round: true,
          },
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
  // Drawn in stored order, so overlapping nodes stack as they do on the canvas.
  const nodes = state.nodes.map((node) =>
    drawNode(node, numbers.get(node.id)!, node.highlightId ? (passages.get(node.highlightId) ?? null) : null, measure),
  )
  const boxes = new Map(nodes.map((n) => [n.id, n.box]))
  const captionWidth = (s: string) => measure(s, 'sansBold', CAPTION_SIZE)
  const captions = new Map(state.relations.map((r) => [r.id, captionOf(r, captionWidth)]))
  const geometries = relationGeometry(
    boxes,
    state.relations.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, label: captions.get(r.id)! })),
  )
  const byId = new Map(state.relations.map((r) => [r.id, r]))
  const relations = geometries.map((g) => drawRelation(byId.get(g.id)!, g, captions.get(g.id)!, measure))
  const legend = drawLegend(measure)
  if (nodes.length === 0) {
    const message = text(measure, 'This map has no nodes yet.', MARGIN, NODE_HEIGHT / 2, 'sans', 14, COLOURS.muted)
    return {
      nodes,
      relations,
      bounds: { x: 0, y: 0, width: Math.max(legend.width, 2 * NODE_WIDTH), height: NODE_HEIGHT },
      legend,
      message,
    }
  }
  const extent = [...nodes.map((n) => n.box), ...relations.map((r) => r.bounds)]
  const minX = Math.min(...extent.map((b) => b.x)) - MARGIN
  const minY = Math.min(...extent.map((b) => b.y)) - MARGIN
  const maxX = Math.max(...extent.map((b) => b.x + b.width)) + MARGIN
  const maxY = Math.max(...extent.map((b) => b.y + b.height)) + MARGIN
  return {
    nodes,
    relations,
    bounds: { x: r2(minX), y: r2(minY), width: r2(maxX - minX), height: r2(maxY - minY) },
    legend,
    message: null,
  }
}

function geometryBounds({ points, arrow, label }: RelationGeometry): Bounds {
  const all = [
    ...points,
    arrow.left,
    arrow.right,
    ...(label
      ? [
          { x: label.x, y: label.y },
          { x: label.x + label.width, y: label.y + label.height },
        ]
      : []),
  ]
  const xs = all.map((p) => p.x)
  const ys = all.map((p) => p.y)
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  }
}
