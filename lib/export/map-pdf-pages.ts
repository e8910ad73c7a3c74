// The map's pages of the PDF handout. A map that fits at a readable size fills one page (scaled up
// to MAX_SCALE, centred). One that does not, because its smallest text would fall under 8 pt,
// continues over several pages at the scale where that text is 8 pt: an overview page shows the
// whole map with the grid of parts, then one page per part, each overlapping its neighbours and
// carrying a small overview with its own part marked. All text goes through pdf-text.ts: runs per
// font and direction, shaped, so every script reads as in the rest of the handout.
import { NODE_STYLES, RELATION_STYLES, type Bounds, type MapDrawing, type Shape } from './map-drawing'
import { segmentHitsBox } from '@/lib/maps/boxes'
import type { PdfText } from './pdf-text'
import { isolate, printable } from './text-fit'

export type Paper = 'a4' | 'letter' | 'a3'
export type Orientation = 'auto' | 'portrait' | 'landscape'

export const PAPER_SIZES: Record<Paper, [number, number]> = {
  a4: [595.28, 841.89],
  letter: [612, 792],
  a3: [841.89, 1190.55],
}
export const MARGIN = 32
const HEADER = 46
const FOOTER = 20
const LEGEND_GAP = 12
/** No text on a map page is printed smaller than this. */
export const MIN_TEXT_PT = 8
/** A small map is enlarged to fill its page, but not beyond this (its body text at 18 pt). */
export const MAX_SCALE = 1.5
/** How much neighbouring parts of a large map repeat of each other, in points. */
export const TILE_OVERLAP = 28
/** The legend is printed at the size a CSS pixel has on paper. */
const LEGEND_SCALE = 0.75
const OVERVIEW = { width: 150, height: 44 }
const COLOURS = { ink: '#1c1917', muted: '#57534e', rule: '#d6d3d1', window: '#4338ca', silhouette: '#a8a29e' }

export interface Page {
  width: number
  height: number
  layout: 'portrait' | 'landscape'
}

export interface Tile {
  /** "B3": row letter, column number. */
  name: string
  row: number
  column: number
  /** The part of the drawing this page shows, in drawing units. */
  window: Bounds
}

export interface MapPlan {
  page: Page
  /** Points per drawing unit. */
  scale: number
  /** Null when the map fits on one page. */
  tiles: { rows: number; columns: number; parts: Tile[] } | null
}

/** Where the map may go on a page, below the heading and above the legend and footer. */
function mapArea(page: Page, legendHeight: number): Bounds {
  const top = MARGIN + HEADER
  return {
    x: MARGIN,
    y: top,
    width: page.width - 2 * MARGIN,
    height: page.height - MARGIN - FOOTER - legendHeight * LEGEND_SCALE - LEGEND_GAP - top,
  }
}

/** The smallest text of the map itself, in drawing units. */
function smallestText(drawing: MapDrawing): number {
  let smallest = Infinity
  for (const item of [...drawing.nodes, ...drawing.relations])
    for (const shape of item.shapes) if (shape.type === 'text') smallest = Math.min(smallest, shape.size)
  return Number.isFinite(smallest) ? smallest : 14
}

/** A, B, … Z, then AA, AB, … */
const rowName = (row: number): string =>
  row < 26
    ? String.fromCharCode(65 + row)
    : `${rowName(Math.floor(row / 26) - 1)}${String.fromCharCode(65 + (row % 26))}`

function planFor(drawing: MapDrawing, page: Page): MapPlan {
  const area = mapArea(page, drawing.legend.height)
  const { bounds } = drawing
  const minScale = MIN_TEXT_PT / smallestText(drawing)
  const fit = Math.min(area.width / bounds.width, area.height / bounds.height)
  if (fit >= minScale) return { page, scale: Math.min(fit, MAX_SCALE), tiles: null }
  const scale = minScale
  const [w, h, overlap] = [area.width / scale, area.height / scale, TILE_OVERLAP / scale]
  const columns = Math.max(1, Math.ceil((bounds.width - overlap) / (w - overlap)))
  const rows = Math.max(1, Math.ceil((bounds.height - overlap) / (h - overlap)))
  // The map is shared evenly between the parts, so none is mostly empty.
  const width = (bounds.width + (columns - 1) * overlap) / columns
  const height = (bounds.height + (rows - 1) * overlap) / rows
  const parts: Tile[] = []
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const window = { x: bounds.x + column * (width - overlap), y: bounds.y + row * (height - overlap), width, height }
      // A part with nothing of the map on it gets no page.
      if (drawing.nodes.some((n) => meets(n.box, window)) || drawing.relations.some((r) => crosses(r, window)))
        parts.push({ name: `${rowName(row)}${column + 1}`, row, column, window })
    }
  }
  return { page, scale, tiles: { rows, columns, parts } }
}

/**
 * The page and scale for the map: the orientation asked for, or ('auto') the one that shows the
 * map larger on one page, or else the one that needs fewer parts.
 */
export function planMap(drawing: MapDrawing, paper: Paper, orientation: Orientation): MapPlan {
  const [short, long] = PAPER_SIZES[paper]
  const portrait = planFor(drawing, { width: short, height: long, layout: 'portrait' })
  const landscape = planFor(drawing, { width: long, height: short, layout: 'landscape' })
  if (orientation === 'portrait') return portrait
  if (orientation === 'landscape') return landscape
  if (!portrait.tiles && !landscape.tiles) return landscape.scale > portrait.scale + 1e-9 ? landscape : portrait
  if (!portrait.tiles || !landscape.tiles) return portrait.tiles ? landscape : portrait
  return landscape.tiles.parts.length < portrait.tiles.parts.length ? landscape : portrait
}

function drawShape(doc: PDFKit.PDFDocument, text: PdfText, shape: Shape): void {
  if (shape.type === 'text') {
    const x =
      shape.anchor === 'start' ? shape.x : shape.anchor === 'end' ? shape.x - shape.width : shape.x - shape.width / 2
    text.line(shape.text, { face: shape.face, size: shape.size, color: shape.color }, x, shape.y, shape.direction)
    return
  }
  doc.path(shape.d)
  if (shape.stroke) {
    doc
      .lineWidth(shape.strokeWidth)
      .lineJoin(shape.round ? 'round' : 'miter')
      .lineCap(shape.round ? 'round' : 'butt')
    if (shape.dash) doc.dash(shape.dash[0], { space: shape.dash[1] })
    else doc.undash()
  }
  if (shape.fill && shape.stroke) doc.fillAndStroke(shape.fill, shape.stroke)
  else if (shape.fill) doc.fill(shape.fill)
  else if (shape.stroke) doc.stroke(shape.stroke)
}

/** Whether a relation's line or caption shows in `window` (not merely the box around it). */
const crosses = (r: MapDrawing['relations'][number], window: Bounds) =>
  meets(r.bounds, window) &&
  ((r.geometry.label !== null && meets(r.geometry.label, window)) ||
    r.geometry.points.slice(1).some((p, i) => segmentHitsBox(r.geometry.points[i]!, p, window)))

const meets = (a: Bounds, b: Bounds) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height

/** The relations crossing `window`, with both their end nodes and every node in it: whole, to be clipped. */
function drawWindow(doc: PDFKit.PDFDocument, text: PdfText, drawing: MapDrawing, window: Bounds | null): void {
  const relations = drawing.relations.filter((r) => !window || meets(r.bounds, window))
  const ends = new Set(relations.flatMap((r) => [r.fromId, r.toId]))
  for (const relation of relations) relation.shapes.forEach((shape) => drawShape(doc, text, shape))
  for (const node of drawing.nodes)
    if (!window || ends.has(node.id) || meets(node.box, window))
      node.shapes.forEach((shape) => drawShape(doc, text, shape))
  if (drawing.message) drawShape(doc, text, drawing.message)
}

/** Boxes and lines only, no text: the shape of the whole map, fitted into `frame`. */
function drawSkeleton(doc: PDFKit.PDFDocument, drawing: MapDrawing, frame: Bounds): number {
  const { bounds } = drawing
  const scale = Math.min(frame.width / bounds.width, frame.height / bounds.height)
  doc.save()
  doc.translate(
    frame.x + (frame.width - bounds.width * scale) / 2,
    frame.y + (frame.height - bounds.height * scale) / 2,
  )
  doc.scale(scale)
  doc.translate(-bounds.x, -bounds.y)
  doc.undash().lineWidth(Math.max(1, 0.6 / scale))
  for (const relation of drawing.relations) {
    const [first, ...rest] = relation.geometry.points
    doc.moveTo(first!.x, first!.y)
    for (const p of rest) doc.lineTo(p.x, p.y)
    doc.stroke(RELATION_STYLES[relation.kind].stroke)
  }
  for (const node of drawing.nodes) {
    const style = NODE_STYLES[node.kind]
    doc
      .rect(node.box.x, node.box.y, node.box.width, node.box.height)
      .lineWidth(Math.max(1, 0.8 / scale))
      .fillAndStroke(style.fill, style.stroke)
  }
  doc.restore()
  return scale
}

/**
 * Where the map has nodes, as runs of filled cells of a coarse grid over `frame`: the small
 * overview of every part's page, cheap enough to repeat on each of a hundred pages.
 */
function silhouette(drawing: MapDrawing, frame: Bounds): { cells: Bounds[]; into: (b: Bounds) => Bounds } {
  const { bounds } = drawing
  const scale = Math.min(frame.width / bounds.width, frame.height / bounds.height)
  const into = skeletonTransform(drawing, frame, scale)
  const cell = 3 / scale
  const columns = Math.ceil(bounds.width / cell)
  const filled = new Set<number>()
  for (const { box } of drawing.nodes) {
    for (let y = Math.floor((box.y - bounds.y) / cell); y <= Math.floor((box.y + box.height - bounds.y) / cell); y++) {
      for (let x = Math.floor((box.x - bounds.x) / cell); x <= Math.floor((box.x + box.width - bounds.x) / cell); x++)
        filled.add(y * columns + x)
    }
  }
  const cells: Bounds[] = []
  for (const key of [...filled].sort((a, b) => a - b)) {
    const [x, y] = [key % columns, Math.floor(key / columns)]
    const last = cells.at(-1)
    const b = into({ x: bounds.x + x * cell, y: bounds.y + y * cell, width: cell, height: cell })
    if (last && Math.abs(last.y - b.y) < 1e-6 && Math.abs(last.x + last.width - b.x) < 1e-6) last.width += b.width
    else cells.push(b)
  }
  return { cells, into }
}

/** Maps drawing coordinates into the skeleton drawn by drawSkeleton in `frame`. */
function skeletonTransform(drawing: MapDrawing, frame: Bounds, scale: number) {
  const { bounds } = drawing
  const left = frame.x + (frame.width - bounds.width * scale) / 2
  const top = frame.y + (frame.height - bounds.height * scale) / 2
  return (b: Bounds): Bounds => ({
    x: left + (b.x - bounds.x) * scale,
    y: top + (b.y - bounds.y) * scale,
    width: b.width * scale,
    height: b.height * scale,
  })
}

/** The title (isolated: a right-to-left one stays a unit) and the byline, whose names come isolated. */
function heading(text: PdfText, page: Page, title: string, byline: string, room: number): void {
  const width = page.width - 2 * MARGIN - room
  text.fitted(isolate(printable(title)), { face: 'sansBold', size: 17, color: COLOURS.ink }, MARGIN, MARGIN, width)
  text.fitted(printable(byline), { face: 'sans', size: 9.5, color: COLOURS.muted }, MARGIN, MARGIN + 26, width)
}

function legend(doc: PDFKit.PDFDocument, text: PdfText, drawing: MapDrawing, page: Page): void {
  doc.save()
  doc.translate(MARGIN, page.height - MARGIN - FOOTER - drawing.legend.height * LEGEND_SCALE)
  doc.scale(Math.min(LEGEND_SCALE, (page.width - 2 * MARGIN) / drawing.legend.width))
  drawing.legend.shapes.forEach((shape) => drawShape(doc, text, shape))
  doc.restore()
}

/** The drawing at `scale`, with `window` (or the whole map, centred) at the map area's top-left. */
function drawMapAt(
  doc: PDFKit.PDFDocument,
  text: PdfText,
  drawing: MapDrawing,
  area: Bounds,
  scale: number,
  window: Bounds | null,
): void {
  const shown = window ?? drawing.bounds
  const left = window ? area.x : area.x + (area.width - shown.width * scale) / 2
  const top = window ? area.y : area.y + (area.height - shown.height * scale) / 2
  doc.save()
  doc.rect(area.x, area.y, area.width, area.height).clip()
  doc.translate(left, top)
  doc.scale(scale)
  doc.translate(-shown.x, -shown.y)
  drawWindow(doc, text, drawing, window)
  doc.restore()
}

/** Adds the map's page or pages to `doc`, following `plan`. `otherPaper` is offered when the map needs several parts. */
export function drawMapPages(
  doc: PDFKit.PDFDocument,
  text: PdfText,
  drawing: MapDrawing,
  plan: MapPlan,
  heads: { title: string; byline: string; a3Parts: number | null },
): void {
  const { page } = plan
  const size = [page.width, page.height]
  const margins = { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }
  const area = mapArea(page, drawing.legend.height)
  doc.addPage({ size, margins })
  heading(text, page, heads.title, heads.byline, 0)
  if (!plan.tiles) {
    drawMapAt(doc, text, drawing, area, plan.scale, null)
    legend(doc, text, drawing, page)
    return
  }
  const { rows, columns, parts } = plan.tiles
  // The overview: the whole map in outline with the grid of parts, named as their pages are.
  const note = `This map is too large to print readably on one page. It continues over the next ${parts.length} pages (parts of a grid of ${rows} ${rows === 1 ? 'row' : 'rows'} × ${columns} ${columns === 1 ? 'column' : 'columns'}, parts without any of the map left out), at the size where its smallest text is ${MIN_TEXT_PT} pt; neighbouring parts overlap by 1 cm.${heads.a3Parts !== null ? ` On A3 paper it takes ${heads.a3Parts} ${heads.a3Parts === 1 ? 'page' : 'parts'}.` : ''}`
  doc.y = area.y
  text.paragraphs(note, { face: 'sans', size: 9.5, color: COLOURS.ink }, MARGIN, area.width)
  const frame = { x: area.x, y: doc.y + 8, width: area.width, height: area.y + area.height - doc.y - 8 }
  const skeleton = drawSkeleton(doc, drawing, frame)
  const into = skeletonTransform(drawing, frame, skeleton)
  for (const part of parts) {
    const b = into(part.window)
    doc.rect(b.x, b.y, b.width, b.height).lineWidth(0.8).dash(3, { space: 2 }).stroke(COLOURS.window).undash()
    text.fitted(
      part.name,
      { face: 'sansBold', size: Math.max(MIN_TEXT_PT, Math.min(14, b.height / 3)), color: COLOURS.window },
      b.x + 3,
      b.y + 3,
      page.width - MARGIN - b.x - 3,
    )
  }
  legend(doc, text, drawing, page)
  const overview = silhouette(drawing, { x: page.width - MARGIN - OVERVIEW.width, y: MARGIN, ...OVERVIEW })
  for (const part of parts) {
    doc.addPage({ size, margins })
    heading(
      text,
      page,
      heads.title,
      `Map, part ${part.name}: row ${rowName(part.row)} of ${rowName(rows - 1)}, column ${part.column + 1} of ${columns}`,
      OVERVIEW.width + 12,
    )
    for (const cell of overview.cells) doc.rect(cell.x, cell.y, cell.width, cell.height)
    doc.fill(COLOURS.silhouette)
    const marked = overview.into(part.window)
    doc.rect(marked.x, marked.y, marked.width, marked.height).lineWidth(1.2).stroke(COLOURS.window)
    drawMapAt(doc, text, drawing, area, plan.scale, part.window)
    legend(doc, text, drawing, page)
  }
}
