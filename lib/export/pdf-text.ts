// Text in a PDF as the map and its appendix set it: each line split into runs by font and
// direction (text-runs.ts) and placed left to right, right-to-left runs with their glyphs in
// visual order, which is what text extraction (pdftotext, search, copying) reads back into
// logical order. Paragraphs wrap with the exports' own line breaking (text-fit.ts) and flow onto
// new pages.
import { coversFor } from './font-files'
import { layoutOptions, measurerFor, runWidth, setFont } from './fonts'
import type { FontFace, MeasureText } from './map-drawing'
import { bidiLevels, paragraphDirection, visualRuns } from './text-runs'
import { truncateToWidth, wrapText } from './text-fit'

export interface TextStyle {
  face: FontFace
  size: number
  color: string
}

type Direction = 'ltr' | 'rtl'

/** DejaVu's ascent: the baseline of a line whose top is at y. */
const ASCENT = 0.93
const LINE_HEIGHT = 1.25

function drawRuns(
  doc: PDFKit.PDFDocument,
  text: string,
  levels: Uint8Array,
  start: number,
  end: number,
  style: TextStyle,
  x: number,
  baseline: number,
): void {
  const runs = visualRuns(text, levels, coversFor(style.face), start, end)
  let at = x
  for (const run of runs) {
    setFont(doc, style.face, run.font).fontSize(style.size).fillColor(style.color)
    doc.text(run.text, at, baseline, { lineBreak: false, baseline: 'alphabetic', ...layoutOptions(run.text) })
    at += runWidth(doc, style.face, run.font, style.size, run.text)
  }
}

export interface PdfText {
  measure: MeasureText
  /** One line with its left edge at `x` and its baseline at `baseline`. */
  line(text: string, style: TextStyle, x: number, baseline: number, direction?: Direction): void
  /** One line in a box from `x`, `width` wide, with its top at `top`: cut with an ellipsis, or centred. */
  fitted(text: string, style: TextStyle, x: number, top: number, width: number, align?: 'left' | 'center'): void
  /**
   * Paragraphs (split at line breaks) wrapped to `width` from `x`, from `doc.y` down, onto new
   * pages as needed; right-to-left paragraphs set from the right edge. `indent`: room taken on
   * the first line by what was drawn before it. Leaves `doc.y` below the last line.
   */
  paragraphs(
    text: string,
    style: TextStyle,
    x: number,
    width: number,
    options?: { lineGap?: number; direction?: Direction; indent?: number },
  ): void
}

export function pdfText(doc: PDFKit.PDFDocument): PdfText {
  const measure = measurerFor(doc)
  const line: PdfText['line'] = (text, style, x, baseline, direction) =>
    drawRuns(doc, text, bidiLevels(text, direction), 0, text.length, style, x, baseline)

  const fitted: PdfText['fitted'] = (text, style, x, top, width, align = 'left') => {
    const shown = truncateToWidth(text, width, (s) => measure(s, style.face, style.size))
    const left = align === 'center' ? x + (width - measure(shown, style.face, style.size)) / 2 : x
    line(shown, style, left, top + style.size * ASCENT, 'ltr')
  }

  const paragraphs: PdfText['paragraphs'] = (text, style, x, width, options = {}) => {
    const height = style.size * LINE_HEIGHT + (options.lineGap ?? 0)
    const bottom = () => doc.page.height - doc.page.margins.bottom
    let indent = options.indent ?? 0
    for (const paragraph of text.split('\n')) {
      const direction = options.direction ?? paragraphDirection(paragraph)
      const levels = bidiLevels(paragraph, direction)
      const width_ = (s: string) => measure(s, style.face, style.size)
      // After an indent, the first line is shorter; the rest are wrapped again at full width.
      const first = indent > 0 ? (wrapText(paragraph, width - indent, width_)[0] ?? '') : ''
      const lines = [first, ...wrapText(paragraph.slice(first.length).trimStart(), width, width_)].filter(Boolean)
      let from = 0
      for (const [i, shown] of lines.entries()) {
        const start = paragraph.indexOf(shown, from)
        from = start + shown.length
        if (doc.y + height > bottom()) {
          doc.addPage()
          doc.y = doc.page.margins.top
          if (i === 0) indent = 0
        }
        const lineIndent = i === 0 ? indent : 0
        const left = direction === 'rtl' ? x + width - width_(shown) : x + lineIndent
        drawRuns(doc, paragraph, levels, start, from, style, left, doc.y + style.size * ASCENT)
        doc.y += height
      }
      indent = 0
    }
    doc.x = x
  }
  return { measure, line, fitted, paragraphs }
}
