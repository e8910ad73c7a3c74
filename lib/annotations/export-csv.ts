// A source's highlights as a CSV spreadsheet (lib/export/csv.ts: encoding, quoting and formulas
// made harmless), one row per highlight. Start and end count Unicode code points, as the JSON-LD
// export does; a note's links keep their address in brackets after the link text. The paragraph
// is the citation number of the paragraph the highlight starts in, empty for a heading and for an
// orphaned highlight (its passage is no longer in the text).
import { csvDocument } from '@/lib/export/csv'
import { blocksOf, type TextBlock } from '@/lib/sources/blocks'
import { StoredLayout } from '@/lib/sources/editing/schema'
import { codePointOffsets } from './code-points'
import { notePlainText } from './note'
import type { HighlightView } from './views'

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

function paragraphOf(blocks: TextBlock[], highlight: HighlightView): number | null {
  if (highlight.anchorStatus === 'ORPHANED') return null
  // The first block the highlight overlaps, so a selection begun on a blank line still counts.
  return blocks.find((block) => block.end > highlight.start && block.start < highlight.end)?.number ?? null
}

export function exportHighlightsCsv(source: { text: string; layout?: unknown }, highlights: HighlightView[]): string {
  // Numbered by the stored layout, as the reader numbers them.
  const blocks = blocksOf(source.text, StoredLayout.parse(source.layout))
  const codePoints = codePointOffsets(source.text)
  const rows = highlights.map((h) => [
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
  ])
  return csvDocument(COLUMNS, rows)
}
