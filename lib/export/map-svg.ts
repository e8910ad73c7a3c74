// A map drawing as a standalone SVG file: title and byline, the map, and the legend. Every piece
// of text is escaped; nothing a user typed reaches the file as markup. Nodes and relations carry
// their ids and their whole text (as a tooltip), so the picture can be read back and checked.
import type { FontFace, MapDrawing, MeasureText, Shape } from './map-drawing'
import { printable } from './text-fit'

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

const FAMILIES: Record<FontFace, string> = {
  sans: "'DejaVu Sans', Verdana, sans-serif",
  sansBold: "'DejaVu Sans', Verdana, sans-serif",
  serif: "'DejaVu Serif', Georgia, serif",
}

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

function shapeSvg(shape: Shape): string {
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
  return `<text${attrs({
    x: shape.x,
    y: shape.y,
    'font-family': FAMILIES[shape.face],
    'font-weight': shape.face === 'sansBold' ? 'bold' : null,
    'font-size': shape.size,
    fill: shape.color,
    'text-anchor': shape.anchor === 'start' ? null : shape.anchor,
  })}>${escapeXml(shape.text)}</text>`
}

/** A group of shapes; `tip`, the whole text of what it draws, shows on hover in viewers. */
const group = (shapes: Shape[], values: Record<string, string | number>, tip?: string) =>
  `<g${attrs(values)}>${tip ? `<title>${escapeXml(tip)}</title>` : ''}${shapes.map(shapeSvg).join('')}</g>`

export function renderMapSvg(drawing: MapDrawing, heading: MapHeading, measure: MeasureText): string {
  const title = printable(heading.title)
  const byline = printable(heading.byline)
  const { bounds, legend } = drawing
  const contentWidth = Math.max(bounds.width, legend.width, measure(title, 'sansBold', TITLE_SIZE), measure(byline, 'sans', BYLINE_SIZE))
  const width = r2(contentWidth + 2 * PAD)
  const legendTop = HEADER + bounds.height + LEGEND_GAP
  const height = r2(legendTop + legend.height + PAD)
  const text = (value: string, y: number, face: FontFace, size: number, color: string) =>
    shapeSvg({ type: 'text', text: value, x: PAD, y, face, size, color, anchor: 'start', width: 0 })
  const map = [
    ...drawing.relations.map((r) => group(r.shapes, { class: `relation ${r.kind.toLowerCase()}`, 'data-from': r.fromId, 'data-to': r.toId }, r.caption)),
    ...drawing.nodes.map((n) => group(n.shapes, { class: `node ${n.kind.toLowerCase()}`, 'data-node': n.id, 'data-number': n.number }, n.fullText)),
    ...(drawing.message ? [shapeSvg(drawing.message)] : []),
  ]
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title map-desc">`,
    `<title id="map-title">${escapeXml(title)}</title>`,
    `<desc id="map-desc">${escapeXml(`Argument map. ${byline}. ${drawing.nodes.length} nodes, ${drawing.relations.length} relations.`)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(title, 34, 'sansBold', TITLE_SIZE, '#1c1917'),
    text(byline, 54, 'sans', BYLINE_SIZE, '#57534e'),
    `<g transform="translate(${r2(PAD - bounds.x)} ${r2(HEADER - bounds.y)})">${map.join('')}</g>`,
    `<g class="legend" transform="translate(${PAD} ${r2(legendTop)})">${legend.shapes.map(shapeSvg).join('')}</g>`,
    '</svg>',
    '',
  ].join('\n')
}
