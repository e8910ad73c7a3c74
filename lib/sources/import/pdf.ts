// A PDF's text layer as blocks, each with the page it starts on. Lines come in reading order
// from pdf-layout.ts (columns, superscripts, letter-spacing); here lines that repeat at the top or
// bottom of the pages (running heads, page numbers) are set aside, notes in small type at the
// foot of a page are kept apart (after the text), and lines are gathered into paragraphs: a gap
// wider than the usual line spacing, an indented first line or a change of size starts one; a
// paragraph cut by a column or page break is joined again, its line-end hyphens too.
// Runs pdf.js (unpdf's serverless build) with eval disabled, since the file comes from outside.
import { getDocumentProxy } from 'unpdf'
import { AppError, Invalid } from '@/lib/errors'
import { parseByline, yearIn, type Byline } from './byline'
import type { ImportedBlock, ImportResult } from './draft'
import { MAX_PDF_PAGES, tooComplex } from './limits'
import { linesOfPage, type PdfLine, type Piece } from './pdf-layout'
import { joinWrapped, wordsOf } from './text-lines'
import { cleanCitationMarks, comparable, noteNumbers, removeNoteMarks } from './text-rules'

const NO_TEXT_LAYER =
  'This PDF has no selectable text (it is probably scanned). Run it through text recognition (OCR) first, or paste the text instead.'

type TextItem = { str: string; transform: number[]; width: number; height: number } | { type: string }

export async function pdfImport(bytes: Uint8Array): Promise<ImportResult> {
  // pdf.js may take over the buffer it is given, so it gets a copy.
  const pdf = await getDocumentProxy(bytes.slice(), { isEvalSupported: false, verbosity: 0 }).catch(
    (error: unknown) => {
      throw unreadable(error)
    },
  )
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw tooComplex(
        `This PDF has ${pdf.numPages} pages; Colloquy imports at most ${MAX_PDF_PAGES} at a time. Split it, or paste the part you need.`,
      )
    }
    const lines: PdfLine[] = []
    const heights = new Map<number, number>()
    for (let page = 1; page <= pdf.numPages; page++) {
      const proxy = await pdf.getPage(page)
      const { width, height } = proxy.getViewport({ scale: 1 })
      heights.set(page, height)
      lines.push(...linesOfPage(piecesOf((await proxy.getTextContent()).items as TextItem[]), page, width))
      proxy.cleanup()
    }
    if (lines.length === 0) throw new Invalid(NO_TEXT_LAYER)
    const { info } = await pdf.getMetadata().catch(() => ({ info: {} }))
    return blocksOfLines(lines, heights, infoOf(info))
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error)
  } finally {
    await pdf.destroy()
  }
}

function unreadable(error: unknown): Invalid {
  if (error instanceof Error && error.name === 'PasswordException') {
    return new Invalid('This PDF is protected by a password. Save a copy without the password and upload that.')
  }
  return new Invalid(
    'This PDF could not be read; the file may be damaged. Open it and save it again, or paste the text instead.',
  )
}

function piecesOf(items: readonly TextItem[]): Piece[] {
  return items.flatMap((item) => {
    if (!('str' in item) || !item.str) return []
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform
    // Rotated text (a margin note turned sideways) is not part of the reading text.
    if (Math.abs(b) > Math.abs(a) * 0.2) return []
    return [{ str: item.str, x, y, width: item.width, size: Math.hypot(c, d) || item.height || 1 }]
  })
}

/** Turns the ordered lines into blocks: furniture set aside, notes after the text, paragraphs joined. */
export function blocksOfLines(
  lines: PdfLine[],
  heights: Map<number, number>,
  info: { title?: string; author?: string; year?: number },
): ImportResult {
  const bodySize = usualSize(lines)
  const furniture = runningLines(lines, heights)
  const notes = new Set(footnoteLines(lines, heights, bodySize, furniture))
  const words = wordsOf(lines.map((line) => line.text))
  const spacing = usualSpacing(lines.filter((line) => !furniture.has(line) && !notes.has(line)))
  const blocks: (ImportedBlock & { lines: PdfLine[] })[] = []
  const noteBlocks: ImportedBlock[] = []
  let previous: PdfLine | undefined
  for (const line of lines) {
    const reason = furniture.get(line)
    if (reason) {
      blocks.push({ text: line.text, kind: 'paragraph', page: line.page, junkReason: reason, lines: [line] })
      continue
    }
    if (notes.has(line)) {
      const last = noteBlocks.at(-1)
      if (last && last.page === line.page && !/^[\d*†‡¹²³⁴⁵⁶⁷⁸⁹]/u.test(line.text))
        last.text = joinWrapped(last.text, line.text, words)
      else noteBlocks.push({ text: line.text, kind: 'paragraph', page: line.page })
      continue
    }
    const current = blocks.findLast((block) => !block.junkReason)
    if (current && previous && !startsBlock(previous, line, spacing)) {
      current.text = joinWrapped(current.text, line.text, words)
      current.lines.push(line)
    } else {
      const kind = kindOfLine(line, bodySize)
      blocks.push({
        text: line.text,
        kind,
        ...(kind === 'heading' ? { level: levelOf(line, bodySize) } : {}),
        page: line.page,
        lines: [line],
      })
    }
    previous = line
  }
  const joined = joinAcrossBreaks(blocks)
  if (noteBlocks.length > 0) joined.push({ text: 'Notes', kind: 'heading', level: 2 }, ...noteBlocks)
  const metadata = { ...info }
  headOf(joined, metadata, bodySize)
  const numbers = noteNumbers(noteBlocks.map((block) => block.text))
  return {
    blocks: joined.map((block) => ({
      ...block,
      text: removeNoteMarks(cleanCitationMarks(block.text), block.junkReason ? new Set() : numbers),
    })),
    metadata,
  }
}

/** Font size of most of the text. */
function usualSize(lines: PdfLine[]): number {
  const weights = new Map<number, number>()
  for (const line of lines)
    weights.set(Math.round(line.size * 2) / 2, (weights.get(Math.round(line.size * 2) / 2) ?? 0) + line.text.length)
  return [...weights].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10
}

/** Line spacing relative to font size that most lines share (a low quantile: paragraph gaps may outnumber line gaps). */
function usualSpacing(lines: PdfLine[]): number {
  const ratios = lines
    .slice(1)
    .flatMap((line, i) => {
      const previous = lines[i]!
      const gap = previous.y - line.y
      return previous.page === line.page && previous.column === line.column && gap > 0
        ? [gap / Math.max(line.size, previous.size)]
        : []
    })
    .filter((ratio) => ratio >= 0.8)
    .sort((a, b) => a - b)
  return ratios[Math.floor(ratios.length * 0.2)] ?? 1.2
}

function startsBlock(previous: PdfLine, line: PdfLine, spacing: number): boolean {
  if (previous.page !== line.page || previous.column !== line.column) return true
  const gap = previous.y - line.y
  return (
    gap <= 0 ||
    gap / Math.max(line.size, previous.size) > spacing * 1.3 ||
    Math.abs(line.size - previous.size) > 0.5 ||
    line.x > previous.x + line.size * 0.8
  )
}

const kindOfLine = (line: PdfLine, bodySize: number): ImportedBlock['kind'] =>
  line.size >= bodySize * 1.15 && line.text.length <= 200 ? 'heading' : 'paragraph'
const levelOf = (line: PdfLine, bodySize: number) =>
  line.size >= bodySize * 1.6 ? 1 : line.size >= bodySize * 1.3 ? 2 : 3

/** Lines in the top or bottom band of the page that repeat on several pages, and page numbers there. */
function runningLines(lines: PdfLine[], heights: Map<number, number>): Map<PdfLine, string> {
  const inBand = (line: PdfLine) => {
    const height = heights.get(line.page) ?? 792
    return line.y > height * 0.9 || line.y < height * 0.1
  }
  const keyOf = (line: PdfLine) => comparable(line.text.replace(/\d+/g, ' '))
  const pages = new Map<string, Set<number>>()
  for (const line of lines)
    if (inBand(line)) pages.set(keyOf(line), (pages.get(keyOf(line)) ?? new Set()).add(line.page))
  const pageCount = new Set(lines.map((line) => line.page)).size
  const furniture = new Map<PdfLine, string>()
  for (const line of lines) {
    if (!inBand(line)) continue
    if (/^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i.test(line.text))
      furniture.set(line, 'page number')
    else if (pageCount >= 2 && (pages.get(keyOf(line))?.size ?? 0) >= Math.min(3, pageCount))
      furniture.set(line, 'running head or footer (repeats on every page)')
  }
  return furniture
}

/** Lines in smaller type at the foot of a page, from a line that starts with a note mark down. */
function footnoteLines(
  lines: PdfLine[],
  heights: Map<number, number>,
  bodySize: number,
  furniture: Map<PdfLine, string>,
): PdfLine[] {
  const notes: PdfLine[] = []
  const byPage = new Map<number, PdfLine[]>()
  for (const line of lines) {
    const pageLines = byPage.get(line.page)
    if (pageLines) pageLines.push(line)
    else byPage.set(line.page, [line])
  }
  for (const [page, pageLines] of byPage) {
    const height = heights.get(page) ?? 792
    const body = pageLines.filter((line) => !furniture.has(line))
    const start = body.findIndex(
      (line) =>
        line.size < bodySize * 0.9 && line.y < height * 0.45 && /^(?:\d{1,3}|[*†‡¹²³⁴⁵⁶⁷⁸⁹])\s?\S/u.test(line.text),
    )
    if (start < 0) continue
    notes.push(...body.slice(start).filter((line) => line.size < bodySize * 0.9))
  }
  return notes
}

/** A paragraph cut by a column or page break (no closing punctuation, next piece starts in lower case) is one paragraph. */
function joinAcrossBreaks(blocks: (ImportedBlock & { lines: PdfLine[] })[]): ImportedBlock[] {
  const words = wordsOf(blocks.map((block) => block.text))
  const out: ImportedBlock[] = []
  let open: ImportedBlock | undefined
  const aside: ImportedBlock[] = []
  for (const withLines of blocks) {
    const block: ImportedBlock = { ...withLines }
    delete (block as Partial<typeof withLines>).lines
    if (block.junkReason) {
      aside.push(block)
      continue
    }
    if (
      open &&
      open.kind === 'paragraph' &&
      block.kind === 'paragraph' &&
      !/[.!?:;"”’)\]。！？」]$/u.test(open.text) &&
      /^\p{Ll}/u.test(block.text)
    ) {
      open.text = joinWrapped(open.text, block.text, words)
      continue
    }
    out.push(...aside.splice(0), block)
    open = block
  }
  return [...out, ...aside]
}

/** The title (the first heading, when the file states none) and a byline near the top. */
function headOf(
  blocks: ImportedBlock[],
  metadata: { title?: string; author?: string; year?: number },
  bodySize: number,
): void {
  void bodySize
  const head = blocks.filter((block) => !block.junkReason).slice(0, 6)
  const title = head.find((block) => block.kind === 'heading')
  if (title) {
    metadata.title ??= title.text
    if (comparable(title.text) === comparable(metadata.title)) title.junkReason = 'the title (in the Title field)'
  }
  for (const block of head) {
    const named: Byline | undefined =
      metadata.author && comparable(block.text) === comparable(metadata.author)
        ? { author: metadata.author }
        : undefined
    const byline = block.junkReason ? undefined : (named ?? parseByline(block.text))
    if (!byline) continue
    metadata.author ??= byline.author
    if (byline.year) metadata.year ??= byline.year
    block.junkReason = 'the byline (in the Author field)'
    break
  }
}

function infoOf(info: unknown): { title?: string; author?: string; year?: number } {
  const field = (name: string) => {
    const value =
      typeof info === 'object' && info !== null && name in info ? (info as Record<string, unknown>)[name] : undefined
    return typeof value === 'string' ? value.trim() : ''
  }
  const title = field('Title')
  const author = field('Author')
  // PDF dates read "D:20150601120000Z".
  const created = /^(?:D:)?(\d{4})/.exec(field('CreationDate'))?.[1]
  const year = created ? yearIn(created) : undefined
  return {
    // Word processors often store the file name or a placeholder instead of a real title.
    ...(title && title.length <= 300 && !/^(untitled|microsoft word\b)|\.\w{2,4}$/i.test(title) ? { title } : {}),
    ...(author && author.length <= 200 ? { author } : {}),
    ...(year ? { year } : {}),
  }
}
