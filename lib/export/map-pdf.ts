// A map as a PDF handout: the map drawn as vectors and scaled to fit one page, with title,
// byline and legend, then an evidence appendix listing every node in reading order with its
// full quote, where it comes from and any instructor feedback. Fonts are embedded, text selectable.
import { NODE_STYLES, RELATION_STYLES, type MapDrawing, type MeasureText, type NodeKind, type RelationKind, type Shape } from './map-drawing'
import { measurerFor, pdfWithFonts } from './fonts'
import { printable } from './text-fit'
import { paragraphCitation } from '@/lib/sources/blocks'

export type Paper = 'a4' | 'letter'
export type Orientation = 'auto' | 'portrait' | 'landscape'

export interface FeedbackNote {
  author: string
  body: string
  score: number | null
  date: string
}

export interface AppendixEntry {
  number: number
  kind: NodeKind
  /** The full passage when the node cites one, else the node's text. */
  text: string
  quoted: boolean
  /** The node's own wording when it is not simply the passage. */
  label: string | null
  citation: { sourceTitle: string; sourceAuthor: string | null; paragraph: number | null; page?: number | null; taggedBy: string; orphaned: boolean } | null
  relations: { kind: RelationKind; targetNumber: number; targetText: string; label: string; feedback: FeedbackNote[] }[]
  feedback: FeedbackNote[]
}

export interface MapPdfContent {
  title: string
  groupName: string
  /** The owner's name, or "Group map". */
  author: string
  date: string
  entries: AppendixEntry[]
  mapFeedback: FeedbackNote[]
}

const PAPER_SIZES: Record<Paper, [number, number]> = { a4: [595.28, 841.89], letter: [612, 792] }
const MARGIN = 40
const HEADER = 52
const FOOTER = 20
/** A CSS pixel is three quarters of a point: a small map is printed at its size on screen. */
const TRUE_SIZE = 0.75
const COLOURS = { ink: '#1c1917', muted: '#57534e', rule: '#d6d3d1' }

/** Text that may run over several paragraphs, each made printable. */
const paragraphs = (text: string) => text.split(/\n+/).map(printable).filter(Boolean).join('\n')

interface Page {
  width: number
  height: number
  layout: 'portrait' | 'landscape'
}

function mapArea(page: Page, legendHeight: number) {
  return { width: page.width - 2 * MARGIN, height: page.height - 2 * MARGIN - HEADER - FOOTER - legendHeight - 12 }
}

function fitScale(drawing: MapDrawing, page: Page): number {
  const area = mapArea(page, drawing.legend.height * TRUE_SIZE)
  return Math.min(area.width / drawing.bounds.width, area.height / drawing.bounds.height, TRUE_SIZE)
}

/** The page for the map: the orientation asked for, or ('auto') the one that shows the map larger. */
export function choosePage(drawing: MapDrawing, paper: Paper, orientation: Orientation): Page {
  const [short, long] = PAPER_SIZES[paper]
  const portrait: Page = { width: short, height: long, layout: 'portrait' }
  const landscape: Page = { width: long, height: short, layout: 'landscape' }
  if (orientation === 'portrait') return portrait
  if (orientation === 'landscape') return landscape
  return fitScale(drawing, landscape) > fitScale(drawing, portrait) + 1e-9 ? landscape : portrait
}

function drawShape(doc: PDFKit.PDFDocument, shape: Shape): void {
  if (shape.type === 'text') {
    const x = shape.anchor === 'start' ? shape.x : shape.anchor === 'end' ? shape.x - shape.width : shape.x - shape.width / 2
    doc.font(shape.face).fontSize(shape.size).fillColor(shape.color).text(shape.text, x, shape.y, { lineBreak: false, baseline: 'alphabetic' })
    return
  }
  doc.path(shape.d)
  if (shape.stroke) {
    doc.lineWidth(shape.strokeWidth).lineJoin(shape.round ? 'round' : 'miter').lineCap(shape.round ? 'round' : 'butt')
    if (shape.dash) doc.dash(shape.dash[0], { space: shape.dash[1] })
    else doc.undash()
  }
  if (shape.fill && shape.stroke) doc.fillAndStroke(shape.fill, shape.stroke)
  else if (shape.fill) doc.fill(shape.fill)
  else if (shape.stroke) doc.stroke(shape.stroke)
}

function drawMapPage(doc: PDFKit.PDFDocument, content: MapPdfContent, drawing: MapDrawing, page: Page): void {
  const width = page.width - 2 * MARGIN
  doc.font('sansBold').fontSize(17).fillColor(COLOURS.ink).text(printable(content.title), MARGIN, MARGIN, { width, height: 24, ellipsis: '…', lineBreak: false })
  doc.font('sans').fontSize(9.5).fillColor(COLOURS.muted).text(`${printable(content.groupName)} · ${printable(content.author)} · ${content.date}`, MARGIN, MARGIN + 26, { width, height: 14, ellipsis: '…', lineBreak: false })

  const legendScale = Math.min(TRUE_SIZE, width / drawing.legend.width)
  const area = mapArea(page, drawing.legend.height * legendScale)
  const scale = Math.min(area.width / drawing.bounds.width, area.height / drawing.bounds.height, TRUE_SIZE)
  const top = MARGIN + HEADER
  doc.save()
  doc.translate(MARGIN + (area.width - drawing.bounds.width * scale) / 2, top)
  doc.scale(scale)
  doc.translate(-drawing.bounds.x, -drawing.bounds.y)
  for (const relation of drawing.relations) relation.shapes.forEach((shape) => drawShape(doc, shape))
  for (const node of drawing.nodes) node.shapes.forEach((shape) => drawShape(doc, shape))
  if (drawing.message) drawShape(doc, drawing.message)
  doc.restore()

  doc.save()
  doc.translate(MARGIN, top + drawing.bounds.height * scale + 12)
  doc.scale(legendScale)
  drawing.legend.shapes.forEach((shape) => drawShape(doc, shape))
  doc.restore()
}

function feedbackBlock(doc: PDFKit.PDFDocument, notes: FeedbackNote[], indent: number, width: number): void {
  for (const note of notes) {
    const x = MARGIN + indent + 10
    const startY = doc.y + 2
    const startPage = doc.page
    doc.font('sansBold').fontSize(9).fillColor('#3730a3')
    doc.text(`Feedback from ${printable(note.author)}${note.score !== null ? ` · score ${note.score}` : ''} · ${note.date}`, x, startY, { width: width - indent - 10 })
    doc.font('sans').fontSize(9.5).fillColor(COLOURS.ink).text(paragraphs(note.body), x, doc.y, { width: width - indent - 10 })
    // The bar beside the note, unless the note ran onto another page.
    if (doc.page === startPage) doc.save().moveTo(MARGIN + indent + 3, startY).lineTo(MARGIN + indent + 3, doc.y).lineWidth(2).undash().stroke('#a5b4fc').restore()
    doc.moveDown(0.3)
  }
}

function citationLine(citation: NonNullable<AppendixEntry['citation']>): string {
  const parts = [`“${printable(citation.sourceTitle)}”`]
  if (citation.sourceAuthor) parts.push(`by ${printable(citation.sourceAuthor)}`)
  parts.push(paragraphCitation(citation) ?? 'paragraph unknown')
  const tagged = `tagged by ${printable(citation.taggedBy)}`
  return `— ${parts.join(', ')} · ${tagged}${citation.orphaned ? ' · the passage is no longer in the current text' : ''}`
}

function drawAppendix(doc: PDFKit.PDFDocument, content: MapPdfContent): void {
  doc.addPage()
  const width = doc.page.width - 2 * MARGIN
  const bottom = () => doc.page.height - MARGIN - FOOTER
  doc.font('sansBold').fontSize(15).fillColor(COLOURS.ink).text('Evidence appendix', MARGIN, MARGIN, { width })
  doc.font('sans').fontSize(9.5).fillColor(COLOURS.muted)
  doc.text('Every node of the map in reading order (top to bottom, left to right), numbered as on the map, with the full passage it quotes, where the passage comes from, and instructor feedback.', { width })
  doc.moveDown(0.8)
  if (content.mapFeedback.length > 0) {
    doc.font('sansBold').fontSize(11).fillColor(COLOURS.ink).text('Feedback on the whole map', MARGIN, doc.y, { width })
    feedbackBlock(doc, content.mapFeedback, 0, width)
    doc.moveDown(0.6)
  }
  if (content.entries.length === 0) doc.font('sans').fontSize(10).fillColor(COLOURS.muted).text('The map has no nodes yet.', MARGIN, doc.y, { width })
  for (const entry of content.entries) {
    // Keep a node's heading with at least the start of its text.
    if (doc.y > bottom() - 60) doc.addPage()
    const style = NODE_STYLES[entry.kind]
    doc.save().moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.5).undash().stroke(COLOURS.rule).restore()
    doc.moveDown(0.3)
    doc.font('sansBold').fontSize(10.5).fillColor(style.stroke).text(`#${entry.number}  ${style.icon} ${style.label}`, MARGIN, doc.y, { width })
    const body = paragraphs(entry.text)
    if (entry.quoted) doc.font('serif').fontSize(10.5).fillColor(COLOURS.ink).text(`“${body}”`, MARGIN, doc.y + 2, { width, lineGap: 1.5 })
    else doc.font('sans').fontSize(10).fillColor(body ? COLOURS.ink : COLOURS.muted).text(body || 'Empty note', MARGIN, doc.y + 2, { width, lineGap: 1.5 })
    if (entry.label) doc.font('sans').fontSize(9.5).fillColor(COLOURS.muted).text(`On the map: ${paragraphs(entry.label)}`, MARGIN, doc.y + 2, { width })
    if (entry.citation) doc.font('sans').fontSize(9.5).fillColor(COLOURS.muted).text(citationLine(entry.citation), MARGIN, doc.y + 2, { width })
    feedbackBlock(doc, entry.feedback, 0, width)
    for (const relation of entry.relations) {
      const style = RELATION_STYLES[relation.kind]
      const words = printable(relation.label)
      doc.font('sansBold').fontSize(9.5).fillColor(style.stroke).text(`→ ${style.word} #${relation.targetNumber}`, MARGIN + 10, doc.y + 2, { width: width - 10, continued: true })
      doc.font('sans').fillColor(COLOURS.muted).text(`  ${printable(relation.targetText)}${words ? ` — “${words}”` : ''}`)
      feedbackBlock(doc, relation.feedback, 10, width)
    }
    doc.moveDown(0.7)
  }
}

function numberPages(doc: PDFKit.PDFDocument, title: string): void {
  const range = doc.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i)
    // Written in the bottom margin, where pdfkit would otherwise start a new page.
    const margin = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font('sans').fontSize(8).fillColor(COLOURS.muted)
    doc.text(`${printable(title)} — page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false })
    doc.page.margins.bottom = margin
  }
}

/** `draw` makes the map's drawing with the metrics of the fonts this PDF embeds. */
export function renderMapPdf(content: MapPdfContent, draw: (measure: MeasureText) => MapDrawing, paper: Paper, orientation: Orientation): Promise<Buffer> {
  // The document's own settings are the appendix's (pdfkit reuses them for every page it adds
  // as text flows on); the map page, first, gets its orientation of its own.
  const doc = pdfWithFonts({
    autoFirstPage: false,
    size: PAPER_SIZES[paper],
    layout: 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    bufferPages: true,
    displayTitle: true,
    lang: 'en',
    info: { Title: printable(content.title), Author: printable(content.author), Subject: `Argument map · ${printable(content.groupName)}`, Creator: 'Colloquy' },
  })
  const drawing = draw(measurerFor(doc))
  const page = choosePage(drawing, paper, orientation)
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.addPage({ size: [page.width, page.height], margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } })
  drawMapPage(doc, content, drawing, page)
  drawAppendix(doc, content)
  numberPages(doc, content.title)
  doc.end()
  return done
}
