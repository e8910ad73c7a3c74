// A source's highlights as a CSV spreadsheet (RFC 4180, UTF-8 with a byte-order mark: without
// it Excel reads the file in the machine's legacy code page and garbles accents, Japanese, Arabic
// and emoji; LibreOffice, Numbers and Google Sheets take the mark as UTF-8 too), one row per
// highlight. Start and end count Unicode code points, as the JSON-LD export does; a note's links
// keep their address in brackets after the link text. Text a person typed can start with = + - @,
// which spreadsheets would run as a formula; such cells get a leading apostrophe, so they show
// as text (see FORMULA_START and NEEDS_QUOTES for the forms covered). The paragraph is the citation number of the paragraph the highlight starts in, empty
// for a heading and for an orphaned highlight (its passage is no longer in the text).
import { blocksOf, type TextBlock } from '@/lib/sources/blocks'
import { StoredLayout } from '@/lib/sources/editing-schema'
import { codePointOffsets } from './code-points'
import { notePlainText } from './note'
import type { HighlightView } from './queries'

const COLUMNS = [
  'highlight_id',
  'author',
  'author_role',
  'tag',
  'visibility',
  'anchor_status',
  'paragraph',
  'start',
  'end',
  'quote',
  'note',
  'replies',
  'created_at',
] as const

const BOM = '\uFEFF'
const CRLF = '\r\n'

/** What starts a formula: OWASP's = + - @, and their full-width forms (＝＋－＠), which Japanese
 * input methods type and some spreadsheets read the same way. */
const FORMULA = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20'
/** A formula at the start, also behind spaces (which spreadsheets skip); or a leading tab or CR. */
const FORMULA_START = new RegExp(`^[\\s\\u3000]*[${FORMULA}]|^[\\t\\r]`)
/**
 * Where a spreadsheet set to another locale starts a cell inside one of ours: after a semicolon
 * or a tab (its separator, where our quotes do not begin its field) and after a line break (a new
 * row to it). "a;=cmd" would put "=cmd" in a cell of its own there, so it becomes "a;'=cmd".
 */
const INNER_FORMULA = new RegExp(`([;\\t\\r\\n][\\s"\\u3000]*)(?=[${FORMULA}])`, 'g')

function neutralised(text: string): string {
  const inner = text.replace(INNER_FORMULA, "$1'")
  return FORMULA_START.test(inner) ? `'${inner}` : inner
}

function cell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(value)
  const text = neutralised(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function paragraphOf(blocks: TextBlock[], highlight: HighlightView): number | null {
  if (highlight.anchorStatus === 'ORPHANED') return null
  // The first block the highlight overlaps, so a selection begun on a blank line still counts.
  return blocks.find((block) => block.end > highlight.start && block.start < highlight.end)?.number ?? null
}

export function exportHighlightsCsv(source: { text: string; layout?: unknown }, highlights: HighlightView[]): string {
  // Numbered by the stored layout, as the reader numbers them.
  const blocks = blocksOf(source.text, StoredLayout.parse(source.layout))
  const codePoints = codePointOffsets(source.text)
  const rows = highlights.map((h) =>
    [
      h.id,
      h.author.name,
      h.author.role?.toLowerCase() ?? null,
      h.tag.toLowerCase(),
      h.visibility.toLowerCase(),
      h.anchorStatus.toLowerCase(),
      paragraphOf(blocks, h),
      codePoints(h.start),
      codePoints(h.end),
      h.exact,
      notePlainText(h.note, { links: true }),
      h.replies.length,
      h.createdAt,
    ].map(cell),
  )
  return BOM + [[...COLUMNS], ...rows].map((row) => row.join(',') + CRLF).join('')
}
