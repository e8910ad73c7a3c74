// A map as a PDF handout: the map drawn as vectors on one page or, when too large to read there,
// over several (map-pdf-pages.ts), with title, byline and legend, then an evidence appendix listing every node in reading order with its
// full quote, where it comes from and any instructor feedback. Fonts are embedded, text selectable.
import { NODE_STYLES, RELATION_STYLES, type MapDrawing, type MeasureText, type NodeKind, type RelationKind } from './map-drawing'
import { drawMapPages, MARGIN, PAPER_SIZES, planMap, type Orientation, type Paper } from './map-pdf-pages'
import { measurerFor, pdfWithFonts } from './fonts'
import { printable } from './text-fit'

export type { Orientation, Paper } from './map-pdf-pages'

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
  citation: { sourceTitle: string; sourceAuthor: string | null; paragraph: number | null; taggedBy: string; orphaned: boolean } | null
  relations: { kind: RelationKind; targetNumber: number; targetText: string; label: string; feedback: FeedbackNote[] }[]
  feedback: FeedbackNote[]
}

export interface MapPdfContent {
  title: string
  groupName: string
  /** Who the map is by: its owner's name, or for a group map the group's name (the PDF's Author). */
  author: string
  /** The line under the title: group, author, status, date. */
  byline: string
  entries: AppendixEntry[]
  mapFeedback: FeedbackNote[]
}

const FOOTER = 20
const COLOURS = { ink: '#1c1917', muted: '#57534e', rule: '#d6d3d1' }

/** Text that may run over several paragraphs, each made printable. */
const paragraphs = (text: string) => text.split(/\n+/).map(printable).filter(Boolean).join('\n')

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
  parts.push(citation.paragraph !== null ? `¶${citation.paragraph}` : 'paragraph unknown')
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
  // as text flows on); the map's pages get their orientation of their own.
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
  const plan = planMap(drawing, paper, orientation)
  const onA3 = plan.tiles && paper !== 'a3' ? planMap(drawing, 'a3', 'auto') : null
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  drawMapPages(doc, drawing, plan, { title: content.title, byline: content.byline, a3Parts: onA3 ? (onA3.tiles?.parts.length ?? 1) : null })
  drawAppendix(doc, content)
  numberPages(doc, content.title)
  doc.end()
  return done
}
