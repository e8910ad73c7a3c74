// A map drawing as a standalone SVG file: title and byline, the map, and the legend. Every piece
// of text is escaped; nothing a user typed reaches the file as markup. Text stays text (it can be
// selected, searched and edited), laid out as the PDF lays it out: a line is split into runs in
// visual order (text-runs.ts), each a <text> at the place the PDF gives it, naming the font the
// PDF sets it in (DejaVu or a Noto fallback, font-files.ts); the viewer shapes each run, as the
// PNG renderer (resvg) does with those very fonts. Nodes and relations carry their ids and their
// whole text (as a tooltip), so the picture can be read back and checked.
import { coversFor, fontFamilies } from './font-files'
import type { FontFace, MapDrawing, MeasureText, Shape } from './map-drawing'
import { isolate, printable } from './text-fit'
import { bidiLevels, visualRuns, type FontKey } from './text-runs'

export interface MapHeading {
  title: string
  /** One line under the title: group, author, date. */
  byline: string
}

const PAD = 24
const TITLE_SIZE = 20
const BYLINE_SIZE = 12
const HEADER = 68
const LEGEND_GAP = 16

const GENERIC: Record<FontFace, string> = {
  sans: 'Verdana, sans-serif',
  sansBold: 'Verdana, sans-serif',
  serif: 'Georgia, serif',
}

const familyOf = (face: FontFace, key: FontKey) =>
  `${fontFamilies(face, key)
    .map((name) => `'${name}'`)
    .join(', ')}, ${key === 'base' ? GENERIC[face] : 'sans-serif'}`

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const r2 = (v: number) => Math.round(v * 100) / 100

function attrs(values: Record<string, string | number | null>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== null)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('')
}

function shapeSvg(shape: Shape, measure: MeasureText): string {
  if (shape.type === 'path') {
    return `<path${attrs({
      d: shape.d,
      fill: shape.fill ?? 'none',
      stroke: shape.stroke,
      'stroke-width': shape.stroke ? shape.strokeWidth : null,
      'stroke-dasharray': shape.dash ? shape.dash.join(' ') : null,
      'stroke-linejoin': shape.round ? 'round' : null,
      'stroke-linecap': shape.round ? 'round' : null,
    })}/>`
  }
  // The line as the PDF sets it: runs in visual order, each from where the one before it ends.
  const runs = visualRuns(shape.text, bidiLevels(shape.text, shape.direction), coversFor(shape.face))
  let x =
    shape.anchor === 'start' ? shape.x : shape.anchor === 'end' ? shape.x - shape.width : shape.x - shape.width / 2
  const style = { 'font-weight': shape.face === 'sansBold' ? 'bold' : null, 'font-size': shape.size, fill: shape.color }
  const texts = runs.map((run) => {
    // A right-to-left run stays in reading order, isolated so its punctuation stays at its ends.
    const content = run.rtl ? `\u2067${run.text}\u2069` : run.text
    const text = `<text${attrs({ x: r2(x), y: shape.y, 'font-family': familyOf(shape.face, run.font), ...(runs.length === 1 ? style : {}) })}>${escapeXml(content)}</text>`
    x += measure(run.text, shape.face, shape.size)
    return text
  })
  return texts.length === 1 ? texts[0]! : `<g${attrs(style)}>${texts.join('')}</g>`
}

export function renderMapSvg(drawing: MapDrawing, heading: MapHeading, measure: MeasureText): string {
  /** A group of shapes; `tip`, the whole text of what it draws, shows on hover in viewers. */
  const group = (shapes: Shape[], values: Record<string, string | number>, tip: string) =>
    `<g${attrs(values)}><title>${escapeXml(tip)}</title>${shapes.map((shape) => shapeSvg(shape, measure)).join('')}</g>`
  const title = printable(heading.title)
  const byline = printable(heading.byline)
  const { bounds, legend } = drawing
  const contentWidth = Math.max(
    bounds.width,
    legend.width,
    measure(isolate(title), 'sansBold', TITLE_SIZE),
    measure(byline, 'sans', BYLINE_SIZE),
  )
  const width = r2(contentWidth + 2 * PAD)
  const legendTop = HEADER + bounds.height + LEGEND_GAP
  const height = r2(legendTop + legend.height + PAD)
  const text = (value: string, y: number, face: FontFace, size: number, color: string) =>
    shapeSvg({ type: 'text', text: value, x: PAD, y, face, size, color, anchor: 'start', width: 0 }, measure)
  const map = [
    ...drawing.relations.map((r) =>
      group(
        r.shapes,
        { class: `relation ${r.kind.toLowerCase()}`, 'data-from': r.fromId, 'data-to': r.toId },
        r.caption,
      ),
    ),
    ...drawing.nodes.map((n) =>
      group(
        n.shapes,
        { class: `node ${n.kind.toLowerCase()}`, 'data-node': n.id, 'data-number': n.number },
        n.fullText,
      ),
    ),
    ...(drawing.message ? [shapeSvg(drawing.message, measure)] : []),
  ]
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title map-desc">`,
    `<title id="map-title">${escapeXml(title)}</title>`,
    `<desc id="map-desc">${escapeXml(`Argument map. ${byline}. ${drawing.nodes.length} nodes, ${drawing.relations.length} relations.`)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(isolate(title), 34, 'sansBold', TITLE_SIZE, '#1c1917'),
    text(byline, 54, 'sans', BYLINE_SIZE, '#57534e'),
    `<g transform="translate(${r2(PAD - bounds.x)} ${r2(HEADER - bounds.y)})">${map.join('')}</g>`,
    `<g class="legend" transform="translate(${PAD} ${r2(legendTop)})">${legend.shapes.map((shape) => shapeSvg(shape, measure)).join('')}</g>`,
    '</svg>',
    '',
  ].join('\n')
}
