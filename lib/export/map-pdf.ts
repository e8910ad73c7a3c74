// A map as a PDF handout: the map drawn as vectors on one page or, when too large to read there,
// over several (map-pdf-pages.ts), with title, byline and legend, then an evidence appendix
// listing every node in reading order with its full quote, where it comes from and any instructor
// feedback. Fonts are embedded, text selectable, every script set through pdf-text.ts.
import {
  NODE_STYLES,
  RELATION_STYLES,
  type MapDrawing,
  type MeasureText,
  type NodeKind,
  type RelationKind,
} from './map-drawing'
import { drawMapPages, MARGIN, PAPER_SIZES, planMap, type Orientation, type Paper } from './map-pdf-pages'
import { paragraphCitation } from '@/lib/sources/blocks'
import { pdfWithFonts } from './fonts'
import { pdfText, type PdfText } from './pdf-text'
import { isolate, printable } from './text-fit'

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
  citation: {
    sourceTitle: string
    sourceAuthor: string | null
    paragraph: number | null
    page?: number | null
    taggedBy: string
    orphaned: boolean
  } | null
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

function feedbackBlock(
  doc: PDFKit.PDFDocument,
  text: PdfText,
  notes: FeedbackNote[],
  indent: number,
  width: number,
): void {
  for (const note of notes) {
    const x = MARGIN + indent + 10
    const startY = doc.y + 2
    const startPage = doc.page
    doc.y = startY
    const heading = `Feedback from ${isolate(printable(note.author))}${note.score !== null ? ` · score ${note.score}` : ''} · ${note.date}`
    text.paragraphs(heading, { face: 'sansBold', size: 9, color: '#3730a3' }, x, width - indent - 10, {
      direction: 'ltr',
    })
    text.paragraphs(paragraphs(note.body), { face: 'sans', size: 9.5, color: COLOURS.ink }, x, width - indent - 10)
    // The bar beside the note, unless the note ran onto another page.
    if (doc.page === startPage)
      doc
        .save()
        .moveTo(MARGIN + indent + 3, startY)
        .lineTo(MARGIN + indent + 3, doc.y)
        .lineWidth(2)
        .undash()
        .stroke('#a5b4fc')
        .restore()
    doc.moveDown(0.3)
  }
}

function citationLine(citation: NonNullable<AppendixEntry['citation']>): string {
  const parts = [`“${isolate(printable(citation.sourceTitle))}”`]
  if (citation.sourceAuthor) parts.push(`by ${isolate(printable(citation.sourceAuthor))}`)
  parts.push(paragraphCitation(citation) ?? 'paragraph unknown')
  const tagged = `tagged by ${isolate(printable(citation.taggedBy))}`
  return `— ${parts.join(', ')} · ${tagged}${citation.orphaned ? ' · the passage is no longer in the current text' : ''}`
}

function drawAppendix(doc: PDFKit.PDFDocument, text: PdfText, content: MapPdfContent): void {
  doc.addPage()
  const width = doc.page.width - 2 * MARGIN
  const bottom = () => doc.page.height - MARGIN - FOOTER
  const muted = (size: number) => ({ face: 'sans' as const, size, color: COLOURS.muted })
  doc.y = MARGIN
  text.paragraphs('Evidence appendix', { face: 'sansBold', size: 15, color: COLOURS.ink }, MARGIN, width)
  text.paragraphs(
    'Every node of the map in reading order (top to bottom, left to right), numbered as on the map, with the full passage it quotes, where the passage comes from, and instructor feedback.',
    muted(9.5),
    MARGIN,
    width,
  )
  doc.moveDown(0.8)
  if (content.mapFeedback.length > 0) {
    text.paragraphs('Feedback on the whole map', { face: 'sansBold', size: 11, color: COLOURS.ink }, MARGIN, width)
    feedbackBlock(doc, text, content.mapFeedback, 0, width)
    doc.moveDown(0.6)
  }
  if (content.entries.length === 0) text.paragraphs('The map has no nodes yet.', muted(10), MARGIN, width)
  for (const entry of content.entries) {
    // Keep a node's heading with at least the start of its text.
    if (doc.y > bottom() - 60) doc.addPage()
    const style = NODE_STYLES[entry.kind]
    doc
      .save()
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + width, doc.y)
      .lineWidth(0.5)
      .undash()
      .stroke(COLOURS.rule)
      .restore()
    doc.moveDown(0.3)
    text.paragraphs(
      `#${entry.number}  ${style.icon} ${style.label}`,
      { face: 'sansBold', size: 10.5, color: style.stroke },
      MARGIN,
      width,
    )
    doc.y += 2
    // Each paragraph of a passage or note takes its own direction, as the reader shows it.
    const body = paragraphs(entry.text)
    if (entry.quoted)
      text.paragraphs(`“${body}”`, { face: 'serif', size: 10.5, color: COLOURS.ink }, MARGIN, width, { lineGap: 1.5 })
    else
      text.paragraphs(
        body || 'Empty note',
        { face: 'sans', size: 10, color: body ? COLOURS.ink : COLOURS.muted },
        MARGIN,
        width,
        { lineGap: 1.5 },
      )
    if (entry.label) {
      doc.y += 2
      text.paragraphs(
        `On the map: ${isolate(paragraphs(entry.label).replaceAll('\n', ' '))}`,
        muted(9.5),
        MARGIN,
        width,
        { direction: 'ltr' },
      )
    }
    if (entry.citation) {
      doc.y += 2
      text.paragraphs(citationLine(entry.citation), muted(9.5), MARGIN, width, { direction: 'ltr' })
    }
    feedbackBlock(doc, text, entry.feedback, 0, width)
    for (const relation of entry.relations) {
      const style = RELATION_STYLES[relation.kind]
      const words = printable(relation.label)
      const lead = `→ ${style.word} #${relation.targetNumber}`
      const leadStyle = { face: 'sansBold' as const, size: 9.5, color: style.stroke }
      doc.y += 2
      const top = doc.y
      text.line(lead, leadStyle, MARGIN + 10, top + 9.5 * 0.93, 'ltr')
      const rest = `  ${isolate(printable(relation.targetText))}${words ? ` — “${isolate(words)}”` : ''}`
      doc.y = top
      text.paragraphs(rest, muted(9.5), MARGIN + 10, width - 10, {
        direction: 'ltr',
        indent: text.measure(lead, 'sansBold', 9.5),
      })
      feedbackBlock(doc, text, relation.feedback, 10, width)
    }
    doc.moveDown(0.7)
  }
}

function numberPages(doc: PDFKit.PDFDocument, text: PdfText, title: string): void {
  const range = doc.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i)
    // Written in the bottom margin, where pdfkit would otherwise start a new page.
    const margin = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    text.fitted(
      `${isolate(printable(title))} — page ${i + 1} of ${range.count}`,
      { face: 'sans', size: 8, color: COLOURS.muted },
      MARGIN,
      doc.page.height - MARGIN,
      doc.page.width - 2 * MARGIN,
      'center',
    )
    doc.page.margins.bottom = margin
  }
}

/** `draw` makes the map's drawing with the metrics of the fonts this PDF embeds. */
export function renderMapPdf(
  content: MapPdfContent,
  draw: (measure: MeasureText) => MapDrawing,
  paper: Paper,
  orientation: Orientation,
): Promise<Buffer> {
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
    info: {
      Title: printable(content.title),
      Author: printable(content.author),
      Subject: `Argument map · ${printable(content.groupName)}`,
      Creator: 'Colloquy',
    },
  })
  const text = pdfText(doc)
  const drawing = draw(text.measure)
  const plan = planMap(drawing, paper, orientation)
  const onA3 = plan.tiles && paper !== 'a3' ? planMap(drawing, 'a3', 'auto') : null
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  drawMapPages(doc, text, drawing, plan, {
    title: content.title,
    byline: content.byline,
    a3Parts: onA3 ? (onA3.tiles?.parts.length ?? 1) : null,
  })
  drawAppendix(doc, text, content)
  numberPages(doc, text, content.title)
  doc.end()
  return done
}
